package org.unigov.audit.internal;

import org.jspecify.annotations.Nullable;

/**
 * The result of walking the chain.
 *
 * @param valid whether every entry is intact, in order and complete
 * @param entries the number of entries read
 * @param firstBrokenSequence the first sequence number at which the chain does not hold, or null
 */
public record AuditVerification(boolean valid, long entries, @Nullable Long firstBrokenSequence) {
}
