package org.unigov.sharing;

import java.util.UUID;

/** Sharing under a grant is suspended for misuse until corrected (S7); calls must be refused. */
public record GrantSuspended(UUID grantId, UUID consumerSystemId, String entryCode, String reason) {
}
