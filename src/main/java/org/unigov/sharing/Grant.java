package org.unigov.sharing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What an approved request produced: a consumer system may receive these items of an entry for
 * this purpose within these dates at this rate (S6, enforced by the exchange). Suspension, ending
 * and disposal follow S7; the disposal record is kept with the grant (S10).
 */
public record Grant(UUID id, UUID requestId, UUID consumerSystemId, UUID consumerAgencyId, String consumerDivision,
		UUID providerAgencyId, String providerDivision, UUID entryId, String entryCode, List<String> items,
		String purpose, LocalDate validFrom, LocalDate validTo, int rateLimitPerMinute, GrantStatus status,
		Instant issuedAt, @Nullable Instant suspendedAt, @Nullable String suspensionReason,
		@Nullable LocalDate correctionDue, @Nullable String correctionReported, @Nullable Instant endedAt,
		@Nullable EndKind endKind, @Nullable String endReason, @Nullable String consultationNote,
		@Nullable Instant filedAt, @Nullable String disposalMethod, @Nullable LocalDate disposalOn,
		@Nullable String disposalNote, @Nullable Instant disposalRecordedAt, long version) {

	/** Over, and the consumer has not yet recorded how it disposed of the data (S7). */
	public boolean disposalOutstanding() {
		return (this.status == GrantStatus.ENDED || this.status == GrantStatus.EXPIRED) && this.disposalRecordedAt == null;
	}
}
