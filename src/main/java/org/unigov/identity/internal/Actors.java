package org.unigov.identity.internal;

import org.springframework.stereotype.Component;
import org.unigov.identity.Account;
import org.unigov.organization.Agency;
import org.unigov.organization.AgencyId;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.shared.Actor;

/** Turns an account into the {@link Actor} the rest of the platform sees. */
@Component
public class Actors {

	private final OrganizationDirectory directory;

	Actors(OrganizationDirectory directory) {
		this.directory = directory;
	}

	public Actor of(Account account) {
		Agency agency = account.agencyId() == null ? null
				: this.directory.agency(new AgencyId(account.agencyId())).orElse(null);
		return new Actor(account.id(), account.username(), account.displayName(),
				account.kind() == Account.Kind.STAFF ? Actor.Kind.STAFF : Actor.Kind.CITIZEN,
				agency == null ? null : agency.id().value(), agency == null ? null : agency.creditCode(),
				agency == null ? null : agency.divisionCode(), account.roles());
	}
}
