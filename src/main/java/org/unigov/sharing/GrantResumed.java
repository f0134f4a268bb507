package org.unigov.sharing;

import java.util.UUID;

/** A suspended grant was resumed after the misuse was corrected (S7). */
public record GrantResumed(UUID grantId, UUID consumerSystemId, String entryCode, String note) {
}
