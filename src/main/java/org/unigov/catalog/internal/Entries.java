package org.unigov.catalog.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.catalog.Catalog.EntryFilter;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.EntryContent;
import org.unigov.catalog.EntryStatus;
import org.unigov.catalog.Revision;
import org.unigov.catalog.RevisionState;
import org.unigov.organization.Agency;
import org.unigov.shared.Actor;
import org.unigov.shared.Coded;
import org.unigov.shared.Role;
import org.unigov.shared.jdbc.Queries;
import org.unigov.shared.jdbc.Where;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog entries and their revisions (cat_entry, cat_revision, cat_sequence): one aggregate.
 * Every write returns the entry as it wrote it, read back by the writing statement itself.
 */
@Repository
public class Entries {

	/** The entry as {@code cat_entry_view} shows it, built from the rows a statement wrote ({@code e}). */
	private static final String FROM_WRITTEN = """
			select e.*, r.content, w.state as working_state, w.review_due, w.submitted_at from e
			join cat_revision r on r.entry_id = e.id and r.revision = coalesce(e.published_revision, e.working_revision)
			join cat_revision w on w.entry_id = e.id and w.revision = e.working_revision""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Providers providers;

	private final RowMapper<CatalogEntry> rows = this::row;

	Entries(JdbcClient jdbc, JsonMapper json, Providers providers) {
		this.jdbc = jdbc;
		this.json = json;
		this.providers = providers;
	}

	/** A stored deadline and what it counts from, for recomputing it after the calendar changed. */
	public record OwedUpdate(UUID entryId, LocalDate started, boolean extended) {
	}

	/** A submitted revision with a review deadline (C7). */
	public record PendingReview(UUID entryId, int revision, OffsetDateTime submittedAt) {
	}

	// ---- reading ----------------------------------------------------------------------------

	public Optional<CatalogEntry> get(UUID id) {
		return this.jdbc.sql("select * from cat_entry_view where id = ?").param(id).query(this.rows).optional();
	}

	public Optional<CatalogEntry> byCode(String code) {
		return this.jdbc.sql("select * from cat_entry_view where code = ?").param(code).query(this.rows).optional();
	}

	public List<CatalogEntry> get(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select * from cat_entry_view where id = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query(this.rows)
			.list();
	}

	public List<CatalogEntry> publishedFromSystem(UUID systemId) {
		return this.jdbc.sql("select * from cat_entry_view where status = 'published' and content ->> 'sourceSystemId' = ? order by code")
			.param(systemId.toString())
			.query(this.rows)
			.list();
	}

	/** The shared published entries with data items of these (lower-case, stripped) names, by name. */
	public Map<String, List<UUID>> publishedProviderIds(Collection<String> itemNames) {
		Map<String, List<UUID>> ids = new LinkedHashMap<>();
		this.jdbc.sql("""
				select distinct lower(btrim(i ->> 'name')) as item, e.id
				from cat_entry_view e, jsonb_array_elements(e.content -> 'items') i
				where e.status = 'published' and e.sharing_type <> 'not-shared'
				  and lower(btrim(i ->> 'name')) = any(?)
				order by 1, 2""")
			.param(itemNames.toArray(String[]::new))
			.query((rs, n) -> ids.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
				.add(rs.getObject(2, UUID.class)))
			.list();
		return ids;
	}

	public List<CatalogEntry> openEntries() {
		return this.jdbc.sql("""
				select * from cat_entry_view where status = 'published' and open_attribute in ('open', 'open-conditional')
				order by published_at desc, code""").query(this.rows).list();
	}

	/** Entries the actor may see through SQL filters: work lists (my drafts, my review queue, updates owed). */
	public Page<CatalogEntry> find(Actor actor, EntryFilter filter, Pageable pageable) {
		boolean text = filter.text() != null && !filter.text().isBlank();
		String pattern = text ? Queries.contains(filter.text()) : null;
		Where where = Where.start()
			.visibleTo(actor, "status = 'published'", List.of("division_code"), List.of("provider_agency_id"))
			.andIf(filter.agencyId() != null, "provider_agency_id = ?", filter.agencyId())
			.andIf(filter.status() != null, "status = ?", filter.status() == null ? null : filter.status().code())
			.andIf(text, "name ilike ? or code ilike ?", pattern, pattern)
			.andIf(filter.awaitingMyReview(), "working_state = 'submitted'")
			// a coordinator reviews their own division's entries; anyone else but a platform admin none
			.andIf(filter.awaitingMyReview() && !actor.has(Role.PLATFORM_ADMIN), "division_code = ?",
					actor.has(Role.COORDINATOR) ? Objects.requireNonNullElse(actor.divisionCode(), "-") : "-")
			.andIf(filter.updateOwed(), "update_due is not null");
		String order = filter.awaitingMyReview() ? "submitted_at, code" : filter.updateOwed() ? "update_due, code"
				: "updated_at desc, code";
		return Queries.page(this.jdbc, "cat_entry_view", where.sql(), where.params(), order, this.rows, pageable);
	}

	/** The stored version, locking the row until the transaction ends. */
	public long lockVersion(UUID id) {
		return this.jdbc.sql("select version from cat_entry where id = ? for update").param(id).query(Long.class).single();
	}

	public RevisionState workingState(CatalogEntry entry) {
		return this.jdbc.sql("select state from cat_revision where entry_id = ? and revision = ?")
			.params(entry.id(), entry.workingRevision())
			.query((rs, n) -> Coded.parse(RevisionState.class, rs.getString(1)).orElseThrow())
			.single();
	}

	public Optional<Revision> revision(UUID id, int number) {
		return this.jdbc.sql("select * from cat_revision where entry_id = ? and revision = ?")
			.params(id, number)
			.query(this::revision)
			.optional();
	}

	public List<Revision> revisions(UUID id) {
		return this.jdbc.sql("select * from cat_revision where entry_id = ? order by revision desc")
			.param(id)
			.query(this::revision)
			.list();
	}

	/** C8: the code of the published entry that is the authoritative source of a data element. */
	public Optional<String> authority(String elementCode) {
		return this.jdbc.sql("""
				select e.code from cat_authority a join cat_entry e on e.id = a.entry_id
				where a.element_code = ? and e.status = 'published'""").param(elementCode).query(String.class).optional();
	}

	public List<OwedUpdate> owedUpdates() {
		return this.jdbc.sql("select id, update_started, update_extended from cat_entry where update_due is not null")
			.query((rs, n) -> new OwedUpdate(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class), rs.getBoolean(3)))
			.list();
	}

	public List<PendingReview> pendingReviews() {
		return this.jdbc.sql("select entry_id, revision, submitted_at from cat_revision where review_due is not null and state = 'submitted'")
			.query((rs, n) -> new PendingReview(rs.getObject(1, UUID.class), rs.getInt(2), rs.getObject(3, OffsetDateTime.class)))
			.list();
	}

	// ---- writing ----------------------------------------------------------------------------

	/** The next code in a classification: classification + "/" + five-digit sequence. */
	public String nextCode(String classification) {
		int next = this.jdbc.sql("""
				insert into cat_sequence (classification, next_value) values (?, 1)
				on conflict (classification) do update set next_value = cat_sequence.next_value + 1
				returning next_value""").param(classification).query(Integer.class).single();
		return classification + "/" + String.format("%05d", next);
	}

	/** A new draft entry with its first revision. */
	public CatalogEntry create(UUID id, String code, UUID providerId, String divisionCode, EntryContent content,
			Actor actor) {
		return this.jdbc.sql("""
				with e as (
				  insert into cat_entry (id, code, provider_agency_id, division_code, classification, name, name_en,
				      sharing_type, open_attribute, format, update_frequency, grade, status, working_revision)
				  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', 1) returning *),
				w as (
				  insert into cat_revision (entry_id, revision, state, content, created_by)
				  values (?, 1, 'draft', ?::jsonb, ?) returning *)
				select e.*, w.content, w.state as working_state, w.review_due, w.submitted_at from e, w""")
			.params(id, code, providerId, divisionCode, content.classification(), content.name(), content.nameEn(),
					content.sharingType().code(), content.openAttribute().code(), content.format().code(),
					content.updateFrequency().code(), content.grade().code(), id, this.json.writeValueAsString(content),
					actor.username())
			.query(this.rows)
			.single();
	}

	/** Starts a new working revision beside the published one. */
	public CatalogEntry startRevision(UUID id, int number, EntryContent content, Actor actor) {
		this.jdbc.sql("""
				insert into cat_revision (entry_id, revision, state, content, created_by)
				values (?, ?, 'draft', ?::jsonb, ?)""")
			.params(id, number, this.json.writeValueAsString(content), actor.username())
			.update();
		return updated(id, "working_revision = ?", number);
	}

	/** Changes a draft or returned working revision in place; a never-published entry shows its fields. */
	public CatalogEntry rewrite(UUID id, int number, EntryContent content, boolean neverPublished) {
		this.jdbc.sql("update cat_revision set content = ?::jsonb, state = 'draft' where entry_id = ? and revision = ?")
			.params(this.json.writeValueAsString(content), id, number)
			.update();
		return neverPublished ? updated(id, DENORMALIZED, denormalized(content)) : updated(id, "");
	}

	public CatalogEntry submit(UUID id, int number, Actor actor, @Nullable LocalDate reviewDue) {
		this.jdbc.sql("""
				update cat_revision set state = 'submitted', submitted_at = now(), submitted_by = ?, review_due = ?,
				    comment = null
				where entry_id = ? and revision = ?""")
			.params(actor.username(), reviewDue, id, number)
			.update();
		return updated(id, "status = case when status = 'draft' then 'submitted' else status end");
	}

	public CatalogEntry returnRevision(UUID id, int number, Actor actor, String comment) {
		this.jdbc.sql("""
				update cat_revision set state = 'returned', decided_at = now(), decided_by = ?, comment = ?
				where entry_id = ? and revision = ?""")
			.params(actor.username(), comment, id, number)
			.update();
		return updated(id, "status = case when status = 'submitted' then 'draft' else status end");
	}

	/** Publishes the working revision; the one it replaces is kept as superseded. */
	public CatalogEntry publish(CatalogEntry entry, Actor actor, @Nullable String comment, EntryContent content,
			OffsetDateTime now) {
		if (entry.publishedRevision() != null) {
			this.jdbc.sql("update cat_revision set state = 'superseded' where entry_id = ? and revision = ?")
				.params(entry.id(), entry.publishedRevision())
				.update();
		}
		this.jdbc.sql("""
				update cat_revision set state = 'published', decided_at = now(), decided_by = ?, comment = ?
				where entry_id = ? and revision = ?""")
			.params(actor.username(), comment, entry.id(), entry.workingRevision())
			.update();
		List<Object> params = new ArrayList<>(List.of(now, now));
		params.addAll(Arrays.asList(denormalized(content)));
		return updated(entry.id(), """
				status = 'published', published_revision = working_revision, published_at = ?,
				first_published_at = coalesce(first_published_at, ?), update_reason = null, update_started = null,
				update_due = null, update_extended = false, """ + DENORMALIZED, params.toArray());
	}

	/** Abandons the working revision; the published one becomes the working one again. */
	public CatalogEntry discard(UUID id, int number) {
		this.jdbc.sql("update cat_revision set state = 'discarded' where entry_id = ? and revision = ?")
			.params(id, number)
			.update();
		return updated(id, "working_revision = published_revision");
	}

	/** Takes the entry out of the catalog, discarding an unpublished working revision if asked. */
	public CatalogEntry withdraw(UUID id, @Nullable Integer discardRevision, String reason) {
		if (discardRevision != null) {
			this.jdbc.sql("update cat_revision set state = 'discarded' where entry_id = ? and revision = ? and state <> 'published'")
				.params(id, discardRevision)
				.update();
		}
		return updated(id, """
				status = 'withdrawn', withdrawn_reason = ?, update_reason = null, update_started = null,
				update_due = null""", reason);
	}

	public CatalogEntry requireUpdate(UUID id, String reason, LocalDate started, LocalDate due) {
		return updated(id, "update_reason = ?, update_started = ?, update_due = ?, update_extended = false", reason,
				started, due);
	}

	public CatalogEntry extendUpdate(UUID id, LocalDate due) {
		return updated(id, "update_due = ?, update_extended = true", due);
	}

	/** A recomputed update deadline (no new version: the entry itself did not change). */
	public void moveUpdateDue(UUID id, LocalDate due) {
		this.jdbc.sql("update cat_entry set update_due = ? where id = ?").params(due, id).update();
	}

	public void moveReviewDue(UUID id, int revision, LocalDate due) {
		this.jdbc.sql("update cat_revision set review_due = ? where entry_id = ? and revision = ?")
			.params(due, id, revision)
			.update();
	}

	// ---- helpers -----------------------------------------------------------------------------

	private static final String DENORMALIZED = """
			name = ?, name_en = ?, sharing_type = ?, open_attribute = ?, format = ?, update_frequency = ?, grade = ?""";

	private static Object[] denormalized(EntryContent content) {
		return new Object[] { content.name(), content.nameEn(), content.sharingType().code(),
				content.openAttribute().code(), content.format().code(), content.updateFrequency().code(),
				content.grade().code() };
	}

	/** Updates the entry row, counts a new version and returns the entry as written. */
	private CatalogEntry updated(UUID id, String set, @Nullable Object... params) {
		List<Object> all = new ArrayList<>(Arrays.asList(params));
		all.add(id);
		return this.jdbc.sql("with e as (update cat_entry set " + (set.isEmpty() ? "" : set + ", ")
				+ "updated_at = now(), version = version + 1 where id = ? returning *) " + FROM_WRITTEN)
			.params(all)
			.query(this.rows)
			.single();
	}

	private EntryContent content(String json) {
		return this.json.readValue(json, EntryContent.class);
	}

	private CatalogEntry row(ResultSet rs, int n) throws SQLException {
		UUID agencyId = rs.getObject("provider_agency_id", UUID.class);
		Agency agency = this.providers.agency(agencyId);
		Integer published = (Integer) rs.getObject("published_revision");
		return new CatalogEntry(rs.getObject("id", UUID.class), rs.getString("code"), agencyId,
				agency == null ? "" : agency.creditCode(), agency == null ? "" : agency.nameZh(),
				agency == null ? "" : agency.nameEn(), rs.getString("division_code"),
				Coded.parse(EntryStatus.class, rs.getString("status")).orElseThrow(), rs.getInt("working_revision"),
				published, instant(rs, "first_published_at"), instant(rs, "published_at"),
				content(rs.getString("content")), rs.getString("withdrawn_reason"), rs.getString("update_reason"),
				rs.getObject("update_started", LocalDate.class), rs.getObject("update_due", LocalDate.class),
				rs.getBoolean("update_extended"), rs.getLong("version"),
				Objects.requireNonNull(instant(rs, "created_at")), Objects.requireNonNull(instant(rs, "updated_at")));
	}

	private Revision revision(ResultSet rs, int n) throws SQLException {
		return new Revision(rs.getInt("revision"), Coded.parse(RevisionState.class, rs.getString("state")).orElseThrow(),
				content(rs.getString("content")), Objects.requireNonNull(instant(rs, "created_at")),
				rs.getString("created_by"), instant(rs, "submitted_at"), rs.getString("submitted_by"),
				rs.getObject("review_due", LocalDate.class), instant(rs, "decided_at"), rs.getString("decided_by"),
				rs.getString("comment"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}
}
