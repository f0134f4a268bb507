package org.unigov.exchange.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.exchange.DataService;
import org.unigov.exchange.ServiceStatus;
import org.unigov.shared.jdbc.Queries;
import org.unigov.shared.jdbc.Where;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The data services ({@code exc_service}): their SQL and row mapping. Writes return the row as written. */
@Repository
public class Services {

	private static final TypeReference<List<DataService.Operation>> OPERATIONS = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, String>> FIELD_MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Services(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public Optional<DataService> get(UUID id) {
		return this.jdbc.sql("select * from exc_service where id = ?").param(id).query(this::row).optional();
	}

	public List<DataService> bySystem(UUID systemId) {
		return this.jdbc.sql("select * from exc_service where system_id = ? order by created_at")
			.param(systemId)
			.query(this::row)
			.list();
	}

	public List<DataService> active() {
		return this.jdbc.sql("select * from exc_service where status = 'active'").query(this::row).list();
	}

	/** The resource codes ({@code 101-00001}) of the services a system serves. */
	public List<String> resourceCodes(UUID systemId) {
		return this.jdbc.sql("select replace(entry_code, '/', '-') from exc_service where system_id = ?")
			.param(systemId)
			.query(String.class)
			.list();
	}

	/** Services, newest first; {@code agencyId} (when given) keeps those of one provider agency. */
	public Page<DataService> find(@Nullable UUID agencyId, @Nullable String text, Pageable pageable) {
		boolean searching = text != null && !text.isBlank();
		Where where = Where.start()
			.andIf(agencyId != null, "provider_agency_id = ?", agencyId)
			.andIf(searching, "name ilike ? or entry_code ilike ?", searching ? Queries.contains(text) : null,
					searching ? Queries.contains(text) : null);
		return Queries.page(this.jdbc, "exc_service", where.sql(), where.params(), "status, updated_at desc, id",
				this::row, pageable);
	}

	/** Inserts a new active service; a second active service for the entry fails with a duplicate key. */
	public DataService insert(ServiceCheck.Checked checked, String createdBy) {
		return this.jdbc.sql("""
				insert into exc_service (id, entry_id, entry_code, system_id, provider_agency_id, provider_division,
				    name, base_url, operations, field_map, subject_param, timeout_ms, max_concurrent, status, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, 'active', ?)
				returning *""")
			.params(UUID.randomUUID(), checked.entry().id(), checked.entry().code(), checked.system().id(),
					checked.entry().providerAgencyId(), checked.entry().divisionCode(), checked.name(), checked.baseUrl(),
					this.json.writeValueAsString(checked.operations()), this.json.writeValueAsString(checked.fieldMap()),
					checked.subjectParam(), checked.timeoutMs(), checked.maxConcurrent(), createdBy)
			.query(this::row)
			.single();
	}

	/** Changes a service at {@code expectedVersion}; empty when it is at another version. */
	public Optional<DataService> update(UUID id, ServiceCheck.Checked checked, long expectedVersion) {
		return this.jdbc.sql("""
				update exc_service set system_id = ?, name = ?, base_url = ?, operations = ?::jsonb, field_map = ?::jsonb,
				    subject_param = ?, timeout_ms = ?, max_concurrent = ?, version = version + 1, updated_at = now()
				where id = ? and version = ?
				returning *""")
			.params(checked.system().id(), checked.name(), checked.baseUrl(),
					this.json.writeValueAsString(checked.operations()), this.json.writeValueAsString(checked.fieldMap()),
					checked.subjectParam(), checked.timeoutMs(), checked.maxConcurrent(), id, expectedVersion)
			.query(this::row)
			.optional();
	}

	/** Sets a service's status at {@code expectedVersion}; empty when it is at another version. */
	public Optional<DataService> setStatus(UUID id, ServiceStatus status, long expectedVersion) {
		return this.jdbc.sql("""
				update exc_service set status = ?, version = version + 1, updated_at = now()
				where id = ? and version = ?
				returning *""")
			.params(status.code(), id, expectedVersion)
			.query(this::row)
			.optional();
	}

	/** Opens or closes a service as an open API at {@code expectedVersion}; empty when it is at another version. */
	public Optional<DataService> setOpenApi(UUID id, boolean open, long expectedVersion) {
		return this.jdbc.sql("""
				update exc_service set open_api = ?, version = version + 1, updated_at = now()
				where id = ? and version = ?
				returning *""")
			.params(open, id, expectedVersion)
			.query(this::row)
			.optional();
	}

	/** Whether any service is registered (the demo seeds once). */
	public boolean any() {
		return this.jdbc.sql("select exists (select 1 from exc_service)").query(Boolean.class).single();
	}

	/**
	 * Points the base URLs that match {@code pattern} (a regular expression) and do not start with
	 * {@code base} at {@code base} (the demo providers' port changes between runs); the ids moved.
	 */
	public List<UUID> rebase(String pattern, String base) {
		return this.jdbc.sql("""
				update exc_service set base_url = regexp_replace(base_url, ?, ?)
				where base_url ~ ? and base_url !~ ? returning id""")
			.params(pattern, base, pattern, "^" + base.replace(".", "\\."))
			.query(UUID.class)
			.list();
	}

	private DataService row(ResultSet rs, int n) throws SQLException {
		return new DataService(rs.getObject("id", UUID.class), rs.getObject("entry_id", UUID.class),
				rs.getString("entry_code"), rs.getObject("system_id", UUID.class),
				rs.getObject("provider_agency_id", UUID.class), rs.getString("provider_division"), rs.getString("name"),
				rs.getString("base_url"), this.json.readValue(rs.getString("operations"), OPERATIONS),
				this.json.readValue(rs.getString("field_map"), FIELD_MAP), rs.getString("subject_param"),
				rs.getInt("timeout_ms"), rs.getInt("max_concurrent"),
				rs.getString("status").equals("active") ? ServiceStatus.ACTIVE : ServiceStatus.DISABLED,
				rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
				rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"), rs.getBoolean("open_api"));
	}
}
