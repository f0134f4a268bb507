package org.unigov.projects.internal;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

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
}
