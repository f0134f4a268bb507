/**
 * Systems registry: the inventory of every government digital system, its function taxonomy,
 * bulk import and export, and the duplicate finder that project reviews consult. Other modules
 * use {@link org.unigov.registry.SystemRegistry}, {@link org.unigov.registry.Taxonomy},
 * {@link org.unigov.registry.ReusableSystems} and {@link org.unigov.registry.DuplicateFinder};
 * everything else lives in {@code internal} and {@code similarity}.
 */
@NullMarked
@ApplicationModule(displayName = "Systems registry", allowedDependencies = { "shared", "audit", "organization" })
package org.unigov.registry;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
