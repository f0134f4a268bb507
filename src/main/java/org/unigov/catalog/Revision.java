package org.unigov.catalog;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** One revision of an entry, kept for good once published (C2). */
public record Revision(int number, RevisionState state, EntryContent content, Instant createdAt, String createdBy,
		@Nullable Instant submittedAt, @Nullable String submittedBy, @Nullable LocalDate reviewDue,
		@Nullable Instant decidedAt, @Nullable String decidedBy, @Nullable String comment) {
}
