package org.unigov.organization;

import java.util.UUID;

/** Typed reference to an agency, for other modules to hold instead of the agency itself. */
public record AgencyId(UUID value) {

	@Override
	public String toString() {
		return this.value.toString();
	}
}
