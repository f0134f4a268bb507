package org.unigov.catalog;

import java.util.Set;
import java.util.UUID;

/** Published when entries changed in a way readers see (content, status): the search index follows. */
public record CatalogChanged(Set<UUID> entryIds) {
}
