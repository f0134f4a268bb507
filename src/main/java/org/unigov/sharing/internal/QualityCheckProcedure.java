package org.unigov.sharing.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.EntryId;
import org.unigov.shared.Actor;
import org.unigov.shared.Coded;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;
import org.unigov.sharing.QualityCheck;
import org.unigov.sharing.QualityCheckRequested;
import org.unigov.sharing.QualityStatus;

/**
 * Data-quality checks (S8): a consumer that finds data wrong or incomplete asks the provider to
 * check it; the provider verifies, corrects where needed and answers within 10 working days. Open
 * checks are shown on the entry to everyone who can read it.
 */
@Service
@Transactional
public class QualityCheckProcedure {

	/** S8: working days the provider has to verify, correct and answer. */
	public static final int ANSWER_DAYS = 10;

	private final QualityCheckStore checks;

	private final GrantStore grants;

	private final Catalog catalog;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	QualityCheckProcedure(QualityCheckStore checks, GrantStore grants, Catalog catalog, WorkingCalendar calendar,
			AuditJournal journal, ApplicationEventPublisher events) {
		this.checks = checks;
		this.grants = grants;
		this.catalog = catalog;
		this.calendar = calendar;
		this.journal = journal;
		this.events = events;
	}

	/** The checks on an entry the actor can read, open ones first. */
	@Transactional(readOnly = true)
	public List<QualityCheck> forEntry(Actor actor, UUID entryId) {
		CatalogEntry entry = this.catalog.visible(actor, new EntryId(entryId));
		return this.checks.forEntry(entry.id());
	}

	/** Checks the actor's agency asked for or must answer. */
	@Transactional(readOnly = true)
	public List<QualityCheck> forAgency(Actor actor) {
		UUID agency = actor.agencyId();
		return agency == null ? List.of() : this.checks.forAgency(agency);
	}

	@Transactional(readOnly = true)
	public QualityCheck get(UUID id) {
		return this.checks.get(id)
			.orElseThrow(() -> UnigovException.notFound(SharingError.CHECK_NOT_FOUND, "Quality check", id));
	}

	/** A consumer with a grant on the entry asks for a check of some of its items. */
	public QualityCheck file(Actor actor, UUID entryId, List<String> items, @Nullable String description) {
		CatalogEntry entry = this.catalog.visible(actor, new EntryId(entryId));
		UUID agency = actor.agencyId();
		if (agency == null || !RequestRules.actsFor(actor, agency)) {
			throw new UnigovException(SharingError.NO_GRANT_FOR_CHECK, "Checks are asked for by the staff of a consumer agency.");
		}
		UUID grant = this.grants.latestFor(entry.id(), agency)
			.orElseThrow(() -> new UnigovException(SharingError.NO_GRANT_FOR_CHECK,
					"Your agency has no grant on entry " + entry.code() + "; a check is asked for by a consumer of the data (S8)."));
		if (items.isEmpty() || !entry.content().itemNames().containsAll(items)) {
			throw RequestRules.invalid(List.of(new FieldProblem("items", "unknown_item",
					"Name the entry's items that look wrong.")));
		}
		if (RequestRules.blank(description) || description.strip().length() < 10) {
			throw RequestRules.invalid(List.of(new FieldProblem("description", "missing",
					"Describe what is wrong or missing, with an example.")));
		}
		LocalDate today = this.calendar.today();
		LocalDate due = this.calendar.addWorkingDays(today, ANSWER_DAYS).due();
		QualityCheck check = this.checks.insert(entry, new QualityCheckStore.Filing(agency, grant, items,
				description.strip(), actor.username(), today, due));
		this.journal.append(actor, AuditRecord.of("quality.check.requested", "quality-check", check.id(),
				entry.divisionCode(), Map.of("entry", entry.code(), "items", items, "due", due.toString())));
		this.events.publishEvent(new QualityCheckRequested(check.id(), entry.id(), entry.code(), entry.providerAgencyId(), due));
		return check;
	}

	/** The provider answers: corrected, or verified correct, with what it found (S8). */
	public QualityCheck answer(Actor actor, UUID id, @Nullable String outcome, @Nullable String answer, long version) {
		QualityCheck check = get(id);
		if (!RequestRules.actsFor(actor, check.providerAgencyId())) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST, "The provider of the data answers a check (S8).");
		}
		this.checks.lock(id, version);
		if (check.status() != QualityStatus.OPEN) {
			throw new UnigovException(SharingError.WRONG_STATE, "The check is answered already.");
		}
		QualityStatus status = Coded.parse(QualityStatus.class, outcome)
			.filter(s -> s != QualityStatus.OPEN)
			.orElseThrow(() -> new UnigovException(CommonError.INVALID_PARAMETER, "outcome is corrected or verified-correct."));
		if (RequestRules.blank(answer)) {
			throw new UnigovException(SharingError.REASONS_REQUIRED, "Say what was verified and, if so, corrected.");
		}
		LocalDate today = this.calendar.today();
		QualityCheckStore.Answered answered = this.checks.answer(id, status, answer.strip(), today, actor.username());
		this.journal.append(actor, AuditRecord.of("quality.check.answered", "quality-check", id, answered.providerDivision(),
				Map.of("entry", check.entryCode(), "outcome", status.code(), "inTime", !today.isAfter(check.due()))));
		return answered.check();
	}
}
