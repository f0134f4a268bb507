/**
 * The government data catalog (政务数据目录) under the 2025 Government Data Sharing Regulation:
 * entries compiled by departments, reviewed and published by coordinators with every revision
 * kept (C2), their sharing type with conditions or legal basis (C3, C4), open attribute (C5),
 * the fields of C6, update deadlines (C7), authoritative sources (C8); the standard data element
 * library (数据元); and permission-aware faceted search. The sharing module builds requests and
 * grants on {@link org.unigov.catalog.Catalog}; the open-data portal publishes the open part.
 */
@NullMarked
@ApplicationModule(displayName = "Data catalog",
		allowedDependencies = { "shared", "audit", "organization", "registry", "calendar" })
package org.unigov.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
