package org.unigov.projects.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.projects.internal.ProjectOutcomes.Evaluation;
import tools.jackson.databind.json.JsonMapper;

/** The performance evaluation reports (绩效评价, P7) kept for each project ({@code prj_evaluation}). */
@Repository
public class Evaluations {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Evaluations(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The project's reports, newest first. */
	public List<Evaluation> of(UUID projectId) {
		return this.jdbc.sql("select * from prj_evaluation where project_id = ? order by evaluated_at desc")
			.param(projectId)
			.query((rs, n) -> evaluation(rs))
			.list();
	}

	/** Keeps a report, as written with its id, author and time. */
	public Evaluation insert(UUID projectId, Evaluation report, String evaluatedBy) {
		return this.jdbc.sql("""
				insert into prj_evaluation (id, project_id, report, zombie, evaluated_by) values (?, ?, ?::jsonb, ?, ?)
				returning *""")
			.params(UUID.randomUUID(), projectId, this.json.writeValueAsString(report), report.zombie(), evaluatedBy)
			.query((rs, n) -> evaluation(rs))
			.single();
	}

	private Evaluation evaluation(ResultSet rs) throws SQLException {
		Evaluation report = this.json.readValue(rs.getString("report"), Evaluation.class);
		return new Evaluation(rs.getObject("id", UUID.class), report.projectId(), report.systemId(), report.evaluatedOn(),
				report.due(), report.interim(), report.targets(), report.use(), report.reportedMonthlyActiveUsers(),
				report.zombie(), report.zombieReason(), rs.getString("evaluated_by"),
				rs.getObject("evaluated_at", OffsetDateTime.class).toInstant(), report.reasonKey(), report.reasonArgs());
	}
}
