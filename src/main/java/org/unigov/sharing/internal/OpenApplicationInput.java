package org.unigov.sharing.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What an applicant states (the same statements as S1, for the public): who applies — the person
 * or an organization with its unified social credit code —, how to reach them, the purpose, the
 * data items and the period of use. Every problem is listed at once.
 */
public record OpenApplicationInput(@Nullable UUID entryId, @Nullable String applicantKind,
		@Nullable String organizationName, @Nullable String organizationCode, @Nullable String contact,
		@Nullable String purpose, @Nullable List<String> items, @Nullable LocalDate periodFrom,
		@Nullable LocalDate periodTo) {
}
