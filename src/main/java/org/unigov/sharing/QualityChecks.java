package org.unigov.sharing;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
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
import org.unigov.shared.problem.UnigovException;
import org.unigov.sharing.internal.Rows;
import org.unigov.sharing.internal.SharingError;
import org.unigov.sharing.internal.RequestRules;

/**
 * Data-quality checks (S8): a consumer that finds data wrong or incomplete asks the provider to
 * check it; the provider verifies, corrects where needed and answers within 10 working days. Open
 * checks are shown on the entry to everyone who can read it.
 */
@Service
@Transactional
public class QualityChecks {

	/** S8: working days the provider has to verify, correct and answer. */
	public static final int ANSWER_DAYS = 10;

	private final JdbcClient jdbc;

	private final Catalog catalog;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	private final org.springframework.context.ApplicationEventPublisher events;

	QualityChecks(JdbcClient jdbc, Catalog catalog, WorkingCalendar calendar, AuditJournal journal,
			org.springframework.context.ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.catalog = catalog;
		this.calendar = calendar;
		this.journal = journal;
	}

	/** The checks on an entry the actor can read, open ones first. */
	@Transactional(readOnly = true)
	public List<QualityCheck> forEntry(Actor actor, UUID entryId) {
		CatalogEntry entry = this.catalog.visible(actor, new EntryId(entryId));
		return this.jdbc.sql("select * from shr_quality_check where entry_id = ? order by status <> 'open', filed_at desc")
			.param(entry.id())
			.query(Rows::check)
			.list();
	}

	/** Checks the actor's agency asked for or must answer. */
	@Transactional(readOnly = true)
	public List<QualityCheck> forAgency(Actor actor) {
		if (actor.agencyId() == null) {
			return List.of();
		}
		return this.jdbc.sql("""
				select * from shr_quality_check where provider_agency_id = ? or requester_agency_id = ?
				order by status <> 'open', due limit 500""").params(actor.agencyId(), actor.agencyId()).query(Rows::check).list();
	}

	/** A consumer with a grant on the entry asks for a check of some of its items. */
	public QualityCheck file(Actor actor, UUID entryId, List<String> items, @Nullable String description) {
		CatalogEntry entry = this.catalog.visible(actor, new EntryId(entryId));
		UUID agency = actor.agencyId();
		if (agency == null || !RequestRules.actsFor(actor, agency)) {
			throw new UnigovException(SharingError.NO_GRANT_FOR_CHECK, "Checks are asked for by the staff of a consumer agency.");
		}
		UUID grant = this.jdbc.sql("select id from shr_grant where entry_id = ? and consumer_agency_id = ? order by issued_at desc limit 1")
			.params(entry.id(), agency)
			.query(UUID.class)
			.optional()
			.orElseThrow(() -> new UnigovException(SharingError.NO_GRANT_FOR_CHECK,
					"Your agency has no grant on entry " + entry.code() + "; a check is asked for by a consumer of the data (S8)."));
		if (items.isEmpty() || !entry.content().itemNames().containsAll(items)) {
			throw RequestRules.invalid(List.of(new org.unigov.shared.problem.FieldProblem("items", "unknown_item",
					"Name the entry's items that look wrong.")));
		}
		if (RequestRules.blank(description) || description.strip().length() < 10) {
			throw RequestRules.invalid(List.of(new org.unigov.shared.problem.FieldProblem("description", "missing",
					"Describe what is wrong or missing, with an example.")));
		}
		LocalDate today = this.calendar.today();
		LocalDate due = this.calendar.addWorkingDays(today, ANSWER_DAYS).due();
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into shr_quality_check (id, entry_id, entry_code, provider_agency_id, provider_division,
				    requester_agency_id, grant_id, items, description, filed_by, filed_on, due, status)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')""")
			.params(id, entry.id(), entry.code(), entry.providerAgencyId(), entry.divisionCode(), agency, grant,
					items.toArray(String[]::new), description.strip(), actor.username(), today, due)
			.update();
		this.journal.append(actor, AuditRecord.of("quality.check.requested", "quality-check", id, entry.divisionCode(),
				Map.of("entry", entry.code(), "items", items, "due", due.toString())));
		this.events.publishEvent(new QualityCheckRequested(id, entry.id(), entry.code(), entry.providerAgencyId(), due));
		return get(id);
	}

	/** The provider answers: corrected, or verified correct, with what it found (S8). */
	public QualityCheck answer(Actor actor, UUID id, @Nullable String outcome, @Nullable String answer, long version) {
		QualityCheck check = get(id);
		if (!RequestRules.actsFor(actor, check.providerAgencyId())) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST, "The provider of the data answers a check (S8).");
		}
		long current = this.jdbc.sql("select version from shr_quality_check where id = ? for update")
			.param(id)
			.query(Long.class)
			.single();
		if (current != version) {
			throw new UnigovException(CommonError.STALE_VERSION, "The check changed since you read it; reload it.");
		}
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
		this.jdbc.sql("""
				update shr_quality_check set status = ?, answer = ?, answered_at = now(), answered_on = ?, answered_by = ?,
				    version = version + 1 where id = ?""")
			.params(status.code(), answer.strip(), today, actor.username(), id)
			.update();
		String division = this.jdbc.sql("select provider_division from shr_quality_check where id = ?")
			.param(id)
			.query(String.class)
			.single();
		this.journal.append(actor, AuditRecord.of("quality.check.answered", "quality-check", id, division,
				Map.of("entry", check.entryCode(), "outcome", status.code(), "inTime", !today.isAfter(check.due()))));
		return get(id);
	}

	public QualityCheck get(UUID id) {
		return this.jdbc.sql("select * from shr_quality_check where id = ?")
			.param(id)
			.query(Rows::check)
			.optional()
			.orElseThrow(() -> UnigovException.notFound(SharingError.CHECK_NOT_FOUND, "Quality check", id));
	}
}
