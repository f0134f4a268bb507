package org.unigov.exchange.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One call through the exchange, allowed or denied (S10): who called (client, consumer system and
 * agency), what for (purpose), what they got (the data items returned, the status) and about whom
 * (a keyed hash of the data subject's identifier, never the identifier). {@code seq} and the
 * hashes are set by the log when the entry is written.
 *
 * @param outcome a stable code: {@code ok}, or the problem code the call was refused with
 * @param subjectKey the id of the key the subject hash was made with (keys rotate)
 */
public record AccessEntry(long seq, Instant at, UUID requestId, @Nullable String clientId,
		@Nullable UUID consumerSystemId, @Nullable UUID consumerAgencyId, @Nullable UUID providerAgencyId,
		@Nullable UUID serviceId, String resourceCode, @Nullable UUID grantId, String purpose, String method,
		String path, List<String> items, int status, String outcome, int latencyUs, int bytes,
		@Nullable String subjectKey, byte @Nullable [] subjectHmac, byte[] previousHash, byte[] hash) {

	public AccessEntry {
		items = List.copyOf(items);
	}

	/** The same entry with its place in the chain. */
	public AccessEntry chained(long seq, byte[] previousHash, byte[] hash) {
		return new AccessEntry(seq, this.at, this.requestId, this.clientId, this.consumerSystemId,
				this.consumerAgencyId, this.providerAgencyId, this.serviceId, this.resourceCode, this.grantId,
				this.purpose, this.method, this.path, this.items, this.status, this.outcome, this.latencyUs,
				this.bytes, this.subjectKey, this.subjectHmac, previousHash, hash);
	}

	public boolean denied() {
		return this.status == 401 || this.status == 403 || this.status == 429;
	}

	public boolean failed() {
		return this.status >= 500;
	}
}
