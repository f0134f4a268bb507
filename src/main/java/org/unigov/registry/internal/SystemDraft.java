package org.unigov.registry.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.unigov.registry.FundingSource;
import org.unigov.registry.Hosting;
import org.unigov.registry.LoginMethod;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemStatus;

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

	/** The editable fields of a registered system, as a draft for an update. */
	public static SystemDraft of(RegisteredSystem s) {
		return new SystemDraft(s.name(), s.aliases(), s.agencyId(), s.summary(), s.capabilities(), s.status(),
				s.goLiveDate(), s.buildCostFen(), s.annualOmCostFen(), s.fundingSource(), s.vendor(), s.hosting(),
				s.registeredUsers(), s.monthlyActiveUsers(), s.loginMethod(), s.integrations(), s.publicFacing(),
				s.sharedPlatform());
	}
}
