/**
 * Project governance (政务信息化项目, rules P1-P7): proposals through the three stages (P1), gates
 * run on every submission from the facts the other modules hold — duplicates in the registry (P3),
 * data published and obtained through the catalog (P2, C8), unified identity (P4), the budget
 * thresholds deciding which levels approve (P5) — and the reviews up the hierarchy with a parallel
 * budget review. Outcome targets that only count things built or users registered are refused on
 * their own (P7). docs/projects.md describes the module.
 */
@NullMarked
@ApplicationModule(displayName = "Project governance",
		allowedDependencies = { "shared", "audit", "organization", "registry", "catalog", "calendar", "exchange" })
package org.unigov.projects;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
import org.unigov.projects.internal.Project;
