/**
 * Rule-driven sharing under the 2025 Government Data Sharing Regulation: requests through the
 * published catalog (S1) with reply deadlines in working days (S2, S4), incompleteness notices and
 * reasoned refusals (S3), delivery tracking (S5), grants with suspension, ending and disposal
 * (S7, S10), data-quality checks (S8), disputes by tier (S9), data returned downward (S11), and
 * sharing statistics per agency. Grant events ({@link org.unigov.sharing.GrantIssued} and others)
 * are what the exchange enforces on every call (S6).
 */
@NullMarked
@ApplicationModule(displayName = "Data sharing",
		allowedDependencies = { "shared", "audit", "organization", "registry", "catalog", "calendar" })
package org.unigov.sharing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
