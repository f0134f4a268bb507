package org.unigov.sharing;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A consumer asked the provider to verify an entry's data (S8); the provider answers by
 * {@code due}. Published inside the filing transaction.
 */
public record QualityCheckRequested(UUID checkId, UUID entryId, String entryCode, UUID providerAgencyId,
		LocalDate due) {
}
