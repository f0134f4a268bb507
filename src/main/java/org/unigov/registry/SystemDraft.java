package org.unigov.registry;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a person states about a system when registering or editing it. Costs and user figures may
 * be null: unknown, which is not zero (sums leave them out and pages say "unknown").
 */
public record SystemDraft(String name, List<String> aliases, UUID agencyId, String summary, List<String> capabilities,
		SystemStatus status, @Nullable LocalDate goLiveDate, @Nullable Long buildCostFen, @Nullable Long annualOmCostFen,
		FundingSource fundingSource, String vendor, Hosting hosting, @Nullable Long registeredUsers, @Nullable Long monthlyActiveUsers,
		LoginMethod loginMethod, List<String> integrations, boolean publicFacing, boolean sharedPlatform) {

	public SystemDraft {
		aliases = List.copyOf(aliases);
		capabilities = List.copyOf(capabilities);
		integrations = List.copyOf(integrations);
	}
}
