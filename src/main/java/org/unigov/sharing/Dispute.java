package org.unigov.sharing;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A dispute over a request (S9), at its current tier.
 *
 * @param coordinatorDivision the division whose coordinator handles the coordinator tiers: the
 * departments' own division, or their nearest common higher division
 */
public record Dispute(UUID id, UUID requestId, DisputeTier tier, String coordinatorDivision, boolean open,
		Instant openedAt, String openedBy, String grounds, @Nullable DisputeOutcome outcome,
		@Nullable String resolution, @Nullable Instant resolvedAt, @Nullable String resolvedBy, long version) {
}
