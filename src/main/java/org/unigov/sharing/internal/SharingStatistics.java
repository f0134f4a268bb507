package org.unigov.sharing.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sharing statistics per agency, for coordinators (S5: late replies and deliveries are violations
 * to be shown) and for the insight module: requests made and received, the median reply time in
 * working days, late replies and deliveries (answered late, or still open past the deadline), and
 * refusals by reason. A read model over {@code shr_request}: queries only.
 */
@Repository
@Transactional(readOnly = true)
public class SharingStatistics {

	private final JdbcClient jdbc;

	SharingStatistics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One agency's figures. */
	public record AgencyStatistics(UUID agencyId, String divisionCode, long made, long received, long replied,
			@Nullable Double medianReplyWorkingDays, long lateReplies, long overdueReplies, long lateDeliveries,
			long overdueDeliveries, Map<String, Long> refusalsByCategory) {

		public long refusals() {
			return this.refusalsByCategory.values().stream().mapToLong(Long::longValue).sum();
		}
	}

	/**
	 * The figures of every agency with requests, within a division prefix ("" for the province),
	 * busiest first; {@code today} decides what is overdue.
	 */
	public List<AgencyStatistics> perAgency(String divisionPrefix, LocalDate today) {
		String like = divisionPrefix + "%";
		Map<UUID, long[]> made = new HashMap<>();
		Map<UUID, String> divisions = new HashMap<>();
		this.jdbc.sql("""
				select requester_agency_id, requester_division, count(*) from shr_request
				where requester_division like ? and kind <> 'return' group by 1, 2""")
			.param(like)
			.query(rs -> {
				UUID id = rs.getObject(1, UUID.class);
				divisions.put(id, rs.getString(2));
				made.put(id, new long[] { rs.getLong(3) });
			});
		List<AgencyStatistics> result = new ArrayList<>();
		Map<UUID, Map<String, Long>> refusals = new HashMap<>();
		this.jdbc.sql("""
				select provider_agency_id, refusal_category, count(*) from shr_request
				where provider_division like ? and status = 'refused' group by 1, 2""")
			.param(like)
			.query(rs -> {
				refusals.computeIfAbsent(rs.getObject(1, UUID.class), k -> new LinkedHashMap<>())
					.put(rs.getString(2), rs.getLong(3));
			});
		this.jdbc.sql("""
				select provider_agency_id, provider_division, count(*) filter (where kind <> 'return'),
				       count(*) filter (where replied_on is not null and replied_by <> 'system'),
				       percentile_cont(0.5) within group (order by reply_working_days)
				           filter (where replied_on is not null and replied_by <> 'system'),
				       count(*) filter (where replied_on > reply_due),
				       count(*) filter (where status = 'submitted' and reply_due < ?),
				       count(*) filter (where delivered_on > delivery_due),
				       count(*) filter (where status = 'approved' and delivered_at is null and delivery_due < ?)
				from shr_request where provider_division like ? group by 1, 2""")
			.params(today, today, like)
			.query(rs -> {
				UUID id = rs.getObject(1, UUID.class);
				Double median = rs.getObject(5) == null ? null : rs.getDouble(5);
				long[] m = made.remove(id);
				result.add(new AgencyStatistics(id, rs.getString(2), m == null ? 0 : m[0], rs.getLong(3), rs.getLong(4),
						median, rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
						refusals.getOrDefault(id, Map.of())));
			});
		made.forEach((id, m) -> result.add(new AgencyStatistics(id, divisions.get(id), m[0], 0, 0, null, 0, 0, 0, 0,
				Map.of())));
		result.sort((a, b) -> Long.compare(b.made() + b.received(), a.made() + a.received()));
		return result;
	}
}
