package org.unigov.catalog.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.EntryPublished;
import org.unigov.catalog.Revision;
import org.unigov.catalog.RevisionState;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.UnigovException;

/**
 * The coordinator's review (C2): the coordinator of the provider's own division approves
 * (publishes to every department) or returns a submitted revision; the revision an approval
 * replaces is kept.
 */
@Service
@Transactional
public class EntryReview {

	/** A coordinator's decision on a submitted revision. */
	public enum Decision {

		APPROVE, RETURN

	}

	private final Entries entries;

	private final EntryReads reads;

	private final EntryChanges changes;

	private final WorkingCalendar calendar;

	private final Clock clock;

	EntryReview(Entries entries, EntryReads reads, EntryChanges changes, WorkingCalendar calendar, Clock clock) {
		this.entries = entries;
		this.reads = reads;
		this.changes = changes;
		this.calendar = calendar;
		this.clock = clock;
	}

	/**
	 * Approves (publishes) or returns the submitted revision. Returning needs a comment saying what
	 * to change. Approval publishes the revision to every department; the one it replaces is kept.
	 */
	public CatalogEntry review(Actor actor, UUID id, Decision decision, @Nullable String comment, long expectedVersion) {
		CatalogEntry entry = this.reads.visible(actor, id);
		if (!EntryAccess.canReview(actor, entry)) {
			throw new UnigovException(CatalogError.NOT_YOUR_REVIEW,
					"Entries are reviewed by the coordinator of the providing department's own division (C2).");
		}
		this.changes.lockVersion(entry, expectedVersion);
		if (this.entries.workingState(entry) != RevisionState.SUBMITTED) {
			throw new UnigovException(CatalogError.WRONG_STATE, "Entry " + entry.code() + " has no revision awaiting review.");
		}
		Revision revision = this.entries.revision(id, entry.workingRevision()).orElseThrow();
		Map<String, Object> details = EntryChanges.summary(entry.code(), entry.workingRevision(), revision.content());
		if (revision.reviewDue() != null) {
			details.put("reviewDue", revision.reviewDue().toString());
			details.put("reviewInTime", !this.calendar.today().isAfter(revision.reviewDue()));
		}
		return decision == Decision.RETURN ? giveBack(actor, entry, comment, details)
				: approve(actor, entry, revision, comment, details);
	}

	private CatalogEntry giveBack(Actor actor, CatalogEntry entry, @Nullable String comment, Map<String, Object> details) {
		if (comment == null || comment.isBlank()) {
			throw new UnigovException(CatalogError.COMMENT_REQUIRED,
					"Say what the department must change when returning an entry.");
		}
		CatalogEntry returned = this.entries.returnRevision(entry.id(), entry.workingRevision(), actor, comment.strip());
		details.put("comment", comment.strip());
		this.changes.record(actor, "entry.returned", returned, details);
		return returned;
	}

	private CatalogEntry approve(Actor actor, CatalogEntry entry, Revision revision, @Nullable String comment,
			Map<String, Object> details) {
		CatalogEntry published = this.entries.publish(entry, actor,
				comment == null || comment.isBlank() ? null : comment.strip(), revision.content(),
				OffsetDateTime.now(this.clock));
		this.changes.record(actor, "entry.published", published, details);
		this.changes.publish(new EntryPublished(entry.id(), entry.code(), entry.workingRevision()));
		return published;
	}
}
