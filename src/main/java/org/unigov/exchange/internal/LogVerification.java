package org.unigov.exchange.internal;

import org.jspecify.annotations.Nullable;

/**
 * The result of walking the access log's chain.
 *
 * @param valid whether every entry read is intact, in order, and the chain reaches the head
 * @param entries the number of entries read
 * @param firstSeq the first sequence number read (after archived months), or null when none
 * @param lastSeq the last sequence number read, or null when none
 * @param headSeq where the head says the chain ends
 * @param firstBrokenSeq the first sequence number at which the chain does not hold, or null
 * @param problem what is wrong there, or null
 */
public record LogVerification(boolean valid, long entries, @Nullable Long firstSeq, @Nullable Long lastSeq,
		long headSeq, @Nullable Long firstBrokenSeq, @Nullable String problem) {
}
