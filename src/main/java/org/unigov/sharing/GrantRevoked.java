package org.unigov.sharing;

import java.util.UUID;

/** A grant ended before its time (S7): misuse not corrected, or the provider ended it after consulting the consumer and filing. */
public record GrantRevoked(UUID grantId, UUID consumerSystemId, String entryCode, String reason) {
}
