package org.unigov.registry;

import java.util.Set;
import java.util.UUID;

/** Published when systems were created or changed; the duplicate finder re-reads them after commit. */
public record SystemsChanged(Set<UUID> ids) {
}
