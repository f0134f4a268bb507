package org.unigov.sharing;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A request now waits for the provider's reply: filed for a conditional entry, or supplemented
 * after an incompleteness notice (S2, S3). Published inside the filing transaction.
 */
public record RequestReceived(UUID requestId, String number, UUID entryId, UUID providerAgencyId,
		UUID requesterAgencyId, LocalDate replyDue) {
}
