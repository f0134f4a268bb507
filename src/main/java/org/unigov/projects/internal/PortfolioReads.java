package org.unigov.projects.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.projects.internal.ProjectPortfolio.ExportRow;
import org.unigov.projects.internal.ProjectPortfolio.Item;
import org.unigov.projects.internal.ProjectPortfolio.Spend;
import org.unigov.projects.internal.ProjectPortfolio.StageCount;

/**
 * The portfolio's read-only queries over the projects of one division subtree: every method takes
 * the subtree's {@code like} pattern (a division-code prefix and {@code %}) the portfolio checked
 * against the actor's scope.
 */
@Repository
public class PortfolioReads {

	/** The most agencies the spending by agency lists. */
	static final int AGENCY_LIMIT = 50;

	private final JdbcClient jdbc;

	PortfolioReads(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Plans the following queries of the caller's transaction for their actual division prefix.
	 * How many projects a prefix selects ranges from a county's few hundred to the whole province,
	 * and once a statement is prepared PostgreSQL may switch to one generic plan for every prefix:
	 * measured with 50,000 projects, that plan took the spending by capability from 22 to 63 ms.
	 */
	public void planForEachPrefix() {
		this.jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
	}

	/** The pipeline over every project, and budgets and spending by division and by agency. */
	public record Breakdown(List<StageCount> pipeline, List<Spend> byDivision, List<Spend> byAgency) {
	}

	/** Up to the limit of projects and how many there are in all. */
	public record Listed(long total, List<Item> items) {
	}

	/**
	 * One scan for three views: the pipeline over every project, and budgets and spending of the
	 * approved and accepted ones by division and by agency (grouping sets).
	 */
	public Breakdown breakdown(String like) {
		List<StageCount> pipeline = new ArrayList<>();
		List<Spend> byDivision = new ArrayList<>();
		List<Spend> byAgency = new ArrayList<>();
		this.jdbc.sql("""
				select stage, status, division_code, agency_code, count(*) as n, coalesce(sum(total_fen), 0) as total,
				    count(*) filter (where status in ('approved', 'accepted')) as approved,
				    coalesce(sum(total_fen) filter (where status in ('approved', 'accepted')), 0) as budget,
				    coalesce(sum(spent_fen) filter (where status in ('approved', 'accepted')), 0) as spent
				from prj_project where division_code like ? and status <> 'withdrawn'
				group by grouping sets ((stage, status), (division_code), (agency_code))""")
			.param(like)
			.query((rs, n) -> {
				if (rs.getString("stage") != null) {
					pipeline.add(new StageCount(rs.getString("stage"), rs.getString("status"), rs.getLong("n"), rs.getLong("total")));
				}
				else if (rs.getLong("approved") > 0) {
					String key = rs.getString("division_code") != null ? rs.getString("division_code") : rs.getString("agency_code");
					Spend spend = new Spend(key, key, rs.getLong("approved"), rs.getLong("budget"), rs.getLong("spent"));
					(rs.getString("division_code") != null ? byDivision : byAgency).add(spend);
				}
				return null;
			})
			.list();
		pipeline.sort(Comparator.comparing(StageCount::stage).thenComparing(StageCount::status));
		Comparator<Spend> largest = Comparator.comparingLong(Spend::budgetFen).reversed().thenComparing(Spend::key);
		byDivision.sort(largest);
		byAgency.sort(largest);
		if (byAgency.size() > AGENCY_LIMIT) {
			byAgency.subList(AGENCY_LIMIT, byAgency.size()).clear();
		}
		return new Breakdown(pipeline, byDivision, byAgency);
	}

	/** Budgets and spending of the approved and accepted projects by planned capability (named by its code). */
	public List<Spend> byCapability(String like) {
		return this.jdbc.sql("""
				select c as k, count(*) as n, sum(p.total_fen) as budget, sum(p.spent_fen) as spent
				from prj_project p cross join lateral unnest(p.capabilities) c
				where p.division_code like ? and p.status in ('approved', 'accepted')
				group by c order by budget desc""")
			.param(like)
			.query((rs, n) -> new Spend(rs.getString("k"), rs.getString("k"), rs.getLong("n"), rs.getLong("budget"),
					rs.getLong("spent")))
			.list();
	}

	/** The review steps pending past their due date, oldest due first. */
	public Listed overdueReviews(String like, LocalDate today, int limit) {
		return listed("""
				select p.*, s.due as step_due, s.division_code as step_division, s.kind as step_kind, count(*) over () as total
				from prj_review_step s join prj_project p on p.id = s.project_id
				where s.status = 'pending' and s.due < ? and p.division_code like ?
				order by s.due, p.code limit ?""", List.of(today, like, limit), true);
	}

	/** Drafts and returned proposals whose gates failed when last saved, latest first. */
	public Listed failingGates(String like, int limit) {
		return listed("""
				select p.*, count(*) over () as total from prj_project p
				where gate_outcome = 'fail' and status in ('draft', 'returned') and division_code like ?
				order by gates_checked_at desc, code limit ?""", List.of(like, limit), false);
	}

	/** The projects whose latest evaluation found a zombie system. */
	public Listed zombies(String like, int limit) {
		return listed("""
				select p.*, count(*) over () as total
				from (select distinct on (project_id) project_id, zombie from prj_evaluation
				      order by project_id, evaluated_at desc) e
				join prj_project p on p.id = e.project_id
				where e.zombie and p.division_code like ?
				order by p.code limit ?""", List.of(like, limit), false);
	}

	/** The projects approved last. */
	public List<Item> recentlyApproved(String like, int limit) {
		return this.jdbc.sql("""
				select p.* from prj_project p
				where p.status in ('approved', 'accepted') and p.division_code like ?
				order by p.decided_at desc nulls last, p.code limit ?""")
			.params(like, limit)
			.query((rs, n) -> item(rs, null, null))
			.list();
	}

	/** Every project of the subtree for the spreadsheet, by division and code. */
	public List<ExportRow> exportRows(String like, int limit) {
		return this.jdbc.sql("""
				select p.* from prj_project p where p.division_code like ? order by p.division_code, p.code limit ?""")
			.params(like, limit)
			.query((rs, n) -> new ExportRow(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"),
					rs.getObject("agency_id", UUID.class), rs.getString("agency_code"), rs.getString("division_code"),
					rs.getString("type"), rs.getString("path"), rs.getString("stage"), rs.getString("status"),
					rs.getLong("build_fen"), rs.getLong("om_fen"), rs.getLong("total_fen"), rs.getLong("spent_fen"),
					rs.getString("gate_outcome"), Arrays.stream((Integer[]) rs.getArray("route").getArray()).toList(),
					List.of((String[]) rs.getArray("capabilities").getArray()),
					date(rs.getObject("submitted_at", OffsetDateTime.class)),
					date(rs.getObject("decided_at", OffsetDateTime.class))))
			.list();
	}

	/** A list with its full count in one query (a window over the rows before the limit). */
	private Listed listed(String sql, List<Object> params, boolean steps) {
		long[] total = { 0 };
		List<Item> items = this.jdbc.sql(sql).params(params).query((rs, n) -> {
			total[0] = rs.getLong("total");
			return steps ? item(rs, rs.getObject("step_due", LocalDate.class),
					rs.getString("step_kind") + " @ " + rs.getString("step_division")) : item(rs, null, null);
		}).list();
		return new Listed(total[0], items);
	}

	private static Item item(ResultSet rs, @Nullable LocalDate due, @Nullable String note) throws SQLException {
		return new Item(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"),
				rs.getString("agency_code"), rs.getString("division_code"), rs.getString("stage"), rs.getString("status"),
				rs.getLong("total_fen"), due, note);
	}

	private static @Nullable LocalDate date(@Nullable OffsetDateTime at) {
		return at == null ? null : at.atZoneSameInstant(WorkingCalendar.ZONE).toLocalDate();
	}
}
