package org.unigov.sharing;

import java.util.UUID;

/**
 * A dispute over a sharing request was opened (at negotiation, for the provider to answer) or
 * taken up a tier (for the coordinator of {@code coordinatorDivision} to decide, or to record the
 * people's government's decision) (S9). Published inside the transaction that changed it.
 */
public record DisputeRaised(UUID disputeId, UUID requestId, String number, UUID entryId, UUID providerAgencyId,
		DisputeTier tier, String coordinatorDivision) {
}
