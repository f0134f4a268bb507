package org.unigov.projects.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.projects.ProjectReviews;
import org.unigov.projects.ReviewStep;
import org.unigov.projects.Stage;
import org.unigov.projects.StepStatus;
import org.unigov.shared.Actor;

/** The review steps of the proposals' submissions ({@code prj_review_step}). */
@Repository
public class ReviewSteps {

	private static final RowMapper<ReviewStep> STEPS = (rs, n) -> new ReviewStep(rs.getObject("id", UUID.class),
			rs.getObject("project_id", UUID.class), rs.getInt("round"), Projects.code(Stage.class, rs.getString("stage")),
			ReviewStep.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), rs.getInt("level"),
			rs.getString("division_code"), rs.getInt("position"), Projects.code(StepStatus.class, rs.getString("status")),
			instant(rs.getObject("activated_at", OffsetDateTime.class)), rs.getObject("due", LocalDate.class),
			rs.getString("decided_by"), rs.getString("decided_by_name"),
			instant(rs.getObject("decided_at", OffsetDateTime.class)), rs.getString("comment"));

	private final JdbcClient jdbc;

	ReviewSteps(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Cancels the steps of a project still waiting or pending, as when it is withdrawn. */
	public void cancelOpen(UUID projectId) {
		this.jdbc.sql("update prj_review_step set status = 'cancelled' where project_id = ? and status in ('waiting', 'pending')")
			.param(projectId)
			.update();
	}

	/** Records a reviewer's decision on a step. */
	public void decide(UUID stepId, String status, Actor actor, @Nullable String comment) {
		this.jdbc.sql("""
				update prj_review_step set status = ?, decided_by = ?, decided_by_name = ?, decided_at = now(), comment = ?
				where id = ?""")
			.params(status, actor.username(), actor.displayName(), comment, stepId)
			.update();
	}

	/** Makes the waiting approval step at {@code position} pending; its division when there was one. */
	public Optional<String> activateNext(UUID projectId, int round, int position, LocalDate due) {
		return this.jdbc.sql("""
				update prj_review_step set status = 'pending', activated_at = now(), due = ?
				where project_id = ? and round = ? and kind = 'approval' and position = ? and status = 'waiting'
				returning division_code""")
			.params(due, projectId, round, position)
			.query(String.class)
			.optional();
	}

	/** How many steps of the round still wait or are pending. */
	public long openCount(UUID projectId, int round) {
		return this.jdbc.sql("""
				select count(*) from prj_review_step
				where project_id = ? and round = ? and status in ('waiting', 'pending')""")
			.params(projectId, round)
			.query(Long.class)
			.single();
	}

	/** Cancels the round's open steps, as when a reviewer returns or rejects. */
	public void cancelRound(UUID projectId, int round) {
		this.jdbc.sql("""
				update prj_review_step set status = 'cancelled'
				where project_id = ? and round = ? and status in ('waiting', 'pending')""")
			.params(projectId, round)
			.update();
	}

	/** A new step of a round: pending (with its due date) or waiting for the level below. */
	public ReviewStep insert(UUID projectId, int round, Stage stage, ReviewStep.Kind kind, int level, String division,
			int position, boolean pending, LocalDate due) {
		return this.jdbc.sql("""
				insert into prj_review_step (id, project_id, round, stage, kind, level, division_code, position, status,
				    activated_at, due)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, case when ? then now() end, ?)
				returning *""")
			.params(UUID.randomUUID(), projectId, round, stage.code(), kind.code(), level, division, position,
					pending ? "pending" : "waiting", pending, pending ? due : null)
			.query(STEPS)
			.single();
	}

	/** The steps of one round, approvals lowest level first, then the budget review. */
	public List<ReviewStep> round(UUID projectId, int round) {
		return this.jdbc.sql("select * from prj_review_step where project_id = ? and round = ? order by kind, position")
			.params(projectId, round)
			.query(STEPS)
			.list();
	}

	/** Every step of every round, newest round first. */
	public List<ReviewStep> all(UUID projectId) {
		return this.jdbc.sql("select * from prj_review_step where project_id = ? order by round desc, kind, position")
			.param(projectId)
			.query(STEPS)
			.list();
	}

	/** Moves the due date of a project's pending steps (the demo's overdue review). */
	public void setPendingDue(UUID projectId, LocalDate due) {
		this.jdbc.sql("update prj_review_step set due = ? where project_id = ? and status = 'pending'")
			.params(due, projectId)
			.update();
	}

	/**
	 * The steps pending with {@code division} of the given kinds, oldest due first, with their
	 * projects; only those due before {@code overdueOn} when it is given.
	 */
	public Page<ProjectReviews.QueueItem> queue(String division, List<String> kinds, @Nullable LocalDate overdueOn,
			LocalDate today, Pageable pageable) {
		String where = " from prj_review_step s join prj_project p on p.id = s.project_id"
				+ " where s.status = 'pending' and s.division_code = ? and s.kind = any(?)"
				+ (overdueOn != null ? " and s.due < ?" : "");
		List<Object> params = new ArrayList<>(List.of(division, kinds.toArray(String[]::new)));
		if (overdueOn != null) {
			params.add(overdueOn);
		}
		long total = this.jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(pageable.getPageSize());
		pageParams.add(pageable.getOffset());
		List<ProjectReviews.QueueItem> items = this.jdbc
			.sql("select s.*, p.code as p_code, p.name as p_name, p.agency_code as p_agency,"
					+ " p.division_code as p_division, p.type as p_type, p.total_fen as p_total, p.version as p_version"
					+ where + " order by s.due, s.activated_at, s.id limit ? offset ?")
			.params(pageParams)
			.query((rs, n) -> {
				ReviewStep step = STEPS.mapRow(rs, n);
				return new ProjectReviews.QueueItem(step, step.projectId(), rs.getString("p_code"), rs.getString("p_name"),
						rs.getString("p_agency"), rs.getString("p_division"), rs.getString("p_type"), step.stage().code(),
						rs.getLong("p_total"), rs.getLong("p_version"), step.overdue(today));
			})
			.list();
		return new PageImpl<>(items, pageable, total);
	}

	private static @Nullable Instant instant(@Nullable OffsetDateTime at) {
		return at == null ? null : at.toInstant();
	}
}
