package org.unigov.catalog;

import java.util.Objects;
import java.util.UUID;

/** The id of a catalog entry, as other modules hold it. */
public record EntryId(UUID value) {

	public EntryId {
		Objects.requireNonNull(value, "value");
	}

	@Override
	public String toString() {
		return this.value.toString();
	}
}
