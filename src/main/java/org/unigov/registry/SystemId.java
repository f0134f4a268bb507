package org.unigov.registry;

import java.util.UUID;

/** The id of a registered system, as other modules hold it. */
public record SystemId(UUID value) {

	@Override
	public String toString() {
		return this.value.toString();
	}
}
