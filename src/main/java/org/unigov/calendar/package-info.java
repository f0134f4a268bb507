/**
 * The official working-day calendar (S4): the State Council's days off and make-up working days
 * (调休) per year, kept as data a platform admin edits, and the working-day arithmetic that every
 * statutory deadline uses (sharing replies and deliveries, catalog updates, quality checks).
 */
@NullMarked
@ApplicationModule(displayName = "Working calendar", allowedDependencies = { "shared", "audit" })
package org.unigov.calendar;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
