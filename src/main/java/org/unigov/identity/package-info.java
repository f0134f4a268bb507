/**
 * Identity: accounts (staff and citizens), sign-in with throttling and lock-out, sessions, and the
 * embedded OAuth2/OpenID Connect authorization server that issues tokens to department systems
 * ({@code client_credentials}) and apps (authorization code with PKCE). It turns whoever is
 * calling into an {@link org.unigov.shared.Actor} for every other module.
 */
@NullMarked
@ApplicationModule(displayName = "Identity", allowedDependencies = { "shared", "audit", "organization" })
package org.unigov.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
