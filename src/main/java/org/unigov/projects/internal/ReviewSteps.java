package org.unigov.projects.internal;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.shared.Actor;

/** The review steps of the proposals' submissions ({@code prj_review_step}). */
@Repository
public class ReviewSteps {

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
}
