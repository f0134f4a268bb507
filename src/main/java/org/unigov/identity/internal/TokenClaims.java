package org.unigov.identity.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;
import org.unigov.identity.Account;
import org.unigov.identity.Accounts;
import org.unigov.organization.AgencyId;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;

/**
 * The claims Unigov puts into access tokens and reads back out of them. A department system's
 * token names its agency (from the registered client's {@code unigov.agency-id} setting); a
 * person's token carries their roles and agency. Reading a token yields the same {@link Actor}
 * as a session would.
 */
@Component
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext>, Converter<Jwt, AbstractAuthenticationToken> {

	static final String AGENCY_SETTING = "unigov.agency-id";

	private final OrganizationDirectory directory;

	private final Accounts accounts;

	private final Actors actors;

	TokenClaims(OrganizationDirectory directory, Accounts accounts, Actors actors) {
		this.directory = directory;
		this.accounts = accounts;
		this.actors = actors;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
			return;
		}
		var claims = context.getClaims();
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			claims.claim("kind", "system");
			claims.claim("name", context.getRegisteredClient().getClientName());
			Object agencyId = context.getRegisteredClient().getClientSettings().getSetting(AGENCY_SETTING);
			if (agencyId != null) {
				this.directory.agency(new AgencyId(UUID.fromString(agencyId.toString()))).ifPresent(agency -> {
					claims.claim("agency_id", agency.id().toString());
					claims.claim("agency_code", agency.creditCode());
					claims.claim("division_code", agency.divisionCode());
				});
			}
			return;
		}
		// People: read the account afresh, so a token carries the roles held when it is issued
		// (the stored authorization keeps only a generic copy of the sign-in principal).
		Authentication principal = context.getPrincipal();
		Account account = principal == null ? null : this.accounts.byUsername(principal.getName()).orElse(null);
		if (account != null && account.enabled()) {
			Actor actor = this.actors.of(account);
			claims.claim("kind", actor.kind().name().toLowerCase(Locale.ROOT));
			claims.claim("name", actor.displayName());
			claims.claim("roles", actor.roles().stream().map(Role::name).sorted().toList());
			if (actor.accountId() != null) {
				claims.claim("account_id", actor.accountId().toString());
			}
			if (actor.agencyId() != null) {
				claims.claim("agency_id", actor.agencyId().toString());
				claims.claim("agency_code", actor.agencyCode());
				claims.claim("division_code", actor.divisionCode());
			}
		}
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		String kind = jwt.getClaimAsString("kind");
		Set<Role> roles = EnumSet.noneOf(Role.class);
		List<String> roleNames = jwt.getClaimAsStringList("roles");
		if (roleNames != null && !"system".equals(kind)) {
			for (String name : roleNames) {
				try {
					roles.add(Role.valueOf(name));
				}
				catch (IllegalArgumentException ignored) {
					// a role this version does not know grants nothing
				}
			}
		}
		String agencyId = jwt.getClaimAsString("agency_id");
		String accountId = jwt.getClaimAsString("account_id");
		String name = jwt.getClaimAsString("name");
		Actor actor = new Actor(accountId == null ? null : UUID.fromString(accountId), jwt.getSubject(),
				name == null ? jwt.getSubject() : name,
				"system".equals(kind) ? Actor.Kind.SYSTEM : "citizen".equals(kind) ? Actor.Kind.CITIZEN : Actor.Kind.STAFF,
				agencyId == null ? null : UUID.fromString(agencyId), jwt.getClaimAsString("agency_code"),
				jwt.getClaimAsString("division_code"), roles);
		List<GrantedAuthority> authorities = new ArrayList<>();
		roles.forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
		if ("system".equals(kind)) {
			authorities.add(new SimpleGrantedAuthority("ROLE_SYSTEM"));
		}
		List<String> scopes = jwt.getClaimAsStringList("scope");
		if (scopes != null) {
			scopes.forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
		}
		return new ActorBearerToken(jwt, actor, authorities);
	}
}
