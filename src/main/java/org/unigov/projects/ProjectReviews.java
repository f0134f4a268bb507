package org.unigov.projects;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.unigov.projects.internal.ReviewDesk;
import org.unigov.shared.Actor;

/**
 * What other modules read of the project reviews: a reviewer's queue (the work list shows it).
 * Submitting and deciding happen in the module itself ({@code internal.ReviewDesk}).
 */
@Service
public class ProjectReviews {

	private final ReviewDesk desk;

	ProjectReviews(ReviewDesk desk) {
		this.desk = desk;
	}

	/** One line of a reviewer's queue. */
	public record QueueItem(ReviewStep step, UUID projectId, String code, String name, String agencyCode,
			String divisionCode, String type, String stage, long totalFen, long version, boolean overdue) {
	}

	/**
	 * The reviewer's queue: the steps pending with the actor's division — approvals for a
	 * coordinator, budget reviews for an auditor — oldest due first; {@code overdue} narrows to
	 * those past their due date. Empty for anyone else.
	 */
	public Page<QueueItem> queue(Actor actor, boolean overdue, Pageable pageable) {
		return this.desk.queue(actor, overdue, pageable);
	}
}
