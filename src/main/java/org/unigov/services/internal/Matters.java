package org.unigov.services.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.shared.ChinaTime;
import org.unigov.shared.Coded;
import org.unigov.shared.jdbc.Queries;
import org.unigov.shared.jdbc.Where;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/** The service matters ({@code svc_matter} with its fields and materials); each write returns the matter as stored. */
@Repository
public class Matters {

	private final JdbcClient jdbc;

	Matters(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Which matters a list shows: the where clause comes from {@link MatterDesk}, which knows the reader. */
	public record Filter(Where where, @Nullable String text, @Nullable LifeEvent lifeEvent) {
	}

	/** A new code, 事项 year and number: {@code SX2026-00042}. */
	public String nextCode(Instant now) {
		long n = this.jdbc.sql("select nextval('svc_matter_code_seq')").query(Long.class).single();
		return "SX" + Year.from(now.atZone(ChinaTime.ZONE)) + "-" + String.format("%05d", n);
	}

	public Matter insert(Matter m) {
		this.jdbc.sql("""
				insert into svc_matter (id, code, name, name_en, summary, agency_id, deciding_agency_id, division_code,
				    legal_basis, time_limit_days, applicant, life_events, status, version, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
			.params(m.id(), m.code(), m.name(), m.nameEn(), m.summary(), m.agencyId(), m.decidingAgencyId(),
					m.divisionCode(), m.legalBasis(), m.timeLimitDays(), m.applicant().code(), codes(m.lifeEvents()),
					m.status().code(), at(m.createdAt()), at(m.updatedAt()))
			.update();
		writeParts(m.id(), m.fields(), m.materials());
		return m;
	}

	/** Replaces what an agency writes of a matter, if it is still at {@code version}. */
	public Matter update(UUID id, MatterInput in, UUID decidingAgencyId, long version, Instant now) {
		Matter stored = this.jdbc.sql("""
				update svc_matter set name = ?, name_en = ?, summary = ?, legal_basis = ?, time_limit_days = ?,
				    applicant = ?, life_events = ?, deciding_agency_id = ?, version = version + 1, updated_at = ?
				where id = ? and version = ? returning *""")
			.params(in.name(), in.nameEn(), in.summary() == null ? "" : in.summary(), in.legalBasis(), in.timeLimitDays(),
					in.applicant().code(), codes(in.lifeEvents()), decidingAgencyId, at(now), id, version)
			.query(this::row)
			.optional()
			.orElseThrow(() -> stale(id));
		this.jdbc.sql("delete from svc_matter_field where matter_id = ?").param(id).update();
		this.jdbc.sql("delete from svc_matter_material where matter_id = ?").param(id).update();
		writeParts(id, in.fields(), in.materials());
		return stored.withParts(in.fields(), in.materials());
	}

	/** Moves a matter to {@code status} if it is still at {@code version}. */
	public Matter setStatus(Matter matter, MatterStatus status, long version, Instant now) {
		return this.jdbc.sql("""
				update svc_matter set status = ?, version = version + 1, updated_at = ?,
				    published_at = case when ? = 'published' then ? else published_at end
				where id = ? and version = ? returning *""")
			.params(status.code(), at(now), status.code(), at(now), matter.id(), version)
			.query(this::row)
			.optional()
			.orElseThrow(() -> stale(matter.id()))
			.withParts(matter.fields(), matter.materials());
	}

	public Optional<Matter> get(UUID id) {
		List<Matter> found = withParts(this.jdbc.sql("select * from svc_matter where id = ?").param(id).query(this::row).list());
		return found.stream().findFirst();
	}

	public Page<Matter> find(Filter filter, Pageable pageable) {
		boolean text = filter.text() != null && !filter.text().isBlank();
		String pattern = text ? Queries.contains(filter.text().strip()) : null;
		Where where = filter.where()
			.andIf(text, "name ilike ? or name_en ilike ? or code ilike ? or summary ilike ?", pattern, pattern, pattern,
					pattern)
			.andIf(filter.lifeEvent() != null, "life_events @> array[?]::text[]",
					filter.lifeEvent() == null ? null : filter.lifeEvent().code());
		Page<Matter> page = Queries.page(this.jdbc, "svc_matter", where.sql(), where.params(), "name, code", this::row,
				pageable);
		return new PageImpl<>(withParts(page.getContent()), pageable, page.getTotalElements());
	}

	/** How many published matters each life event has. */
	public Map<LifeEvent, Long> publishedByLifeEvent() {
		Map<LifeEvent, Long> counts = new LinkedHashMap<>();
		this.jdbc.sql("""
				select e, count(*) from svc_matter cross join lateral unnest(life_events) e
				where status = 'published' group by e""")
			.query((rs, n) -> {
				long count = rs.getLong(2);
				Coded.parse(LifeEvent.class, rs.getString(1)).ifPresent(e -> counts.put(e, count));
				return null;
			})
			.list();
		return counts;
	}

	private void writeParts(UUID id, List<Matter.Field> fields, List<Matter.Material> materials) {
		for (int i = 0; i < fields.size(); i++) {
			Matter.Field f = fields.get(i);
			this.jdbc.sql("""
					insert into svc_matter_field (matter_id, position, label, label_en, type, required, entry_code, item_name)
					values (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(id, i, f.label(), f.labelEn(), f.type().code(), f.required(), f.entryCode(), f.itemName())
				.update();
		}
		for (int i = 0; i < materials.size(); i++) {
			Matter.Material m = materials.get(i);
			this.jdbc.sql("insert into svc_matter_material (matter_id, position, name, required, licence) values (?, ?, ?, ?, ?)")
				.params(id, i, m.name(), m.required(), m.licence())
				.update();
		}
	}

	/** The matters with their fields and materials, two queries for the whole list. */
	private List<Matter> withParts(List<Matter> matters) {
		if (matters.isEmpty()) {
			return matters;
		}
		UUID[] ids = matters.stream().map(Matter::id).toArray(UUID[]::new);
		Map<UUID, List<Matter.Field>> fields = new LinkedHashMap<>();
		this.jdbc.sql("select * from svc_matter_field where matter_id = any(?) order by matter_id, position")
			.param(ids)
			.query((rs, n) -> fields.computeIfAbsent(rs.getObject("matter_id", UUID.class), k -> new ArrayList<>())
				.add(new Matter.Field(rs.getString("label"), rs.getString("label_en"),
						Coded.parse(FieldType.class, rs.getString("type")).orElseThrow(), rs.getBoolean("required"),
						rs.getString("entry_code"), rs.getString("item_name"))))
			.list();
		Map<UUID, List<Matter.Material>> materials = new LinkedHashMap<>();
		this.jdbc.sql("select * from svc_matter_material where matter_id = any(?) order by matter_id, position")
			.param(ids)
			.query((rs, n) -> materials.computeIfAbsent(rs.getObject("matter_id", UUID.class), k -> new ArrayList<>())
				.add(new Matter.Material(rs.getString("name"), rs.getBoolean("required"), rs.getBoolean("licence"))))
			.list();
		return matters.stream()
			.map(m -> m.withParts(fields.getOrDefault(m.id(), List.of()), materials.getOrDefault(m.id(), List.of())))
			.toList();
	}

	private Matter row(ResultSet rs, int n) throws SQLException {
		List<LifeEvent> events = Arrays.stream((String[]) rs.getArray("life_events").getArray())
			.map(code -> Coded.parse(LifeEvent.class, code).orElseThrow())
			.toList();
		OffsetDateTime published = rs.getObject("published_at", OffsetDateTime.class);
		return new Matter(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"),
				rs.getString("name_en"), rs.getString("summary"), rs.getObject("agency_id", UUID.class),
				rs.getObject("deciding_agency_id", UUID.class), rs.getString("division_code"), rs.getString("legal_basis"),
				rs.getInt("time_limit_days"), Coded.parse(Applicant.class, rs.getString("applicant")).orElseThrow(), events,
				Coded.parse(MatterStatus.class, rs.getString("status")).orElseThrow(), List.of(), List.of(),
				rs.getLong("version"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant(), published == null ? null : published.toInstant());
	}

	private static UnigovException stale(UUID id) {
		return new UnigovException(CommonError.STALE_VERSION,
				"Matter " + id + " was changed by someone else; reload it and try again.");
	}

	private static String[] codes(List<LifeEvent> events) {
		return events.stream().map(LifeEvent::code).toArray(String[]::new);
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}
}
