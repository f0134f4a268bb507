package org.unigov.catalog;

import java.util.UUID;

/** A revision of an entry was approved and published to every department (C2). */
public record EntryPublished(UUID entryId, String code, int revision) {
}
