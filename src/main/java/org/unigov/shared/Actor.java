package org.unigov.shared;

import java.security.Principal;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is acting: a person signed in to the UI, or a department system calling with a token. Every
 * module reads it to check permissions and scope and to attribute its audit entries; the identity
 * module puts it into the security context.
 *
 * <p>Scope follows the GB/T 2260 code: a division's subtree is every code sharing its significant
 * prefix (two digits for a province, four for a city, six for a county), so "within my scope" is a
 * prefix test rather than a tree walk.
 *
 * @param accountId the account, or {@code null} for a department system
 * @param username the sign-in name or OAuth2 client id
 * @param displayName the name shown to people
 * @param kind staff, citizen or system
 * @param agencyId the agency the actor works for, if any
 * @param agencyCode that agency's unified social credit code
 * @param divisionCode the GB/T 2260 code of that agency's division
 * @param roles the roles held
 */
public record Actor(@Nullable UUID accountId, String username, String displayName, Kind kind,
		@Nullable UUID agencyId, @Nullable String agencyCode, @Nullable String divisionCode, Set<Role> roles)
		implements Principal {

	/** The name recorded for changes the platform makes by itself (migrations, demo data, schedules). */
	public static final Actor SYSTEM = new Actor(null, "system", "Unigov", Kind.SYSTEM, null, null, null, Set.of());

	/** Someone not signed in. */
	public static final Actor ANONYMOUS = new Actor(null, "anonymous", "Anonymous", Kind.ANONYMOUS, null, null, null,
			Set.of());

	public enum Kind {

		STAFF, CITIZEN, SYSTEM, ANONYMOUS

	}

	/** Implemented by security principals that carry an actor. */
	public interface Source {

		Actor actor();

	}

	public Actor {
		roles = Set.copyOf(roles);
	}

	@Override
	public String getName() {
		return this.username;
	}

	public boolean has(Role role) {
		return this.roles.contains(role);
	}

	public boolean hasAny(Role... any) {
		for (Role role : any) {
			if (this.roles.contains(role)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The code prefix of the actor's subtree: empty (everything) for a platform admin, otherwise
	 * the significant digits of the actor's division; {@code null} when the actor has no division.
	 */
	public @Nullable String scopePrefix() {
		if (has(Role.PLATFORM_ADMIN)) {
			return "";
		}
		return this.divisionCode == null ? null : significantPrefix(this.divisionCode);
	}

	/** Whether a division lies in this actor's subtree (its own division or below). */
	public boolean covers(@Nullable String division) {
		String prefix = scopePrefix();
		return prefix != null && division != null && division.startsWith(prefix);
	}

	public static String significantPrefix(String divisionCode) {
		if (divisionCode.endsWith("0000")) {
			return divisionCode.substring(0, 2);
		}
		return divisionCode.endsWith("00") ? divisionCode.substring(0, 4) : divisionCode;
	}

	/** The actor of the current request, or {@link #SYSTEM} outside a request. */
	public static Actor current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null) {
			return SYSTEM;
		}
		if (authentication instanceof AnonymousAuthenticationToken) {
			return ANONYMOUS;
		}
		Object principal = authentication.getPrincipal();
		if (principal instanceof Actor actor) {
			return actor;
		}
		if (principal instanceof Source source) {
			return source.actor();
		}
		return SYSTEM;
	}
}
