package org.unigov.sharing;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A reply or a delivery passed its deadline and was handed to the coordinator of the provider's
 * division (S5); published once per deadline.
 *
 * @param delivery {@code true} for a late delivery, {@code false} for a late reply
 */
public record RequestOverdue(UUID requestId, String number, UUID entryId, UUID providerAgencyId,
		String providerDivision, LocalDate due, boolean delivery) {
}
