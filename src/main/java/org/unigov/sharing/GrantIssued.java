package org.unigov.sharing;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A grant took effect (or was renewed with a new validity): the exchange may now pass the listed
 * items of the entry to the consumer system, for this purpose, between these dates, at this rate.
 */
public record GrantIssued(UUID grantId, UUID consumerSystemId, UUID consumerAgencyId, UUID providerAgencyId,
		UUID entryId, String entryCode, List<String> items, String purpose, LocalDate validFrom, LocalDate validTo,
		int rateLimitPerMinute) {
}
