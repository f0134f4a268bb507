/**
 * Organization: administrative divisions (GB/T 2260: province → city → county/district) and the
 * agencies (部门) under each, identified by their unified social credit code (GB 32100). Other
 * modules look agencies and divisions up through {@link org.unigov.organization.OrganizationDirectory}
 * and refer to them by {@link org.unigov.organization.AgencyId} or division code only.
 */
@NullMarked
@ApplicationModule(displayName = "Organization", allowedDependencies = { "shared", "audit" })
package org.unigov.organization;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
