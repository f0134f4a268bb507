package org.unigov.sharing;

import java.util.UUID;

/**
 * The provider answered a request: approved, refused, or sent the notice of what is missing
 * ({@code status} is the request's new status code). Published inside the answering transaction.
 */
public record RequestAnswered(UUID requestId, String number, UUID entryId, UUID requesterAgencyId,
		UUID providerAgencyId, String status) {
}
