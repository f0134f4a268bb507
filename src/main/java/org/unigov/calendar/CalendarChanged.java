package org.unigov.calendar;

/** Published after a year of the calendar was replaced: stored deadlines must be recomputed. */
public record CalendarChanged(int year) {
}
