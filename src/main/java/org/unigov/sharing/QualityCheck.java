package org.unigov.sharing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A consumer's request that the provider check and correct data (S8), due in 10 working days. */
public record QualityCheck(UUID id, UUID entryId, String entryCode, UUID providerAgencyId, UUID requesterAgencyId,
		@Nullable UUID grantId, List<String> items, String description, Instant filedAt, String filedBy,
		LocalDate filedOn, LocalDate due, QualityStatus status, @Nullable String answer, @Nullable Instant answeredAt,
		@Nullable LocalDate answeredOn, @Nullable String answeredBy, long version) {
}
