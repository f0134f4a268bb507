package org.unigov.catalog.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.EntryContent;
import org.unigov.catalog.EntryStatus;
import org.unigov.catalog.Revision;
import org.unigov.catalog.RevisionState;
import org.unigov.organization.Agency;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * Compiling entries (C2): a department compiles an entry as a draft, revises it and submits it to
 * the coordinator of its level. A published entry is revised by preparing a new revision beside
 * it; the published one stays in force until the next is approved. Secret data is refused (C1).
 */
@Service
@Transactional
public class EntryEditing {

	/** C7: working days the coordinator has to review and publish an update. */
	public static final int REVIEW_DAYS = 2;

	private final Entries entries;

	private final EntryReads reads;

	private final EntryChecks checks;

	private final EntryValidation validation;

	private final EntryChanges changes;

	private final Providers providers;

	private final WorkingCalendar calendar;

	EntryEditing(Entries entries, EntryReads reads, EntryChecks checks, EntryValidation validation,
			EntryChanges changes, Providers providers, WorkingCalendar calendar) {
		this.entries = entries;
		this.reads = reads;
		this.checks = checks;
		this.validation = validation;
		this.changes = changes;
		this.providers = providers;
		this.calendar = calendar;
	}

	/** Compiles a new entry as a draft of the actor's agency (or, for a platform admin, the given one). */
	public EntryOutcome create(Actor actor, @Nullable UUID agencyId, EntryInput input) {
		UUID providerId = agencyId != null ? agencyId : actor.agencyId();
		if (providerId == null || !EntryAccess.canCompile(actor, providerId)) {
			throw new UnigovException(CatalogError.NOT_YOUR_ENTRY,
					"Only the providing department's admins and staff compile its catalog entries.");
		}
		Agency agency = this.providers.current(providerId)
			.orElseThrow(() -> new UnigovException(CommonError.NOT_FOUND, "There is no agency " + providerId + "."));
		EntryValidation.refuseSecret(input);
		EntryChecks.Result checked = this.checks.check(input, providerId, null, false, null);
		EntryContent content = EntryValidation.valid(checked);
		String code = this.entries.nextCode(content.classification());
		CatalogEntry created = this.entries.create(UUID.randomUUID(), code, providerId, agency.divisionCode(), content,
				actor);
		this.changes.record(actor, "entry.created", created, EntryChanges.summary(code, 1, content));
		return new EntryOutcome(created, this.validation.warnings(checked, content));
	}

	/**
	 * Changes the working revision of an entry. A draft or returned revision is changed in place;
	 * for a published entry with nothing pending a new revision is started, and the published one
	 * stays in force until the new one is approved.
	 */
	public EntryOutcome update(Actor actor, UUID id, EntryInput input, long expectedVersion) {
		CatalogEntry entry = writable(actor, id, expectedVersion);
		RevisionState working = editableState(entry, input);
		EntryValidation.refuseSecret(input);
		EntryContent published = publishedContent(entry);
		EntryChecks.Result checked = this.checks.check(input, entry.providerAgencyId(), entry.code(), false, published);
		EntryContent content = EntryValidation.valid(checked);
		int revision = working == RevisionState.PUBLISHED ? entry.workingRevision() + 1 : entry.workingRevision();
		CatalogEntry updated = working == RevisionState.PUBLISHED
				? this.entries.startRevision(id, revision, content, actor)
				: this.entries.rewrite(id, revision, content, entry.publishedRevision() == null);
		Map<String, Object> details = EntryChanges.summary(entry.code(), revision, content);
		details.put("changed", EntryChanges.changes(entry.publishedRevision() == null || working != RevisionState.PUBLISHED
				? entry.content() : published, content));
		this.changes.record(actor, "entry.revised", updated, details);
		return new EntryOutcome(updated, this.validation.warnings(checked, content));
	}

	/** The state of the working revision, if the entry may be changed at all. */
	private RevisionState editableState(CatalogEntry entry, EntryInput input) {
		if (entry.status() == EntryStatus.WITHDRAWN) {
			throw new UnigovException(CatalogError.NOT_EDITABLE, "A withdrawn entry cannot be changed.");
		}
		RevisionState working = this.entries.workingState(entry);
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
		return working;
	}

	/** Submits the working revision to the coordinator of the provider's level (C2). */
	public EntryOutcome submit(Actor actor, UUID id, long expectedVersion) {
		CatalogEntry entry = writable(actor, id, expectedVersion);
		RevisionState working = this.entries.workingState(entry);
		if (working != RevisionState.DRAFT && working != RevisionState.RETURNED) {
			throw new UnigovException(CatalogError.WRONG_STATE, "Only a draft or returned revision can be submitted; revision "
					+ entry.workingRevision() + " is " + working.code() + ".");
		}
		Revision revision = this.entries.revision(id, entry.workingRevision()).orElseThrow();
		EntryValidation.refuseSecret(EntryInput.of(revision.content()));
		EntryInput input = withChangeReason(EntryInput.of(revision.content()), revision.content().changeReason());
		EntryChecks.Result checked = this.checks.check(input, entry.providerAgencyId(), entry.code(), true,
				publishedContent(entry));
		EntryValidation.valid(checked);
		LocalDate today = this.calendar.today();
		// C7: an update of a published entry is reviewed and published within 2 working days
		LocalDate reviewDue = entry.publishedRevision() != null
				? this.calendar.addWorkingDays(today, REVIEW_DAYS).due() : null;
		CatalogEntry submitted = this.entries.submit(id, entry.workingRevision(), actor, reviewDue);
		Map<String, Object> details = EntryChanges.summary(entry.code(), entry.workingRevision(), revision.content());
		if (entry.updateDue() != null) {
			details.put("updateDue", entry.updateDue().toString());
			details.put("updateInTime", !today.isAfter(entry.updateDue()));
		}
		this.changes.record(actor, "entry.submitted", submitted, details);
		return new EntryOutcome(submitted, this.validation.warnings(checked, revision.content()));
	}

	/** Abandons a revision being prepared beside the published one; the published one stays. */
	public CatalogEntry discardRevision(Actor actor, UUID id, long expectedVersion) {
		CatalogEntry entry = writable(actor, id, expectedVersion);
		RevisionState working = this.entries.workingState(entry);
		if (!entry.hasPendingRevision() || working == RevisionState.SUBMITTED) {
			throw new UnigovException(CatalogError.WRONG_STATE,
					"Only a draft or returned revision beside a published one can be discarded.");
		}
		CatalogEntry discarded = this.entries.discard(id, entry.workingRevision());
		this.changes.record(actor, "entry.revision.discarded", discarded,
				Map.of("code", entry.code(), "revision", entry.workingRevision()));
		return discarded;
	}

	private CatalogEntry writable(Actor actor, UUID id, long expectedVersion) {
		CatalogEntry entry = this.reads.visible(actor, id);
		if (!EntryAccess.canCompile(actor, entry.providerAgencyId())) {
			throw new UnigovException(CatalogError.NOT_YOUR_ENTRY,
					"Only the providing department's admins and staff change its catalog entries.");
		}
		this.changes.lockVersion(entry, expectedVersion);
		return entry;
	}

	private @Nullable EntryContent publishedContent(CatalogEntry entry) {
		if (entry.publishedRevision() == null) {
			return null;
		}
		return this.entries.revision(entry.id(), Objects.requireNonNull(entry.publishedRevision())).orElseThrow().content();
	}

	private static EntryInput withChangeReason(EntryInput in, @Nullable String reason) {
		return new EntryInput(in.name(), in.nameEn(), in.classification(), in.summary(), in.summaryEn(), in.items(),
				in.format(), in.updateFrequency(), in.sharingType(), in.sharingMethods(), in.conditions(),
				in.notSharedReason(), in.notSharedBasis(), in.openAttribute(), in.openConditions(), in.grade(),
				in.personalInfo(), in.secrecy(), in.assessmentApprovedBy(), in.assessmentApprovedOn(), in.relatedCodes(),
				in.sourceSystemId(), in.keywords(), in.contactName(), in.contactEmail(), in.contactPhone(),
				in.coverageFrom(), in.coverageTo(), reason);
	}
}
