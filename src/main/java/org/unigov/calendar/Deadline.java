package org.unigov.calendar;

import java.time.LocalDate;

/**
 * A statutory deadline: the last day on which the duty is met in time.
 *
 * @param due the last day in time
 * @param provisional the count reached a year whose official notice the calendar does not hold
 * yet, so only weekends and the statutory holidays were skipped; the date may move when a platform
 * admin enters that year
 */
public record Deadline(LocalDate due, boolean provisional) {
}
