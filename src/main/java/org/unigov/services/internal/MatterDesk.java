package org.unigov.services.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.DataItem;
import org.unigov.organization.Agency;
import org.unigov.organization.AgencyId;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.ident.PlainText;
import org.unigov.shared.jdbc.Where;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/**
 * Service matters (事项): an agency's staff draft and edit them, its admin publishes and withdraws
 * them; applicants see the published ones, staff also their agency's drafts and, for coordinators
 * and auditors, those of their division subtree. A form field bound to a catalog data item names a
 * published entry and one of its items, so prefill can later ask that entry's provider. Each change
 * is audited under subject type {@code matter}.
 */
@Service
@Transactional
public class MatterDesk {

	static final int MAX_FIELDS = 50;

	static final int MAX_MATERIALS = 30;

	private final Matters matters;

	private final Catalog catalog;

	private final OrganizationDirectory directory;

	private final AuditJournal journal;

	private final Clock clock;

	MatterDesk(Matters matters, Catalog catalog, OrganizationDirectory directory, AuditJournal journal, Clock clock) {
		this.matters = matters;
		this.catalog = catalog;
		this.directory = directory;
		this.journal = journal;
		this.clock = clock;
	}

	/** Whether the actor drafts and edits matters of {@code agencyId}. */
	public static boolean canEdit(Actor actor, UUID agencyId) {
		return actor.has(Role.PLATFORM_ADMIN)
				|| actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && agencyId.equals(actor.agencyId());
	}

	/** Whether the actor publishes and withdraws matters of {@code agencyId}. */
	public static boolean canPublish(Actor actor, UUID agencyId) {
		return actor.has(Role.PLATFORM_ADMIN) || actor.has(Role.AGENCY_ADMIN) && agencyId.equals(actor.agencyId());
	}

	/** Whether the actor drafts matters at all (for their own agency). */
	public static boolean canDraft(Actor actor) {
		return actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && actor.agencyId() != null;
	}

	public static boolean isVisible(Actor actor, Matter matter) {
		return matter.status() == MatterStatus.PUBLISHED || canEdit(actor, matter.agencyId())
				|| actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.covers(matter.divisionCode());
	}

	@Transactional(readOnly = true)
	public Matter visible(Actor actor, UUID id) {
		return this.matters.get(id)
			.filter(m -> isVisible(actor, m))
			.orElseThrow(() -> UnigovException.notFound(ServiceError.MATTER_NOT_FOUND, "Matter", id));
	}

	/**
	 * The matters the actor may see, by text and life event; {@code status} narrows to one state
	 * (applicants only ever see published ones), {@code agencyId} to one agency's.
	 */
	@Transactional(readOnly = true)
	public Page<Matter> find(Actor actor, @Nullable String text, @Nullable LifeEvent lifeEvent,
			@Nullable MatterStatus status, @Nullable UUID agencyId, Pageable pageable) {
		Where where = actor.kind() == Actor.Kind.STAFF
				? Where.start().visibleTo(actor, "status = 'published'", List.of("division_code"), List.of("agency_id"))
				: Where.start().and("status = 'published'");
		where.andIf(status != null, "status = ?", status == null ? null : status.code())
			.andIf(agencyId != null, "agency_id = ?", agencyId);
		return this.matters.find(new Matters.Filter(where, text, lifeEvent), pageable);
	}

	@Transactional(readOnly = true)
	public Map<LifeEvent, Long> publishedByLifeEvent() {
		return this.matters.publishedByLifeEvent();
	}

	/** Drafts a matter for the actor's agency. */
	public Matter create(Actor actor, MatterInput input) {
		if (!canDraft(actor)) {
			throw new UnigovException(ServiceError.MATTER_NOT_YOURS,
					"Matters are drafted by the staff of the agency that offers them.");
		}
		Agency agency = this.directory.agency(new AgencyId(actor.agencyId())).orElseThrow();
		UUID deciding = check(input, agency.id().value());
		Instant now = this.clock.instant();
		Matter matter = this.matters.insert(new Matter(UUID.randomUUID(), this.matters.nextCode(now), input.name().strip(),
				blankToNull(input.nameEn()), input.summary() == null ? "" : input.summary().strip(), agency.id().value(),
				deciding, agency.divisionCode(), input.legalBasis().strip(), input.timeLimitDays(), input.applicant(),
				List.copyOf(input.lifeEvents()), MatterStatus.DRAFT, input.fields(), input.materials(), 0, now, now, null));
		audit(actor, "matter.created", matter, Map.of("code", matter.code(), "name", matter.name()));
		return matter;
	}

	/** Edits a draft or published matter; a withdrawn one is published again first. */
	public Matter update(Actor actor, UUID id, MatterInput input, long version) {
		Matter matter = editable(actor, id);
		if (matter.status() == MatterStatus.WITHDRAWN) {
			throw new UnigovException(ServiceError.MATTER_WRONG_STATE, "A withdrawn matter is not edited.");
		}
		UUID deciding = check(input, matter.agencyId());
		Matter updated = this.matters.update(id, input, deciding, version, this.clock.instant());
		audit(actor, "matter.updated", updated, Map.of("name", updated.name(), "fields", updated.fields().size()));
		return updated;
	}

	public Matter publish(Actor actor, UUID id, long version) {
		return move(actor, id, version, MatterStatus.PUBLISHED, "matter.published");
	}

	public Matter withdraw(Actor actor, UUID id, long version) {
		return move(actor, id, version, MatterStatus.WITHDRAWN, "matter.withdrawn");
	}

	private Matter move(Actor actor, UUID id, long version, MatterStatus to, String action) {
		Matter matter = editable(actor, id);
		if (!canPublish(actor, matter.agencyId())) {
			throw new UnigovException(ServiceError.MATTER_NOT_YOURS, "The agency's admin publishes and withdraws its matters.");
		}
		boolean allowed = to == MatterStatus.PUBLISHED ? matter.status() != MatterStatus.PUBLISHED
				: matter.status() == MatterStatus.PUBLISHED;
		if (!allowed) {
			throw new UnigovException(ServiceError.MATTER_WRONG_STATE,
					"The matter is " + matter.status().code() + "; it cannot become " + to.code() + ".");
		}
		Matter moved = this.matters.setStatus(matter, to, version, this.clock.instant());
		audit(actor, action, moved, Map.of("code", moved.code()));
		return moved;
	}

	private Matter editable(Actor actor, UUID id) {
		Matter matter = visible(actor, id);
		if (!canEdit(actor, matter.agencyId())) {
			throw new UnigovException(ServiceError.MATTER_NOT_YOURS, "Only the offering agency's staff change a matter.");
		}
		return matter;
	}

	/** Checks a matter as a whole; returns the deciding agency (the offering one unless another is named). */
	private UUID check(MatterInput in, UUID ownAgency) {
		List<FieldProblem> problems = new ArrayList<>();
		text(problems, "name", in.name(), 100, true);
		text(problems, "nameEn", in.nameEn(), 200, false);
		text(problems, "summary", in.summary(), 1000, false, true);
		text(problems, "legalBasis", in.legalBasis(), 500, true, true);
		if (in.timeLimitDays() < 1 || in.timeLimitDays() > 365) {
			problems.add(new FieldProblem("timeLimitDays", "range", "The time limit is 1 to 365 working days."));
		}
		if (in.lifeEvents().isEmpty()) {
			problems.add(new FieldProblem("lifeEvents", "required", "Name at least one life event applicants look under."));
		}
		checkFields(problems, in.fields());
		checkMaterials(problems, in.materials());
		UUID deciding = in.decidingAgencyId() == null ? ownAgency : in.decidingAgencyId();
		if (this.directory.agency(new AgencyId(deciding)).filter(Agency::active).isEmpty()) {
			problems.add(new FieldProblem("decidingAgencyId", "unknown", "The deciding agency does not exist or is inactive."));
		}
		if (!problems.isEmpty()) {
			throw UnigovException.invalid(ServiceError.MATTER_INVALID, UnigovException.messages(problems), problems);
		}
		return deciding;
	}

	private void checkFields(List<FieldProblem> problems, List<Matter.Field> fields) {
		if (fields.isEmpty() || fields.size() > MAX_FIELDS) {
			problems.add(new FieldProblem("fields", "size", "A form has 1 to " + MAX_FIELDS + " fields."));
		}
		Set<String> labels = new HashSet<>();
		Map<String, CatalogEntry> entries = new LinkedHashMap<>();
		for (int i = 0; i < Math.min(fields.size(), MAX_FIELDS); i++) {
			Matter.Field f = fields.get(i);
			String at = "fields[" + i + "]";
			text(problems, at + ".label", f.label(), 50, true);
			text(problems, at + ".labelEn", f.labelEn(), 100, false);
			if (f.label() != null && !labels.add(f.label().strip())) {
				problems.add(new FieldProblem(at + ".label", "duplicate", "Two fields are called " + f.label() + "."));
			}
			if ((f.entryCode() == null) != (f.itemName() == null)) {
				problems.add(new FieldProblem(at + ".itemName", "incomplete",
						"A field is bound to a catalog entry and one of its data items, or to nothing."));
			}
			else if (f.entryCode() != null && !bindable(entries, f.entryCode(), f.itemName())) {
				problems.add(new FieldProblem(at + ".itemName", ServiceError.FIELD_BINDING_UNKNOWN.code(),
						"Catalog entry " + f.entryCode() + " is not published or has no data item " + f.itemName() + "."));
			}
		}
	}

	private boolean bindable(Map<String, CatalogEntry> entries, String code, @Nullable String item) {
		CatalogEntry entry = entries.computeIfAbsent(code, c -> this.catalog.byCode(c).orElse(null));
		return entry != null && entry.isPublished()
				&& entry.content().items().stream().map(DataItem::name).anyMatch(n -> n.equals(item));
	}

	private static void checkMaterials(List<FieldProblem> problems, List<Matter.Material> materials) {
		if (materials.size() > MAX_MATERIALS) {
			problems.add(new FieldProblem("materials", "size", "At most " + MAX_MATERIALS + " materials."));
		}
		Set<String> names = new HashSet<>();
		for (int i = 0; i < Math.min(materials.size(), MAX_MATERIALS); i++) {
			Matter.Material m = materials.get(i);
			text(problems, "materials[" + i + "].name", m.name(), 100, true);
			if (m.name() != null && !names.add(m.name().strip())) {
				problems.add(new FieldProblem("materials[" + i + "].name", "duplicate", "Two materials are called " + m.name() + "."));
			}
		}
	}

	private static void text(List<FieldProblem> problems, String field, @Nullable String value, int max, boolean required) {
		text(problems, field, value, max, required, false);
	}

	/** A required or optional text: its length, and no control, zero-width or direction-override characters. */
	private static void text(List<FieldProblem> problems, String field, @Nullable String value, int max, boolean required,
			boolean multiline) {
		if (value == null || value.isBlank()) {
			if (required) {
				problems.add(new FieldProblem(field, "required", field + " is required."));
			}
		}
		else if (value.strip().length() > max) {
			problems.add(new FieldProblem(field, "size", field + " is at most " + max + " characters."));
		}
		else if (!PlainText.Validator.isPlain(value.strip(), multiline)) {
			problems.add(new FieldProblem(field, "control_characters", field + " contains control characters."));
		}
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	private void audit(Actor actor, String action, Matter matter, Map<String, ?> details) {
		this.journal.append(actor, AuditRecord.of(action, "matter", matter.id(), matter.divisionCode(), details));
	}
}
