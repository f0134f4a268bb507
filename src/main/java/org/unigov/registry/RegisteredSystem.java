package org.unigov.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One government digital system in the registry. Money is in fen (分); users registered and
 * monthly active are recorded apart, because counting registrations alone rewards formalism.
 */
public record RegisteredSystem(UUID id, String name, List<String> aliases, UUID agencyId, String agencyCode,
		String agencyNameZh, String agencyNameEn, String divisionCode, String summary, List<String> capabilities,
		SystemStatus status, @Nullable LocalDate goLiveDate, @Nullable Long buildCostFen, @Nullable Long annualOmCostFen,
		FundingSource fundingSource, String vendor, Hosting hosting, @Nullable Long registeredUsers, @Nullable Long monthlyActiveUsers,
		LoginMethod loginMethod, List<String> integrations, boolean publicFacing, boolean sharedPlatform, long version,
		Instant createdAt, Instant updatedAt) {
}
