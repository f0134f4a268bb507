package org.unigov.projects.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.projects.internal.ProjectExecution.Milestone;

/** The milestone plans of approved projects ({@code prj_milestone}). */
@Repository
public class Milestones {

	private final JdbcClient jdbc;

	Milestones(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The project's plan in its order. */
	public List<Milestone> of(UUID projectId) {
		return this.jdbc.sql("select * from prj_milestone where project_id = ? order by line")
			.param(projectId)
			.query((rs, n) -> new Milestone(rs.getString("name"), rs.getObject("planned", LocalDate.class),
					rs.getObject("actual", LocalDate.class), rs.getInt("weight_pct")))
			.list();
	}

	/** Replaces the project's plan. */
	public List<Milestone> replace(UUID projectId, List<Milestone> milestones) {
		this.jdbc.sql("delete from prj_milestone where project_id = ?").param(projectId).update();
		int line = 0;
		for (Milestone m : milestones) {
			this.jdbc.sql("insert into prj_milestone (project_id, line, name, planned, actual, weight_pct) values (?, ?, ?, ?, ?, ?)")
				.params(projectId, ++line, m.name(), m.planned(), m.actual(), m.weightPct())
				.update();
		}
		return List.copyOf(milestones);
	}
}
