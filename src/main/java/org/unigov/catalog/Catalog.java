package org.unigov.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.organization.Agency;
import org.unigov.organization.AgencyId;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.shared.Actor;
import org.unigov.shared.Coded;
import org.unigov.shared.Role;
import org.unigov.shared.jdbc.Queries;
import org.unigov.shared.jdbc.Where;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The unified data catalog (C2): departments compile entries, submit them to the coordinator of
 * their level, who reviews and publishes them to every department. A published entry is revised
 * by preparing a new revision beside it; the published one stays in force until the next is
 * approved, and every revision is kept. Secret data is refused outright (C1).
 *
 * <p>Who may do what: agency admins and staff compile, revise and submit their own agency's
 * entries; agency admins withdraw them; the coordinator of the provider's own division reviews
 * (C2: "the sharing authority of its level"), extends update deadlines and may require an update
 * (C7); platform admins may do all of it. Every published entry is visible to all staff; drafts,
 * submissions and withdrawn entries only to their agency and the coordinators and auditors above
 * it. Every change is audited in its own transaction and announced with {@link CatalogChanged}.
 */
@Service
@Transactional
public class Catalog {

	/** C7: working days a department has to update its entries after a change of duties or law. */
	public static final int UPDATE_DAYS = 10;

	/** C7: the extra working days the coordinator may allow, once. */
	public static final int UPDATE_EXTENSION_DAYS = 5;

	/** C7: working days the coordinator has to review and publish an update. */
	public static final int REVIEW_DAYS = 2;

	private final JdbcClient jdbc;

	private final EntryChecks checks;

	private final OrganizationDirectory organizations;

	private final AuditJournal journal;

	private final WorkingCalendar calendar;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	private final List<WithdrawalGuard> guards;

	private final Clock clock;

	private final RowMapper<CatalogEntry> rows;

	Catalog(JdbcClient jdbc, EntryChecks checks, OrganizationDirectory organizations, AuditJournal journal,
			WorkingCalendar calendar, ApplicationEventPublisher events, JsonMapper json, List<WithdrawalGuard> guards,
			Clock clock) {
		this.jdbc = jdbc;
		this.checks = checks;
		this.organizations = organizations;
		this.journal = journal;
		this.calendar = calendar;
		this.events = events;
		this.json = json;
		this.guards = guards;
		this.clock = clock;
		this.rows = this::row;
	}

	/** What a list of entries is narrowed to; every part optional. */
	public record EntryFilter(@Nullable UUID agencyId, @Nullable EntryStatus status, @Nullable String text,
			boolean awaitingMyReview, boolean updateOwed) {
	}

	/** What a change produced: the entry and any warnings (e.g. API preferred, C6; authoritative source, C8). */
	public record Outcome(CatalogEntry entry, List<FieldProblem> warnings) {
	}

	// ---- reading ----------------------------------------------------------------------------

	/** Whether the actor may read the catalog's working side (staff of any kind). */
	public static boolean canRead(Actor actor) {
		return actor.hasAny(Role.PLATFORM_ADMIN, Role.COORDINATOR, Role.AUDITOR, Role.AGENCY_ADMIN, Role.AGENCY_STAFF);
	}

	public static boolean canCompile(Actor actor, UUID agencyId) {
		return actor.has(Role.PLATFORM_ADMIN)
				|| actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && agencyId.equals(actor.agencyId());
	}

	public static boolean canReview(Actor actor, CatalogEntry entry) {
		return actor.has(Role.PLATFORM_ADMIN)
				|| actor.has(Role.COORDINATOR) && entry.divisionCode().equals(actor.divisionCode());
	}

	public static boolean canWithdraw(Actor actor, CatalogEntry entry) {
		return actor.has(Role.PLATFORM_ADMIN)
				|| actor.has(Role.AGENCY_ADMIN) && entry.providerAgencyId().equals(actor.agencyId());
	}

	/** Published entries are announced to every department (C2); the rest stays with its makers and overseers. */
	public static boolean isVisible(Actor actor, CatalogEntry entry) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return true;
		}
		if (entry.status() == EntryStatus.PUBLISHED && canRead(actor)) {
			return true;
		}
		if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.covers(entry.divisionCode())) {
			return true;
		}
		return actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && entry.providerAgencyId().equals(actor.agencyId());
	}

	@Transactional(readOnly = true)
	public Optional<CatalogEntry> get(UUID id) {
		return this.jdbc.sql("select * from cat_entry_view where id = ?").param(id).query(this.rows).optional();
	}

	@Transactional(readOnly = true)
	public Optional<CatalogEntry> byCode(String code) {
		return this.jdbc.sql("select * from cat_entry_view where code = ?").param(code).query(this.rows).optional();
	}

	@Transactional(readOnly = true)
	public List<CatalogEntry> get(java.util.Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select * from cat_entry_view where id = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query(this.rows)
			.list();
	}

	/** The published entries whose data comes from a registered system (project acceptance, P6). */
	@Transactional(readOnly = true)
	public List<CatalogEntry> publishedFromSystem(UUID systemId) {
		return this.jdbc.sql("select * from cat_entry_view where status = 'published' and content ->> 'sourceSystemId' = ? order by code")
			.param(systemId.toString())
			.query(this.rows)
			.list();
	}

	/**
	 * C8: the published entries that provide data items of these names (compared without case or
	 * surrounding spaces), by the name asked for: data obtainable through sharing, which is not to
	 * be collected again from citizens or enterprises. Entries not shared at all are left out.
	 */
	@Transactional(readOnly = true)
	public Map<String, List<CatalogEntry>> publishedProviders(java.util.Collection<String> itemNames) {
		Map<String, String> wanted = new LinkedHashMap<>();
		for (String name : itemNames) {
			wanted.putIfAbsent(name.strip().toLowerCase(java.util.Locale.ROOT), name);
		}
		if (wanted.isEmpty()) {
			return Map.of();
		}
		Map<String, List<UUID>> ids = new LinkedHashMap<>();
		this.jdbc.sql("""
				select distinct lower(btrim(i ->> 'name')) as item, e.id
				from cat_entry_view e, jsonb_array_elements(e.content -> 'items') i
				where e.status = 'published' and e.sharing_type <> 'not-shared'
				  and lower(btrim(i ->> 'name')) = any(?)
				order by 1, 2""")
			.param(wanted.keySet().toArray(String[]::new))
			.query((rs, n) -> ids.computeIfAbsent(wanted.get(rs.getString(1)), k -> new ArrayList<>())
				.add(rs.getObject(2, UUID.class)))
			.list();
		Map<UUID, CatalogEntry> entries = new java.util.HashMap<>();
		get(ids.values().stream().flatMap(List::stream).distinct().toList()).forEach(e -> entries.put(e.id(), e));
		Map<String, List<CatalogEntry>> result = new LinkedHashMap<>();
		ids.forEach((name, list) -> result.put(name, list.stream().map(entries::get).filter(Objects::nonNull).toList()));
		return result;
	}

	/** The entry if the actor may read it; 404 otherwise, so that drafts do not leak. */
	@Transactional(readOnly = true)
	public CatalogEntry visible(Actor actor, UUID id) {
		return get(id).filter(e -> isVisible(actor, e))
			.orElseThrow(() -> UnigovException.notFound(CatalogError.ENTRY_NOT_FOUND, "Catalog entry", id));
	}

	/**
	 * Every published entry whose open attribute allows opening (C5), for the open-data portal and
	 * its DCAT-AP export; newest first.
	 */
	@Transactional(readOnly = true)
	public List<CatalogEntry> openEntries() {
		return this.jdbc.sql("""
				select * from cat_entry_view where status = 'published' and open_attribute in ('open', 'open-conditional')
				order by published_at desc, code""").query(this.rows).list();
	}

	/** An open entry, for anyone; 404 for everything else. */
	@Transactional(readOnly = true)
	public CatalogEntry openEntry(UUID id) {
		return get(id).filter(e -> e.status() == EntryStatus.PUBLISHED && e.content().openAttribute() != OpenAttribute.NOT_OPEN)
			.orElseThrow(() -> UnigovException.notFound(CatalogError.ENTRY_NOT_FOUND, "Open dataset", id));
	}

	/** The published content of an entry at a revision, for requests that cite what they asked for. */
	@Transactional(readOnly = true)
	public List<Revision> revisions(Actor actor, UUID id) {
		CatalogEntry entry = visible(actor, id);
		boolean all = seesWork(actor, entry);
		return this.jdbc.sql("select * from cat_revision where entry_id = ? order by revision desc")
			.param(entry.id())
			.query(this::revision)
			.list()
			.stream()
			.filter(r -> all || r.state() == RevisionState.PUBLISHED || r.state() == RevisionState.SUPERSEDED)
			.toList();
	}

	/**
	 * Whether the actor sees the work on an entry — drafts, returned revisions, reviewers' comments,
	 * its audit history — and not only what was published: its department, and the coordinators
	 * and auditors over it.
	 */
	public static boolean seesWork(Actor actor, CatalogEntry entry) {
		return actor.has(Role.PLATFORM_ADMIN)
				|| actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.covers(entry.divisionCode())
				|| actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && entry.providerAgencyId().equals(actor.agencyId());
	}

	@Transactional(readOnly = true)
	public Revision revision(Actor actor, UUID id, int number) {
		CatalogEntry entry = visible(actor, id);
		boolean all = seesWork(actor, entry);
		return this.jdbc.sql("select * from cat_revision where entry_id = ? and revision = ?")
			.params(entry.id(), number)
			.query(this::revision)
			.optional()
			.filter(r -> all || r.state() == RevisionState.PUBLISHED || r.state() == RevisionState.SUPERSEDED)
			.orElseThrow(() -> new UnigovException(CatalogError.ENTRY_NOT_FOUND,
					"Entry " + entry.code() + " has no revision " + number + "."));
	}

	/** Entries the actor may see through SQL filters: work lists (my drafts, my review queue, updates owed). */
	@Transactional(readOnly = true)
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

	/** A class (类) or item (项) of the resource classification. */
	public record Classification(String code, @Nullable String parent, String nameZh, String nameEn) {

		public String name(java.util.Locale locale) {
			return "zh".equals(locale.getLanguage()) ? this.nameZh : this.nameEn;
		}
	}

	/** The classification ships with the platform and has no write path, so it is read once. */
	private volatile @Nullable List<Classification> classifications;

	public List<Classification> classifications() {
		List<Classification> cached = this.classifications;
		if (cached == null) {
			cached = this.jdbc.sql("select code, parent, name_zh, name_en from cat_classification order by code")
				.query((rs, n) -> new Classification(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
				.list();
			this.classifications = cached;
		}
		return cached;
	}

	// ---- compiling ----------------------------------------------------------------------------

	/** Compiles a new entry as a draft of the actor's agency (or, for a platform admin, the given one). */
	public Outcome create(Actor actor, @Nullable UUID agencyId, EntryInput input) {
		UUID providerId = agencyId != null ? agencyId : actor.agencyId();
		if (providerId == null || !canCompile(actor, providerId)) {
			throw new UnigovException(CatalogError.NOT_YOUR_ENTRY,
					"Only the providing department's admins and staff compile its catalog entries.");
		}
		Agency agency = this.organizations.agency(new AgencyId(providerId))
			.orElseThrow(() -> new UnigovException(CommonError.NOT_FOUND, "There is no agency " + providerId + "."));
		refuseSecret(input);
		EntryChecks.Result checked = this.checks.check(input, providerId, null, false, null);
		EntryContent content = valid(checked);
		UUID id = UUID.randomUUID();
		String code = nextCode(content.classification());
		this.jdbc.sql("""
				insert into cat_entry (id, code, provider_agency_id, division_code, classification, name, name_en,
				    sharing_type, open_attribute, format, update_frequency, grade, status, working_revision)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', 1)""")
			.params(id, code, providerId, agency.divisionCode(), content.classification(), content.name(),
					content.nameEn(), content.sharingType().code(), content.openAttribute().code(),
					content.format().code(), content.updateFrequency().code(), content.grade().code())
			.update();
		insertRevision(id, 1, content, actor);
		audit(actor, "entry.created", id, agency.divisionCode(), summary(code, 1, content));
		changed(id);
		return new Outcome(get(id).orElseThrow(), warnings(checked, content));
	}

	/**
	 * Changes the working revision of an entry. A draft or returned revision is changed in place;
	 * for a published entry with nothing pending a new revision is started, and the published one
	 * stays in force until the new one is approved.
	 */
	public Outcome update(Actor actor, UUID id, EntryInput input, long expectedVersion) {
		CatalogEntry entry = writable(actor, id, expectedVersion);
		if (entry.status() == EntryStatus.WITHDRAWN) {
			throw new UnigovException(CatalogError.NOT_EDITABLE, "A withdrawn entry cannot be changed.");
		}
		RevisionState working = workingState(entry);
		if (working == RevisionState.SUBMITTED) {
			throw new UnigovException(CatalogError.NOT_EDITABLE,
					"Revision " + entry.workingRevision() + " is with the coordinator for review; wait for the decision.");
		}
		if (!input.classification().equals(entry.content().classification())) {
			throw new UnigovException(CatalogError.INVALID_ENTRY,
					"The classification is part of the entry's code and cannot change; withdraw this entry and compile a new one.",
					Map.of("errors", List.of(Map.of("field", "classification", "code", "classification_fixed", "message",
							"The classification cannot change."))));
		}
		refuseSecret(input);
		EntryContent published = entry.publishedRevision() == null ? null : publishedContent(entry);
		EntryChecks.Result checked = this.checks.check(input, entry.providerAgencyId(), entry.code(), false, published);
		EntryContent content = valid(checked);
		int revision = entry.workingRevision();
		if (working == RevisionState.PUBLISHED) {
			revision = entry.workingRevision() + 1;
			insertRevision(id, revision, content, actor);
			this.jdbc.sql("update cat_entry set working_revision = ?, updated_at = now(), version = version + 1 where id = ?")
				.params(revision, id)
				.update();
		}
		else {
			this.jdbc.sql("update cat_revision set content = ?::jsonb, state = 'draft' where entry_id = ? and revision = ?")
				.params(this.json.writeValueAsString(content), id, revision)
				.update();
			if (entry.publishedRevision() == null) {
				denormalize(id, content);
			}
			this.jdbc.sql("update cat_entry set updated_at = now(), version = version + 1 where id = ?").param(id).update();
		}
		Map<String, Object> details = summary(entry.code(), revision, content);
		details.put("changed", changes(entry.publishedRevision() == null || working != RevisionState.PUBLISHED
				? entry.content() : published, content));
		audit(actor, "entry.revised", id, entry.divisionCode(), details);
		changed(id);
		return new Outcome(get(id).orElseThrow(), warnings(checked, content));
	}

	/** Submits the working revision to the coordinator of the provider's level (C2). */
	public Outcome submit(Actor actor, UUID id, long expectedVersion) {
		CatalogEntry entry = writable(actor, id, expectedVersion);
		RevisionState working = workingState(entry);
		if (working != RevisionState.DRAFT && working != RevisionState.RETURNED) {
			throw new UnigovException(CatalogError.WRONG_STATE, "Only a draft or returned revision can be submitted; revision "
					+ entry.workingRevision() + " is " + working.code() + ".");
		}
		Revision revision = revisionRow(id, entry.workingRevision());
		refuseSecret(EntryInput.of(revision.content()));
		EntryContent published = entry.publishedRevision() == null ? null : publishedContent(entry);
		EntryInput input = EntryInput.of(revision.content());
		input = withChangeReason(input, revision.content().changeReason());
		EntryChecks.Result checked = this.checks.check(input, entry.providerAgencyId(), entry.code(), true, published);
		valid(checked);
		LocalDate today = this.calendar.today();
		// C7: an update of a published entry is reviewed and published within 2 working days
		LocalDate reviewDue = entry.publishedRevision() != null
				? this.calendar.addWorkingDays(today, REVIEW_DAYS).due() : null;
		this.jdbc.sql("""
				update cat_revision set state = 'submitted', submitted_at = now(), submitted_by = ?, review_due = ?,
				    comment = null
				where entry_id = ? and revision = ?""")
			.params(actor.username(), reviewDue, id, entry.workingRevision())
			.update();
		Map<String, Object> details = summary(entry.code(), entry.workingRevision(), revision.content());
		if (entry.updateDue() != null) {
			details.put("updateDue", entry.updateDue().toString());
			details.put("updateInTime", !today.isAfter(entry.updateDue()));
		}
		this.jdbc.sql("""
				update cat_entry set status = case when status = 'draft' then 'submitted' else status end,
				    updated_at = now(), version = version + 1
				where id = ?""").param(id).update();
		audit(actor, "entry.submitted", id, entry.divisionCode(), details);
		changed(id);
		return new Outcome(get(id).orElseThrow(), warnings(checked, revision.content()));
	}

	/** A coordinator's decision on a submitted revision. */
	public enum Decision {

		APPROVE, RETURN

	}

	/**
	 * Approves (publishes) or returns the submitted revision. Returning needs a comment saying what
	 * to change. Approval publishes the revision to every department; the one it replaces is kept.
	 */
	public CatalogEntry review(Actor actor, UUID id, Decision decision, @Nullable String comment, long expectedVersion) {
		CatalogEntry entry = visible(actor, id);
		if (!canReview(actor, entry)) {
			throw new UnigovException(CatalogError.NOT_YOUR_REVIEW,
					"Entries are reviewed by the coordinator of the providing department's own division (C2).");
		}
		lockVersion(entry, expectedVersion);
		if (workingState(entry) != RevisionState.SUBMITTED) {
			throw new UnigovException(CatalogError.WRONG_STATE, "Entry " + entry.code() + " has no revision awaiting review.");
		}
		Revision revision = revisionRow(id, entry.workingRevision());
		Map<String, Object> details = summary(entry.code(), entry.workingRevision(), revision.content());
		if (revision.reviewDue() != null) {
			details.put("reviewDue", revision.reviewDue().toString());
			details.put("reviewInTime", !this.calendar.today().isAfter(revision.reviewDue()));
		}
		if (decision == Decision.RETURN) {
			if (comment == null || comment.isBlank()) {
				throw new UnigovException(CatalogError.COMMENT_REQUIRED,
						"Say what the department must change when returning an entry.");
			}
			this.jdbc.sql("""
					update cat_revision set state = 'returned', decided_at = now(), decided_by = ?, comment = ?
					where entry_id = ? and revision = ?""")
				.params(actor.username(), comment.strip(), id, entry.workingRevision())
				.update();
			this.jdbc.sql("""
					update cat_entry set status = case when status = 'submitted' then 'draft' else status end,
					    updated_at = now(), version = version + 1 where id = ?""").param(id).update();
			details.put("comment", comment.strip());
			audit(actor, "entry.returned", id, entry.divisionCode(), details);
			changed(id);
			return get(id).orElseThrow();
		}
		if (entry.publishedRevision() != null) {
			this.jdbc.sql("update cat_revision set state = 'superseded' where entry_id = ? and revision = ?")
				.params(id, entry.publishedRevision())
				.update();
		}
		this.jdbc.sql("""
				update cat_revision set state = 'published', decided_at = now(), decided_by = ?, comment = ?
				where entry_id = ? and revision = ?""")
			.params(actor.username(), comment == null || comment.isBlank() ? null : comment.strip(), id,
					entry.workingRevision())
			.update();
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		this.jdbc.sql("""
				update cat_entry set status = 'published', published_revision = working_revision, published_at = ?,
				    first_published_at = coalesce(first_published_at, ?), update_reason = null, update_started = null,
				    update_due = null, update_extended = false, updated_at = now(), version = version + 1
				where id = ?""").params(now, now, id).update();
		denormalize(id, revision.content());
		audit(actor, "entry.published", id, entry.divisionCode(), details);
		changed(id);
		this.events.publishEvent(new EntryPublished(id, entry.code(), entry.workingRevision()));
		return get(id).orElseThrow();
	}

	/** Abandons a revision being prepared beside the published one; the published one stays. */
	public CatalogEntry discardRevision(Actor actor, UUID id, long expectedVersion) {
		CatalogEntry entry = writable(actor, id, expectedVersion);
		RevisionState working = workingState(entry);
		if (!entry.hasPendingRevision() || working == RevisionState.SUBMITTED) {
			throw new UnigovException(CatalogError.WRONG_STATE,
					"Only a draft or returned revision beside a published one can be discarded.");
		}
		this.jdbc.sql("update cat_revision set state = 'discarded' where entry_id = ? and revision = ?")
			.params(id, entry.workingRevision())
			.update();
		this.jdbc.sql("""
				update cat_entry set working_revision = published_revision, updated_at = now(), version = version + 1
				where id = ?""").param(id).update();
		audit(actor, "entry.revision.discarded", id, entry.divisionCode(),
				Map.of("code", entry.code(), "revision", entry.workingRevision()));
		changed(id);
		return get(id).orElseThrow();
	}

	/**
	 * Takes an entry out of the catalog, with a reason. Refused while something still depends on it
	 * (active grants: ending a sharing service needs the S7 procedure first).
	 */
	public CatalogEntry withdraw(Actor actor, UUID id, String reason, long expectedVersion) {
		CatalogEntry entry = visible(actor, id);
		if (!canWithdraw(actor, entry)) {
			throw new UnigovException(CatalogError.NOT_YOUR_ENTRY,
					"Only the providing department's admin withdraws its catalog entries.");
		}
		lockVersion(entry, expectedVersion);
		if (entry.status() == EntryStatus.WITHDRAWN) {
			throw new UnigovException(CatalogError.WRONG_STATE, "Entry " + entry.code() + " is withdrawn already.");
		}
		if (reason.isBlank()) {
			throw new UnigovException(CatalogError.COMMENT_REQUIRED, "Give the reason for withdrawing the entry.");
		}
		List<String> blockers = new ArrayList<>();
		this.guards.forEach(guard -> blockers.addAll(guard.blockers(id)));
		if (!blockers.isEmpty()) {
			throw new UnigovException(CatalogError.ENTRY_IN_USE,
					"Entry " + entry.code() + " is still in use: " + String.join("; ", blockers)
							+ ". End those grants first, after consulting the consumers and filing with the coordinator (S7).",
					Map.of("blockers", blockers));
		}
		if (workingState(entry) == RevisionState.SUBMITTED || workingState(entry) == RevisionState.DRAFT
				|| workingState(entry) == RevisionState.RETURNED) {
			this.jdbc.sql("update cat_revision set state = 'discarded' where entry_id = ? and revision = ? and state <> 'published'")
				.params(id, entry.workingRevision())
				.update();
		}
		this.jdbc.sql("""
				update cat_entry set status = 'withdrawn', withdrawn_reason = ?, update_reason = null, update_started = null,
				    update_due = null, updated_at = now(), version = version + 1 where id = ?""")
			.params(reason.strip(), id)
			.update();
		audit(actor, "entry.withdrawn", id, entry.divisionCode(), Map.of("code", entry.code(), "reason", reason.strip()));
		changed(id);
		this.events.publishEvent(new EntryWithdrawn(id, entry.code(), reason.strip()));
		return get(id).orElseThrow();
	}

	// ---- C7: updates owed after a change of duties or law -------------------------------------

	/**
	 * Records that the department's duties or the law changed, so the entry must be updated within
	 * 10 working days (C7). Recorded by the coordinator of the provider's level or the provider's
	 * admin.
	 */
	public CatalogEntry requireUpdate(Actor actor, UUID id, String reason, long expectedVersion) {
		CatalogEntry entry = visible(actor, id);
		if (!canReview(actor, entry) && !canWithdraw(actor, entry)) {
			throw new UnigovException(CatalogError.NOT_YOUR_REVIEW,
					"An update is required by the coordinator of the provider's level or the provider's admin (C7).");
		}
		lockVersion(entry, expectedVersion);
		if (entry.status() != EntryStatus.PUBLISHED) {
			throw new UnigovException(CatalogError.WRONG_STATE, "Only a published entry can owe an update.");
		}
		if (entry.updateDue() != null) {
			throw new UnigovException(CatalogError.WRONG_STATE,
					"Entry " + entry.code() + " already owes an update by " + entry.updateDue() + ".");
		}
		if (reason.isBlank()) {
			throw new UnigovException(CatalogError.COMMENT_REQUIRED, "Say which duty or law changed.");
		}
		LocalDate today = this.calendar.today();
		LocalDate due = this.calendar.addWorkingDays(today, UPDATE_DAYS).due();
		this.jdbc.sql("""
				update cat_entry set update_reason = ?, update_started = ?, update_due = ?, update_extended = false,
				    updated_at = now(), version = version + 1 where id = ?""")
			.params(reason.strip(), today, due, id)
			.update();
		audit(actor, "entry.update.required", id, entry.divisionCode(),
				Map.of("code", entry.code(), "reason", reason.strip(), "due", due.toString()));
		return get(id).orElseThrow();
	}

	/** Allows 5 more working days for an owed update, once (C7); the coordinator of the provider's level. */
	public CatalogEntry extendUpdate(Actor actor, UUID id, long expectedVersion) {
		CatalogEntry entry = visible(actor, id);
		if (!canReview(actor, entry)) {
			throw new UnigovException(CatalogError.NOT_YOUR_REVIEW,
					"Only the coordinator of the provider's level extends an update deadline (C7).");
		}
		lockVersion(entry, expectedVersion);
		if (entry.updateDue() == null || entry.updateStarted() == null) {
			throw new UnigovException(CatalogError.UPDATE_NOT_DUE, "Entry " + entry.code() + " owes no update.");
		}
		if (entry.updateExtended()) {
			throw new UnigovException(CatalogError.UPDATE_NOT_DUE,
					"The update deadline of " + entry.code() + " was extended once already (C7).");
		}
		LocalDate due = this.calendar.addWorkingDays(entry.updateStarted(), UPDATE_DAYS + UPDATE_EXTENSION_DAYS).due();
		this.jdbc.sql("""
				update cat_entry set update_due = ?, update_extended = true, updated_at = now(), version = version + 1
				where id = ?""").params(due, id).update();
		audit(actor, "entry.update.extended", id, entry.divisionCode(),
				Map.of("code", entry.code(), "from", entry.updateDue().toString(), "to", due.toString()));
		return get(id).orElseThrow();
	}

	/** Recomputes stored deadlines after the calendar changed. */
	public int recomputeDeadlines() {
		List<Object[]> owed = this.jdbc.sql("select id, update_started, update_extended from cat_entry where update_due is not null")
			.query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class),
					rs.getBoolean(3) })
			.list();
		for (Object[] row : owed) {
			int days = UPDATE_DAYS + ((Boolean) row[2] ? UPDATE_EXTENSION_DAYS : 0);
			this.jdbc.sql("update cat_entry set update_due = ? where id = ?")
				.params(this.calendar.addWorkingDays((LocalDate) row[1], days).due(), row[0])
				.update();
		}
		List<Object[]> reviews = this.jdbc.sql("select entry_id, revision, submitted_at from cat_revision where review_due is not null and state = 'submitted'")
			.query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getInt(2),
					rs.getObject(3, OffsetDateTime.class) })
			.list();
		for (Object[] row : reviews) {
			LocalDate submitted = ((OffsetDateTime) row[2]).atZoneSameInstant(WorkingCalendar.ZONE).toLocalDate();
			this.jdbc.sql("update cat_revision set review_due = ? where entry_id = ? and revision = ?")
				.params(this.calendar.addWorkingDays(submitted, REVIEW_DAYS).due(), row[0], row[1])
				.update();
		}
		return owed.size() + reviews.size();
	}

	@org.springframework.transaction.event.TransactionalEventListener
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
	void on(org.unigov.calendar.CalendarChanged event) {
		this.calendar.reload();
		int moved = recomputeDeadlines();
		this.journal.append(Actor.SYSTEM, AuditRecord.of("catalog.deadlines.recomputed", "calendar-year", event.year(),
				null, Map.of("recomputed", moved)));
	}

	// ---- helpers -----------------------------------------------------------------------------

	private CatalogEntry writable(Actor actor, UUID id, long expectedVersion) {
		CatalogEntry entry = visible(actor, id);
		if (!canCompile(actor, entry.providerAgencyId())) {
			throw new UnigovException(CatalogError.NOT_YOUR_ENTRY,
					"Only the providing department's admins and staff change its catalog entries.");
		}
		lockVersion(entry, expectedVersion);
		return entry;
	}

	private void lockVersion(CatalogEntry entry, long expectedVersion) {
		long version = this.jdbc.sql("select version from cat_entry where id = ? for update")
			.param(entry.id())
			.query(Long.class)
			.single();
		if (version != expectedVersion || entry.version() != expectedVersion) {
			throw new UnigovException(CommonError.STALE_VERSION, "Entry " + entry.code()
					+ " changed since you read it (version " + version + ", you had " + expectedVersion + "); reload it.");
		}
	}

	private RevisionState workingState(CatalogEntry entry) {
		return this.jdbc.sql("select state from cat_revision where entry_id = ? and revision = ?")
			.params(entry.id(), entry.workingRevision())
			.query((rs, n) -> Coded.parse(RevisionState.class, rs.getString(1)).orElseThrow())
			.single();
	}

	private EntryContent publishedContent(CatalogEntry entry) {
		return revisionRow(entry.id(), Objects.requireNonNull(entry.publishedRevision())).content();
	}

	private Revision revisionRow(UUID id, int number) {
		return this.jdbc.sql("select * from cat_revision where entry_id = ? and revision = ?")
			.params(id, number)
			.query(this::revision)
			.single();
	}

	private static EntryInput withChangeReason(EntryInput in, @Nullable String reason) {
		return new EntryInput(in.name(), in.nameEn(), in.classification(), in.summary(), in.summaryEn(), in.items(),
				in.format(), in.updateFrequency(), in.sharingType(), in.sharingMethods(), in.conditions(),
				in.notSharedReason(), in.notSharedBasis(), in.openAttribute(), in.openConditions(), in.grade(),
				in.personalInfo(), in.secrecy(), in.assessmentApprovedBy(), in.assessmentApprovedOn(), in.relatedCodes(),
				in.sourceSystemId(), in.keywords(), in.contactName(), in.contactEmail(), in.contactPhone(),
				in.coverageFrom(), in.coverageTo(), reason);
	}

	/** C1: state and work secrets never enter the sharing catalog. */
	private static void refuseSecret(EntryInput input) {
		Optional<Secrecy> secrecy = Coded.parse(Secrecy.class, input.secrecy());
		if (secrecy.isPresent() && secrecy.get() != Secrecy.NONE) {
			throw new UnigovException(CatalogError.SECRET_DATA, "Data marked " + secrecy.get().labelEn().toLowerCase()
					+ " (" + secrecy.get().labelZh() + ") is not government data for sharing and cannot enter the catalog (C1).");
		}
	}

	private EntryContent valid(EntryChecks.Result checked) {
		if (!checked.problems().isEmpty() || checked.content() == null) {
			throw invalid(checked.problems());
		}
		return checked.content();
	}

	static UnigovException invalid(List<FieldProblem> problems) {
		Map<String, String> rules = EntryChecks.rules();
		List<Map<String, String>> errors = problems.stream().map(p -> {
			Map<String, String> error = new LinkedHashMap<>();
			error.put("field", p.field());
			error.put("code", p.code());
			error.put("message", p.message());
			if (rules.containsKey(p.code())) {
				error.put("rule", rules.get(p.code()));
			}
			return error;
		}).toList();
		return new UnigovException(CatalogError.INVALID_ENTRY,
				"The catalog entry has " + problems.size() + " problem(s): "
						+ String.join(" ", problems.stream().map(FieldProblem::message).toList()),
				Map.of("errors", errors));
	}

	private List<FieldProblem> warnings(EntryChecks.Result checked, EntryContent content) {
		List<FieldProblem> warnings = new ArrayList<>(checked.warnings());
		// C8: items collected by the department although an authoritative source provides them
		for (int i = 0; i < content.items().size(); i++) {
			DataItem item = content.items().get(i);
			if (item.origin() != ItemOrigin.COLLECTED || item.elementCode() == null) {
				continue;
			}
			int index = i;
			authority(item.elementCode()).ifPresent(source -> warnings.add(new FieldProblem("items[" + index + "]",
					"authoritative_source_exists", "The authoritative source of " + item.elementCode() + " is entry "
							+ source + "; obtain the item through sharing rather than collecting it again (C8).")));
		}
		return warnings;
	}

	private Optional<String> authority(String elementCode) {
		return this.jdbc.sql("""
				select e.code from cat_authority a join cat_entry e on e.id = a.entry_id
				where a.element_code = ? and e.status = 'published'""").param(elementCode).query(String.class).optional();
	}

	private String nextCode(String classification) {
		int next = this.jdbc.sql("""
				insert into cat_sequence (classification, next_value) values (?, 1)
				on conflict (classification) do update set next_value = cat_sequence.next_value + 1
				returning next_value""").param(classification).query(Integer.class).single();
		return classification + "/" + String.format("%05d", next);
	}

	private void insertRevision(UUID id, int number, EntryContent content, Actor actor) {
		this.jdbc.sql("""
				insert into cat_revision (entry_id, revision, state, content, created_by)
				values (?, ?, 'draft', ?::jsonb, ?)""")
			.params(id, number, this.json.writeValueAsString(content), actor.username())
			.update();
	}

	private void denormalize(UUID id, EntryContent content) {
		this.jdbc.sql("""
				update cat_entry set name = ?, name_en = ?, sharing_type = ?, open_attribute = ?, format = ?,
				    update_frequency = ?, grade = ? where id = ?""")
			.params(content.name(), content.nameEn(), content.sharingType().code(), content.openAttribute().code(),
					content.format().code(), content.updateFrequency().code(), content.grade().code(), id)
			.update();
	}

	private void audit(Actor actor, String action, UUID id, String division, Map<String, ?> details) {
		this.journal.append(actor, AuditRecord.of(action, "catalog-entry", id, division, details));
	}

	private void changed(UUID id) {
		this.events.publishEvent(new CatalogChanged(Set.of(id)));
	}

	private static Map<String, Object> summary(String code, int revision, EntryContent content) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("code", code);
		details.put("revision", revision);
		details.put("name", content.name());
		details.put("sharingType", content.sharingType().code());
		details.put("openAttribute", content.openAttribute().code());
		details.put("items", content.itemNames());
		return details;
	}

	/** Which fields differ between two contents, by name, for the audit entry. */
	private static List<String> changes(@Nullable EntryContent before, EntryContent after) {
		if (before == null) {
			return List.of();
		}
		List<String> changed = new ArrayList<>();
		for (var component : EntryContent.class.getRecordComponents()) {
			try {
				if (!Objects.equals(component.getAccessor().invoke(before), component.getAccessor().invoke(after))) {
					changed.add(component.getName());
				}
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return changed;
	}

	private EntryContent content(String json) {
		return this.json.readValue(json, EntryContent.class);
	}

	/** Agencies by id, read once a minute at most: every entry row and facet value names its provider. */
	private final java.util.concurrent.ConcurrentHashMap<UUID, java.util.Optional<Agency>> agencies = new java.util.concurrent.ConcurrentHashMap<>();

	private volatile long agenciesReadAt = System.currentTimeMillis();

	public @Nullable Agency agency(UUID id) {
		if (System.currentTimeMillis() - this.agenciesReadAt > 60_000) {
			this.agencies.clear();
			this.agenciesReadAt = System.currentTimeMillis();
		}
		return this.agencies.computeIfAbsent(id, key -> this.organizations.agency(new AgencyId(key))).orElse(null);
	}

	private CatalogEntry row(ResultSet rs, int n) throws SQLException {
		UUID agencyId = rs.getObject("provider_agency_id", UUID.class);
		Agency agency = agency(agencyId);
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

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}
}
