package org.unigov.identity.internal;

import java.util.Collection;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.unigov.shared.Actor;

/** An authenticated bearer token whose principal is the {@link Actor} named by its claims. */
class ActorBearerToken extends AbstractOAuth2TokenAuthenticationToken<Jwt> {

	ActorBearerToken(Jwt jwt, Actor actor, Collection<? extends GrantedAuthority> authorities) {
		super(jwt, actor, jwt, authorities);
		setAuthenticated(true);
	}

	@Override
	public Map<String, Object> getTokenAttributes() {
		return getToken().getClaims();
	}
}
