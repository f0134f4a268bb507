package org.unigov.catalog;

import java.util.UUID;

/** An entry left the catalog: no new requests may name it. */
public record EntryWithdrawn(UUID entryId, String code, String reason) {
}
