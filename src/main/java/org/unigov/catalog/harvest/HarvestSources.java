package org.unigov.catalog.harvest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Harvest sources and the records of what each dataset of a source became. */
@Repository
class HarvestSources {

	/** What a dataset of a source became, and the source's metadata for it as last harvested. */
	record Record(UUID entryId, String fingerprint, HarvestedDataset metadata) {
	}

	private final JdbcClient jdbc;

	private final JsonMapper json;

	HarvestSources(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(HarvestSource s) {
		this.jdbc.sql("""
				insert into cat_harvest_source (id, agency_id, division_code, name, url, interval_hours, defaults, created_by)
				values (?, ?, ?, ?, ?, ?, ?::jsonb, ?)""")
			.params(s.id(), s.agencyId(), s.divisionCode(), s.name(), s.url(), s.intervalHours(),
					this.json.writeValueAsString(s.defaults()), s.createdBy())
			.update();
	}

	boolean nameTaken(UUID agencyId, String name) {
		return this.jdbc.sql("select count(*) from cat_harvest_source where agency_id = ? and name = ?")
			.params(agencyId, name)
			.query(Long.class)
			.single() > 0;
	}

	Optional<HarvestSource> get(UUID id) {
		return this.jdbc.sql("select * from cat_harvest_source where id = ?").param(id).query(this::row).optional();
	}

	/** Sources of the given agencies, or every source when {@code agencies} is null. */
	List<HarvestSource> list(@Nullable UUID agency) {
		return agency == null
				? this.jdbc.sql("select * from cat_harvest_source order by created_at desc").query(this::row).list()
				: this.jdbc.sql("select * from cat_harvest_source where agency_id = ? order by created_at desc")
					.param(agency)
					.query(this::row)
					.list();
	}

	/** After a real run: remember it, and schedule the next fetch if the source has a schedule. */
	void ran(UUID id) {
		this.jdbc.sql("""
				update cat_harvest_source set last_run_at = now(),
				    next_run_at = case when interval_hours is null then null else now() + interval_hours * interval '1 hour' end,
				    version = version + 1
				where id = ?""").param(id).update();
	}

	/** Claims one source whose scheduled fetch is due, moving its next run on, so no other instance takes it. */
	Optional<UUID> claimDue() {
		return this.jdbc.sql("""
				update cat_harvest_source set next_run_at = now() + interval_hours * interval '1 hour'
				where id = (select id from cat_harvest_source where next_run_at <= now() order by next_run_at
				            limit 1 for update skip locked)
				returning id""").query(UUID.class).optional();
	}

	Optional<Record> record(UUID sourceId, String identifier) {
		return this.jdbc.sql("""
				select entry_id, fingerprint, metadata from cat_harvest_record where source_id = ? and source_identifier = ?""")
			.params(sourceId, identifier)
			.query((rs, n) -> new Record(rs.getObject(1, UUID.class), rs.getString(2),
					this.json.readValue(rs.getString(3), HarvestedDataset.class)))
			.optional();
	}

	/** The source metadata an entry was harvested from, if it was. */
	Optional<HarvestedDataset> metadataOf(UUID entryId) {
		return this.jdbc.sql("select metadata from cat_harvest_record where entry_id = ?")
			.param(entryId)
			.query((rs, n) -> this.json.readValue(rs.getString(1), HarvestedDataset.class))
			.optional();
	}

	/** The licence each harvested entry's source states (null where it states none), for the entries harvested. */
	Map<UUID, Optional<String>> licences(Collection<UUID> entryIds) {
		Map<UUID, Optional<String>> licences = new HashMap<>();
		if (entryIds.isEmpty()) {
			return licences;
		}
		this.jdbc.sql("select entry_id, metadata ->> 'licence' from cat_harvest_record where entry_id = any(?)")
			.param(entryIds.toArray(UUID[]::new))
			.query((rs, n) -> licences.put(rs.getObject(1, UUID.class), Optional.ofNullable(rs.getString(2))))
			.list();
		return licences;
	}

	void saveRecord(UUID sourceId, String identifier, UUID entryId, HarvestedDataset metadata, String fingerprint) {
		this.jdbc.sql("""
				insert into cat_harvest_record (source_id, source_identifier, entry_id, metadata, fingerprint)
				values (?, ?, ?, ?::jsonb, ?)
				on conflict (source_id, source_identifier) do update
				    set entry_id = excluded.entry_id, metadata = excluded.metadata, fingerprint = excluded.fingerprint,
				        harvested_at = now()""")
			.params(sourceId, identifier, entryId, this.json.writeValueAsString(metadata), fingerprint)
			.update();
	}

	private HarvestSource row(ResultSet rs, int n) throws SQLException {
		return new HarvestSource(rs.getObject("id", UUID.class), rs.getObject("agency_id", UUID.class),
				rs.getString("division_code"), rs.getString("name"), rs.getString("url"),
				(Integer) rs.getObject("interval_hours"), instant(rs, "next_run_at"),
				this.json.readValue(rs.getString("defaults"), HarvestDefaults.class), rs.getString("created_by"),
				Objects.requireNonNull(instant(rs, "created_at")), instant(rs, "last_run_at"),
				rs.getLong("version"));
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}
}
