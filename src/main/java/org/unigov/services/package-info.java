/**
 * Services for citizens and enterprises (一网通办): the service matters (事项) agencies publish —
 * legal basis, the form's fields bound to catalog data items, required materials, the time limit
 * in working days — browsed by life event. Applications with prefill and preview, "who used my
 * data", the caseworker's workbench and reviews (好差评) build on them (issue 18).
 */
@NullMarked
@ApplicationModule(displayName = "Services",
		allowedDependencies = { "shared", "audit", "organization", "catalog", "calendar" })
package org.unigov.services;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
