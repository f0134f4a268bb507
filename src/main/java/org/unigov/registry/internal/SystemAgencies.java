package org.unigov.registry.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.unigov.organization.Agency;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.registry.RegisteredSystem;

/** Fills in each system's agency code and names from the organization module. */
@Component
public class SystemAgencies {

	private final OrganizationDirectory organizations;

	SystemAgencies(OrganizationDirectory organizations) {
		this.organizations = organizations;
	}

	public List<RegisteredSystem> fill(List<RegisteredSystem> systems) {
		Map<UUID, Agency> agencies = this.organizations
			.agencies(systems.stream().map(RegisteredSystem::agencyId).collect(Collectors.toSet()));
		List<RegisteredSystem> result = new ArrayList<>(systems.size());
		for (RegisteredSystem s : systems) {
			Agency a = agencies.get(s.agencyId());
			result.add(a == null ? s : with(s, a));
		}
		return result;
	}

	/** The system with the agency's code and names, when the agency is at hand already. */
	public static RegisteredSystem with(RegisteredSystem s, Agency a) {
		return new RegisteredSystem(s.id(), s.name(), s.aliases(), s.agencyId(), a.creditCode(), a.nameZh(),
				a.nameEn(), s.divisionCode(), s.summary(), s.capabilities(), s.status(), s.goLiveDate(),
				s.buildCostFen(), s.annualOmCostFen(), s.fundingSource(), s.vendor(), s.hosting(), s.registeredUsers(),
				s.monthlyActiveUsers(), s.loginMethod(), s.integrations(), s.publicFacing(), s.sharedPlatform(),
				s.version(), s.createdAt(), s.updatedAt());
	}
}
