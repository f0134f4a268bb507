package org.unigov.sharing;

import java.time.LocalDate;
import java.util.UUID;

/** A grant reached the end of its validity. */
public record GrantExpired(UUID grantId, UUID consumerSystemId, String entryCode, LocalDate validTo) {
}
