package org.unigov.projects;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A review step became pending with a division: the coordinators of {@code divisionCode} approve
 * ({@code kind} = approval) or its auditors review the budget ({@code kind} = budget).
 */
public record ReviewAwaited(UUID projectId, String code, String name, UUID agencyId, String divisionCode, String kind,
		LocalDate due) {
}
