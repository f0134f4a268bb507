package org.unigov.projects.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.projects.internal.ProjectOutcomes.Acceptance;
import org.unigov.projects.internal.ProjectOutcomes.CheckItem;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The acceptance requests (验收, P6) and their decisions ({@code prj_acceptance}). */
@Repository
public class Acceptances {

	private static final TypeReference<List<CheckItem>> CHECKLIST = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Acceptances(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The project's latest request, if it has one. */
	public Optional<Acceptance> latest(UUID projectId) {
		return this.jdbc.sql("select * from prj_acceptance where project_id = ? order by requested_at desc limit 1")
			.param(projectId)
			.query((rs, n) -> acceptance(rs))
			.optional();
	}

	/** A new request with the checklist computed for it. */
	public Acceptance request(UUID projectId, List<CheckItem> checklist, boolean verifiedOk, String requestedBy) {
		return this.jdbc.sql("""
				insert into prj_acceptance (id, project_id, checklist, verified_ok, status, requested_by)
				values (?, ?, ?::jsonb, ?, 'requested', ?)
				returning *""")
			.params(UUID.randomUUID(), projectId, this.json.writeValueAsString(checklist), verifiedOk, requestedBy)
			.query((rs, n) -> acceptance(rs))
			.single();
	}

	/** The decision on a request, with the checklist as computed at the decision. */
	public Acceptance decide(UUID acceptanceId, boolean accept, List<CheckItem> checklist, boolean verifiedOk,
			String decidedBy, @Nullable String comment) {
		return this.jdbc.sql("""
				update prj_acceptance set status = ?, checklist = ?::jsonb, verified_ok = ?, decided_by = ?, decided_at = now(),
				    comment = ?
				where id = ?
				returning *""")
			.params(accept ? "accepted" : "refused", this.json.writeValueAsString(checklist), verifiedOk, decidedBy, comment,
					acceptanceId)
			.query((rs, n) -> acceptance(rs))
			.single();
	}

	private Acceptance acceptance(ResultSet rs) throws SQLException {
		return new Acceptance(rs.getObject("id", UUID.class), rs.getString("status"),
				this.json.readValue(rs.getString("checklist"), CHECKLIST), rs.getBoolean("verified_ok"),
				rs.getString("requested_by"), rs.getObject("requested_at", OffsetDateTime.class).toInstant(),
				rs.getString("decided_by"), instant(rs.getObject("decided_at", OffsetDateTime.class)),
				rs.getString("comment"));
	}

	private static @Nullable Instant instant(@Nullable OffsetDateTime at) {
		return at == null ? null : at.toInstant();
	}
}
