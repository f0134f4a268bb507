package org.unigov.identity.internal;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.unigov.shared.Actor;

/**
 * The principal of a signed-in session: Spring Security's user plus the actor every module reads.
 * The actor is a snapshot taken at sign-in; role changes apply from the next sign-in.
 */
public class SignedInUser extends User implements Actor.Source {

	private final Actor actor;

	public SignedInUser(Actor actor, String passwordHash, boolean enabled, boolean nonLocked) {
		super(actor.username(), passwordHash, enabled, true, true, nonLocked, authorities(actor));
		this.actor = actor;
	}

	@Override
	public Actor actor() {
		return this.actor;
	}

	static Collection<GrantedAuthority> authorities(Actor actor) {
		return actor.roles().stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority())).toList();
	}
}
