package org.unigov.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.unigov.shared.Role;

/** A person's account. Staff belong to one agency; citizens to none. */
public record Account(UUID id, String username, String displayName, Kind kind, @Nullable UUID agencyId,
		Set<Role> roles, boolean enabled, int failedAttempts, @Nullable Instant lockedUntil,
		@Nullable Instant lastSignInAt, long version) {

	public enum Kind {

		STAFF, CITIZEN

	}

	public boolean isLocked(Instant now) {
		return this.lockedUntil != null && this.lockedUntil.isAfter(now);
	}
}
