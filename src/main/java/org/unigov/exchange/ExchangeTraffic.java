package org.unigov.exchange;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * Traffic through the exchange by day, from the daily roll-up the access log maintains: a
 * provider sees the calls to its resources, a consumer the calls of its systems, a coordinator
 * or auditor both for the agencies of its level.
 */
@Service
public class ExchangeTraffic {

	/** The widest range one view reads. */
	public static final int MAX_DAYS = 400;

	private final JdbcClient jdbc;

	ExchangeTraffic(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Which side of the calls: those made to the agency's resources, or those its systems made. */
	public enum Side {
		PROVIDER, CONSUMER
	}

	/**
	 * One day of one resource for one consumer system; latencies in microseconds. Every call is in
	 * exactly one class: answered (2xx), {@code errors} (5xx: the provider or the gateway failed),
	 * {@code denied} (401, 403, 429: refused under the grant, S6) or {@code rejected} (any other 4xx:
	 * a malformed call, an operation not offered, a request the provider rejected or found nothing
	 * for).
	 *
	 * @param fastPerMille how many calls in a thousand were answered in under 5 ms
	 */
	public record DayRow(LocalDate day, String resourceCode, String resourceName, UUID consumerSystemId,
			String consumerSystem, String consumerAgency, String providerAgency, long calls, long errors, long denied,
			long rejected, long averageUs, long maxUs, long fastPerMille, long bytes) {
	}

	/** The totals of one day over every row, for the chart. */
	public record DayTotal(LocalDate day, long calls, long errors, long denied, long rejected, long averageUs) {
	}

	public record Traffic(Side side, LocalDate from, LocalDate to, List<DayRow> rows, List<DayTotal> days, long calls,
			long errors, long denied, long rejected) {
	}

	/**
	 * A registered system's use of the exchange in one month: calls its data services answered
	 * (denied calls not counted) and calls it made as a consumer.
	 */
	public record MonthUse(java.time.YearMonth month, long served, long made) {
	}

	/**
	 * Month by month from {@code from} to {@code to} (both included, months without calls as zeros):
	 * what project evaluation (P7) measures use by. Read from the daily traffic of the access log.
	 */
	@Transactional(readOnly = true)
	public List<MonthUse> monthlyUse(UUID systemId, java.time.YearMonth from, java.time.YearMonth to) {
		java.util.Map<java.time.YearMonth, long[]> months = new java.util.TreeMap<>();
		for (java.time.YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
			months.put(m, new long[2]);
		}
		LocalDate first = from.atDay(1);
		LocalDate last = to.atEndOfMonth();
		this.jdbc.sql("""
				select date_trunc('month', t.day)::date as month, sum(t.calls - t.denied) as calls
				from exc_traffic_daily t
				where t.day between ? and ?
				  and t.resource_code in (select replace(s.entry_code, '/', '-') from exc_service s where s.system_id = ?)
				group by 1""")
			.params(first, last, systemId)
			.query((rs, n) -> months.get(java.time.YearMonth.from(rs.getObject("month", LocalDate.class)))[0] = rs.getLong("calls"))
			.list();
		this.jdbc.sql("""
				select date_trunc('month', day)::date as month, sum(calls - denied) as calls
				from exc_traffic_daily where day between ? and ? and consumer_system_id = ?
				group by 1""")
			.params(first, last, systemId)
			.query((rs, n) -> months.get(java.time.YearMonth.from(rs.getObject("month", LocalDate.class)))[1] = rs.getLong("calls"))
			.list();
		List<MonthUse> use = new java.util.ArrayList<>();
		months.forEach((month, calls) -> use.add(new MonthUse(month, calls[0], calls[1])));
		return use;
	}

	@Transactional(readOnly = true)
	public Traffic traffic(Actor actor, Side side, @Nullable LocalDate from, @Nullable LocalDate to) {
		if (!ExchangeLog.canInspect(actor)) {
			throw new UnigovException(CommonError.FORBIDDEN, "Exchange traffic is visible to government staff only.");
		}
		LocalDate end = to == null ? LocalDate.now(AccessLog.ZONE) : to;
		LocalDate start = from == null ? end.minusDays(29) : from;
		if (start.isAfter(end) || start.plusDays(MAX_DAYS).isBefore(end)) {
			throw new UnigovException(CommonError.INVALID_PARAMETER,
					"from must not be after to, and a view spans at most " + MAX_DAYS + " days.");
		}
		List<Object> params = new ArrayList<>();
		params.add(start);
		params.add(end);
		String column = side == Side.PROVIDER ? "t.provider_agency_id" : "t.consumer_agency_id";
		StringBuilder where = new StringBuilder("where t.day between ? and ?");
		if (!actor.has(Role.PLATFORM_ADMIN)) {
			if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.scopePrefix() != null) {
				where.append(" and ").append(column).append(" in (select id from org_agency where division_code like ?)");
				params.add(org.unigov.shared.jdbc.Where.scopePattern(actor));
			}
			else {
				where.append(" and ").append(column).append(" = ?");
				params.add(actor.agencyId() == null ? new UUID(0, 0) : actor.agencyId());
			}
		}
		List<DayRow> rows = this.jdbc.sql("""
				select t.*, coalesce(e.name, t.resource_code) as resource_name, coalesce(s.name, '') as system_name,
				    coalesce(ca.name_zh, '') as consumer_name, coalesce(pa.name_zh, '') as provider_name
				from exc_traffic_daily t
				left join cat_entry e on e.code = replace(t.resource_code, '-', '/')
				left join reg_system s on s.id = t.consumer_system_id
				left join org_agency ca on ca.id = t.consumer_agency_id
				left join org_agency pa on pa.id = t.provider_agency_id
				""" + where + " order by t.day desc, t.calls desc limit 5000")
			.params(params)
			.query((rs, n) -> {
				long calls = rs.getLong("calls");
				return new DayRow(rs.getObject("day", LocalDate.class), rs.getString("resource_code"),
						rs.getString("resource_name"), rs.getObject("consumer_system_id", UUID.class),
						rs.getString("system_name"), rs.getString("consumer_name"), rs.getString("provider_name"), calls,
						rs.getLong("errors"), rs.getLong("denied"), rs.getLong("rejected"),
						calls == 0 ? 0 : rs.getLong("latency_us_sum") / calls, rs.getLong("latency_us_max"),
						calls == 0 ? 0 : rs.getLong("under_5ms") * 1000 / calls, rs.getLong("bytes"));
			})
			.list();
		// per day: calls, errors, refusals, rejections, latency sum (µs)
		java.util.Map<LocalDate, long[]> sums = new java.util.HashMap<>();
		for (DayRow row : rows) {
			long[] sum = sums.computeIfAbsent(row.day(), d -> new long[5]);
			sum[0] += row.calls();
			sum[1] += row.errors();
			sum[2] += row.denied();
			sum[3] += row.rejected();
			sum[4] += row.averageUs() * row.calls();
		}
		List<DayTotal> days = new ArrayList<>();
		long[] total = new long[4];
		for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
			long[] sum = sums.getOrDefault(day, new long[5]);
			days.add(new DayTotal(day, sum[0], sum[1], sum[2], sum[3], sum[0] == 0 ? 0 : sum[4] / sum[0]));
			for (int i = 0; i < 4; i++) {
				total[i] += sum[i];
			}
		}
		return new Traffic(side, start, end, rows, days, total[0], total[1], total[2], total[3]);
	}
}
