package org.unigov.projects.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.projects.internal.ProjectExecution.Spend;

/** The money actually spent on projects, one record per payment or correction ({@code prj_spend}). */
@Repository
public class Spending {

	private final JdbcClient jdbc;

	Spending(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The project's records, oldest payment first. */
	public List<Spend> of(UUID projectId) {
		return this.jdbc.sql("select * from prj_spend where project_id = ? order by spent_on, recorded_at")
			.param(projectId)
			.query((rs, n) -> spend(rs))
			.list();
	}

	/** Records a payment (or a negative correction), as written. */
	public Spend insert(UUID projectId, LocalDate spentOn, BudgetKind kind, long amountFen, String note, String recordedBy) {
		return this.jdbc.sql("""
				insert into prj_spend (id, project_id, spent_on, kind, amount_fen, note, recorded_by)
				values (?, ?, ?, ?, ?, ?, ?)
				returning *""")
			.params(UUID.randomUUID(), projectId, spentOn, kind.code(), amountFen, note, recordedBy)
			.query((rs, n) -> spend(rs))
			.single();
	}

	private static Spend spend(ResultSet rs) throws SQLException {
		return new Spend(rs.getObject("id", UUID.class), rs.getObject("spent_on", LocalDate.class),
				Projects.code(BudgetKind.class, rs.getString("kind")), rs.getLong("amount_fen"), rs.getString("note"),
				rs.getString("recorded_by"), rs.getObject("recorded_at", OffsetDateTime.class).toInstant());
	}
}
