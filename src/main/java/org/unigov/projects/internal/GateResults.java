package org.unigov.projects.internal;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The gates of each submission as they were run then ({@code prj_gate_result}), kept for the reviewers. */
@Repository
public class GateResults {

	private static final TypeReference<List<GateResult.Reason>> REASONS = new TypeReference<>() {
	};

	private static final List<String> ORDER = List.of(GateResult.DUPLICATE, GateResult.SHARING, GateResult.IDENTITY,
			GateResult.BUDGET);

	private final JdbcClient jdbc;

	private final JsonMapper json;

	GateResults(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Keeps the gates of a submission's round. */
	public void insert(UUID projectId, int round, List<GateResult> results) {
		for (GateResult gate : results) {
			this.jdbc.sql("insert into prj_gate_result (project_id, round, gate, outcome, reasons) values (?, ?, ?, ?, ?::jsonb)")
				.params(projectId, round, gate.gate(), gate.outcome().code(), this.json.writeValueAsString(gate.reasons()))
				.update();
		}
	}

	/** The gates of one round in the order they run (empty before the first submission). */
	public List<GateResult> round(UUID projectId, int round) {
		return this.jdbc.sql("select * from prj_gate_result where project_id = ? and round = ? order by checked_at, gate")
			.params(projectId, round)
			.query((rs, n) -> new GateResult(rs.getString("gate"), rule(rs.getString("gate")),
					Projects.code(GateOutcome.class, rs.getString("outcome")),
					this.json.readValue(rs.getString("reasons"), REASONS)))
			.list()
			.stream()
			.sorted(Comparator.comparingInt(g -> ORDER.indexOf(g.gate())))
			.toList();
	}

	private static String rule(String gate) {
		return switch (gate) {
			case GateResult.DUPLICATE -> "P3";
			case GateResult.SHARING -> "P2";
			case GateResult.IDENTITY -> "P4";
			default -> "P5";
		};
	}
}
