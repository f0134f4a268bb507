package org.unigov.catalog.harvest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Harvest jobs: their document, progress and per-dataset results. */
@Repository
class HarvestJobs {

	private static final String COLUMNS = """
			id, source_id, dry_run, state, document_name, document_format, total, processed, created, updated,
			unchanged, skipped, problems, results, failure, started_by, started_at, finished_at""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	HarvestJobs(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(UUID id, UUID sourceId, boolean dryRun, String documentName, @Nullable String format, byte[] document,
			int total, String startedBy) {
		this.jdbc.sql("""
				insert into cat_harvest_job (id, source_id, dry_run, state, document_name, document_format, document,
				    total, started_by)
				values (?, ?, ?, 'running', ?, ?, ?, ?, ?)""")
			.params(id, sourceId, dryRun, documentName, format, document, total, startedBy)
			.update();
	}

	void insertFailed(UUID id, UUID sourceId, String documentName, String failure, String startedBy) {
		this.jdbc.sql("""
				insert into cat_harvest_job (id, source_id, dry_run, state, document_name, document, failure, started_by,
				    finished_at)
				values (?, ?, false, 'failed', ?, ''::bytea, ?, ?, now())""")
			.params(id, sourceId, documentName, failure, startedBy)
			.update();
	}

	/** Whether a job of the source is running (one started in the last hour and not finished). */
	boolean running(UUID sourceId) {
		return this.jdbc.sql("""
				select count(*) from cat_harvest_job
				where source_id = ? and state = 'running' and started_at > now() - interval '1 hour'""")
			.param(sourceId)
			.query(Long.class)
			.single() > 0;
	}

	void progress(UUID id, int processed, int created, int updated, int unchanged, int skipped, int problems) {
		this.jdbc.sql("""
				update cat_harvest_job set processed = ?, created = ?, updated = ?, unchanged = ?, skipped = ?, problems = ?
				where id = ?""")
			.params(processed, created, updated, unchanged, skipped, problems, id)
			.update();
	}

	void finish(UUID id, List<HarvestJob.DatasetResult> results, @Nullable String failure) {
		this.jdbc.sql("update cat_harvest_job set state = ?, results = ?::jsonb, failure = ?, finished_at = now() where id = ?")
			.params(failure == null ? "done" : "failed", this.json.writeValueAsString(results), failure, id)
			.update();
	}

	Optional<HarvestJob> get(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from cat_harvest_job where id = ?").param(id).query(this::row).optional();
	}

	byte[] document(UUID id) {
		return this.jdbc.sql("select document from cat_harvest_job where id = ?").param(id).query(byte[].class).single();
	}

	List<HarvestJob> ofSource(UUID sourceId, int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from cat_harvest_job where source_id = ? order by started_at desc limit ?")
			.params(sourceId, limit)
			.query(this::row)
			.list();
	}

	private HarvestJob row(ResultSet rs, int n) throws SQLException {
		List<HarvestJob.DatasetResult> results = this.json.readValue(rs.getString("results"),
				new TypeReference<List<HarvestJob.DatasetResult>>() {
				});
		return new HarvestJob(rs.getObject("id", UUID.class), rs.getObject("source_id", UUID.class),
				rs.getBoolean("dry_run"), HarvestJob.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
				rs.getString("document_name"), rs.getString("document_format"), rs.getInt("total"), rs.getInt("processed"),
				rs.getInt("created"), rs.getInt("updated"), rs.getInt("unchanged"), rs.getInt("skipped"),
				rs.getInt("problems"), results, rs.getString("failure"), rs.getString("started_by"),
				Objects.requireNonNull(HarvestSources.instant(rs, "started_at")), HarvestSources.instant(rs, "finished_at"));
	}
}
