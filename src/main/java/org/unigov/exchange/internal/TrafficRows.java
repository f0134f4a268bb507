package org.unigov.exchange.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The daily traffic roll-up ({@code exc_traffic_daily}, kept by the access log's trigger): its
 * SQL and row mapping. Names of resources, systems and agencies are not here: the report resolves
 * them through the owning modules.
 */
@Repository
public class TrafficRows {

	/** The most rows one view reads. */
	static final int MAX_ROWS = 5000;

	private final JdbcClient jdbc;

	TrafficRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One day of one resource for one consumer system, as rolled up; latencies in microseconds. */
	public record Row(LocalDate day, String resourceCode, UUID consumerSystemId, UUID consumerAgencyId,
			UUID providerAgencyId, long calls, long errors, long denied, long rejected, long latencySumUs, long maxUs,
			long under5ms, long bytes) {
	}

	/**
	 * The rows between two days, newest and busiest first; {@code agencies} (when not null) keeps
	 * those whose agency on {@code side} is one of them.
	 */
	public List<Row> find(LocalDate from, LocalDate to, boolean provider, @Nullable List<UUID> agencies) {
		List<Object> params = new ArrayList<>(List.of(from, to));
		String where = "where day between ? and ?";
		if (agencies != null) {
			where += provider ? " and provider_agency_id = any(?)" : " and consumer_agency_id = any(?)";
			params.add(agencies.toArray(UUID[]::new));
		}
		return this.jdbc.sql("select * from exc_traffic_daily " + where + " order by day desc, calls desc limit " + MAX_ROWS)
			.params(params)
			.query((rs, n) -> new Row(rs.getObject("day", LocalDate.class), rs.getString("resource_code"),
					rs.getObject("consumer_system_id", UUID.class), rs.getObject("consumer_agency_id", UUID.class),
					rs.getObject("provider_agency_id", UUID.class), rs.getLong("calls"), rs.getLong("errors"),
					rs.getLong("denied"), rs.getLong("rejected"), rs.getLong("latency_us_sum"),
					rs.getLong("latency_us_max"), rs.getLong("under_5ms"), rs.getLong("bytes")))
			.list();
	}

	/** Calls answered (denied not counted) per month for the resources with these codes ({@code 101-00001}). */
	public Map<YearMonth, Long> servedByMonth(LocalDate from, LocalDate to, List<String> resourceCodes) {
		if (resourceCodes.isEmpty()) {
			return Map.of();
		}
		return byMonth("resource_code = any(?)", from, to, resourceCodes.toArray(String[]::new));
	}

	/** Calls a consumer system made (denied not counted) per month. */
	public Map<YearMonth, Long> madeByMonth(LocalDate from, LocalDate to, UUID systemId) {
		return byMonth("consumer_system_id = ?", from, to, systemId);
	}

	private Map<YearMonth, Long> byMonth(String condition, LocalDate from, LocalDate to, Object value) {
		Map<YearMonth, Long> months = new HashMap<>();
		this.jdbc.sql("select date_trunc('month', day)::date as month, sum(calls - denied) as calls"
				+ " from exc_traffic_daily where day between ? and ? and " + condition + " group by 1")
			.params(from, to, value)
			.query((rs, n) -> months.put(YearMonth.from(rs.getObject("month", LocalDate.class)), rs.getLong("calls")))
			.list();
		return months;
	}
}
