package org.unigov.notifications.internal;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * One thing waiting for someone on the home page's to-do list.
 *
 * @param kind what is to be done: reply, deliver, supplement, quality-check, catalog-update,
 * catalog-review, project-review, budget-review, dispute, overdue-request (the message
 * {@code todo.kind.<kind>})
 * @param ref the request number, project code or entry code
 * @param name the thing's name in the reader's language
 * @param party the other agency concerned, if any
 * @param link where the work is done
 * @param due when it is due, if it has a deadline
 */
public record WorkItem(String kind, String ref, String name, @Nullable String party, String link,
		@Nullable LocalDate due, boolean overdue) {
}
