package org.unigov.projects.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.shared.Actor;

/** The module's one row of settings ({@code prj_settings}): the P5 thresholds and the review days. */
@Repository
public class SettingsRows {

	private final JdbcClient jdbc;

	SettingsRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public ProjectSettings current() {
		return this.jdbc.sql("select * from prj_settings where id = 1").query((rs, n) -> settings(rs)).single();
	}

	/** Stores new settings if still at {@code expectedVersion}; empty when they were changed meanwhile. */
	public Optional<ProjectSettings> update(long countyToCityFen, long toProvinceFen, double duplicateThreshold,
			int reviewDays, Actor actor, long expectedVersion) {
		return this.jdbc.sql("""
				update prj_settings set county_to_city_fen = ?, to_province_fen = ?, duplicate_threshold = ?,
				    review_days = ?, version = version + 1, updated_at = now(), updated_by = ?,
				    updated_by_name = ?
				where id = 1 and version = ?
				returning *""")
			.params(countyToCityFen, toProvinceFen, duplicateThreshold, reviewDays, actor.username(), actor.displayName(),
					expectedVersion)
			.query((rs, n) -> settings(rs))
			.optional();
	}

	private static ProjectSettings settings(ResultSet rs) throws SQLException {
		return new ProjectSettings(rs.getLong("county_to_city_fen"), rs.getLong("to_province_fen"),
				rs.getDouble("duplicate_threshold"), rs.getInt("review_days"), rs.getLong("version"),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"),
				rs.getString("updated_by_name"));
	}
}
