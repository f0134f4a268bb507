package org.unigov.notifications.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;
import org.unigov.identity.Account;
import org.unigov.identity.Accounts;
import org.unigov.organization.Agency;
import org.unigov.organization.AgencyId;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;

/**
 * Who is told: the enabled staff of an agency who act for it (agency admins and staff), or the
 * holders of a reviewing role (coordinator, auditor) in the agencies of one division. Resolved when
 * the work arrives, through the identity and organization modules' APIs.
 */
@Component
public class Recipients {

	/** Looks up across every division: the directory shows a platform admin everything. */
	private static final Actor LOOKUP = new Actor(null, "system", "Unigov", Actor.Kind.SYSTEM, null, null, null,
			Set.of(Role.PLATFORM_ADMIN));

	private final Accounts accounts;

	private final OrganizationDirectory directory;

	Recipients(Accounts accounts, OrganizationDirectory directory) {
		this.accounts = accounts;
		this.directory = directory;
	}

	/** The people who act for {@code agencyId}. */
	public List<String> agencyStaff(UUID agencyId) {
		return this.accounts.staff(null, agencyId, null, Pageable.unpaged())
			.stream()
			.filter(a -> a.enabled() && (a.roles().contains(Role.AGENCY_ADMIN) || a.roles().contains(Role.AGENCY_STAFF)))
			.map(Account::username)
			.toList();
	}

	/** The holders of {@code role} in the agencies of exactly {@code divisionCode}. */
	public List<String> reviewers(String divisionCode, Role role) {
		List<UUID> agencies = this.directory.agencies(LOOKUP, divisionCode, null, true, Pageable.unpaged())
			.stream()
			.filter(a -> a.divisionCode().equals(divisionCode))
			.map(Agency::id)
			.map(AgencyId::value)
			.toList();
		if (agencies.isEmpty()) {
			return List.of();
		}
		return this.accounts.staff(agencies, null, null, Pageable.unpaged())
			.stream()
			.filter(a -> a.enabled() && a.roles().contains(role))
			.map(Account::username)
			.toList();
	}
}
