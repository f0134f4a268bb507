package org.unigov.catalog.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.calendar.CalendarChanged;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.EntryStatus;
import org.unigov.shared.Actor;
import org.unigov.shared.ChinaTime;
import org.unigov.shared.problem.UnigovException;

/**
 * C7: when a department's duties or the law change, it updates its entries within 10 working days
 * (the coordinator may allow 5 more, once); the stored deadlines follow the official calendar.
 */
@Service
@Transactional
public class UpdateDeadlines {

	/** C7: working days a department has to update its entries after a change of duties or law. */
	public static final int UPDATE_DAYS = 10;

	/** C7: the extra working days the coordinator may allow, once. */
	public static final int UPDATE_EXTENSION_DAYS = 5;

	private final Entries entries;

	private final EntryReads reads;

	private final EntryChanges changes;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	UpdateDeadlines(Entries entries, EntryReads reads, EntryChanges changes, WorkingCalendar calendar,
			AuditJournal journal) {
		this.entries = entries;
		this.reads = reads;
		this.changes = changes;
		this.calendar = calendar;
		this.journal = journal;
	}

	/**
	 * Records that the department's duties or the law changed, so the entry must be updated within
	 * 10 working days (C7). Recorded by the coordinator of the provider's level or the provider's
	 * admin.
	 */
	public CatalogEntry requireUpdate(Actor actor, UUID id, String reason, long expectedVersion) {
		CatalogEntry entry = this.reads.visible(actor, id);
		if (!EntryAccess.canReview(actor, entry) && !EntryAccess.canWithdraw(actor, entry)) {
			throw new UnigovException(CatalogError.NOT_YOUR_REVIEW,
					"An update is required by the coordinator of the provider's level or the provider's admin (C7).");
		}
		this.changes.lockVersion(entry, expectedVersion);
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
		CatalogEntry owing = this.entries.requireUpdate(id, reason.strip(), today, due);
		this.changes.record(actor, "entry.update.required", owing,
				Map.of("code", entry.code(), "reason", reason.strip(), "due", due.toString()));
		return owing;
	}

	/** Allows 5 more working days for an owed update, once (C7); the coordinator of the provider's level. */
	public CatalogEntry extendUpdate(Actor actor, UUID id, long expectedVersion) {
		CatalogEntry entry = this.reads.visible(actor, id);
		if (!EntryAccess.canReview(actor, entry)) {
			throw new UnigovException(CatalogError.NOT_YOUR_REVIEW,
					"Only the coordinator of the provider's level extends an update deadline (C7).");
		}
		this.changes.lockVersion(entry, expectedVersion);
		if (entry.updateDue() == null || entry.updateStarted() == null) {
			throw new UnigovException(CatalogError.UPDATE_NOT_DUE, "Entry " + entry.code() + " owes no update.");
		}
		if (entry.updateExtended()) {
			throw new UnigovException(CatalogError.UPDATE_NOT_DUE,
					"The update deadline of " + entry.code() + " was extended once already (C7).");
		}
		LocalDate due = this.calendar.addWorkingDays(entry.updateStarted(), UPDATE_DAYS + UPDATE_EXTENSION_DAYS).due();
		CatalogEntry extended = this.entries.extendUpdate(id, due);
		this.changes.record(actor, "entry.update.extended", extended,
				Map.of("code", entry.code(), "from", entry.updateDue().toString(), "to", due.toString()));
		return extended;
	}

	/** Recomputes stored deadlines (updates owed, reviews due) after the calendar changed. */
	public int recomputeDeadlines() {
		List<Entries.OwedUpdate> owed = this.entries.owedUpdates();
		for (Entries.OwedUpdate update : owed) {
			int days = UPDATE_DAYS + (update.extended() ? UPDATE_EXTENSION_DAYS : 0);
			this.entries.moveUpdateDue(update.entryId(), this.calendar.addWorkingDays(update.started(), days).due());
		}
		List<Entries.PendingReview> reviews = this.entries.pendingReviews();
		for (Entries.PendingReview review : reviews) {
			LocalDate submitted = review.submittedAt().atZoneSameInstant(ChinaTime.ZONE).toLocalDate();
			this.entries.moveReviewDue(review.entryId(), review.revision(),
					this.calendar.addWorkingDays(submitted, EntryEditing.REVIEW_DAYS).due());
		}
		return owed.size() + reviews.size();
	}

	/**
	 * After the calendar changed (and committed), through the event publication registry, so a
	 * recompute is not lost when the process stops in between; runs asynchronously in its own
	 * transaction.
	 */
	@ApplicationModuleListener
	void on(CalendarChanged event) {
		this.calendar.reload();
		int moved = recomputeDeadlines();
		this.journal.append(Actor.SYSTEM, AuditRecord.of("catalog.deadlines.recomputed", "calendar-year", event.year(),
				null, Map.of("recomputed", moved)));
	}
}
