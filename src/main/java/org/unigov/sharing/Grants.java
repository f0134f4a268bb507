package org.unigov.sharing;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.unigov.sharing.internal.GrantDesk;

/**
 * What other modules read of the grants (S6): the exchange loads those in force at start-up,
 * follows the grant events, and explains a refused call from a consumer's grants in any state.
 * Issuing, suspending, resuming and ending happen in the module itself ({@code internal.GrantDesk}).
 */
@Service
public class Grants {

	private final GrantDesk desk;

	Grants(GrantDesk desk) {
		this.desk = desk;
	}

	/** The grant, in any state. */
	public Optional<Grant> get(GrantId id) {
		return this.desk.get(id);
	}

	/** Every grant in force, for the exchange to load its cache at start-up. */
	public List<Grant> inForce() {
		return this.desk.inForce();
	}

	/** Every grant, in any state, of a consumer system for an entry: why the exchange refused a call. */
	public List<Grant> forConsumer(UUID consumerSystemId, String entryCode) {
		return this.desk.forConsumer(consumerSystemId, entryCode);
	}
}
