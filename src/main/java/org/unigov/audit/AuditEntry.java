package org.unigov.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One journal entry as stored and hashed. */
public record AuditEntry(long sequence, Instant recordedAt, String actor, @Nullable String agencyCode,
		@Nullable String divisionCode, String action, String subjectType, String subjectId, String details,
		String previousHash, String hash) {
}
