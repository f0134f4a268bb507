package org.unigov.exchange.gateway;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import org.unigov.exchange.internal.AccessEntry;

/** What is known about a call as it goes, for its log entry. */
final class GatewayCall {

	final long started = System.nanoTime();

	final Instant at;

	final UUID requestId = CallSyntax.requestId();

	final String method;

	/** The path the log keeps: the call's, then the operation's template once it is known. */
	String path;

	/** The path as called (escaped), for the problem's {@code instance}. */
	final String instance;

	final boolean english;

	@Nullable String clientId;

	/** An open-data call without a credential: metrics count it as "anonymous", not per address. */
	boolean anonymous;

	@Nullable UUID systemId;

	@Nullable UUID agencyId;

	@Nullable UUID providerAgencyId;

	@Nullable UUID serviceId;

	String resource = "-";

	@Nullable UUID grantId;

	String purpose = "";

	List<String> items = List.of();

	byte @Nullable [] subject;

	@Nullable String subjectKey;

	/** Where the answer is written: the call's entry is confirmed on this thread. */
	final Executor loop;

	GatewayCall(Instant at, String method, String path, boolean english, Executor loop) {
		this.at = at;
		this.loop = loop;
		this.method = method;
		this.path = path;
		this.instance = path;
		this.english = english;
	}

	AccessEntry entry(int status, String outcome, int bytes) {
		int latency = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - this.started) / 1000);
		return new AccessEntry(0, this.at, this.requestId, this.clientId, this.systemId, this.agencyId,
				this.providerAgencyId, this.serviceId, this.resource, this.grantId, this.purpose, this.method,
				this.path, this.items, status, outcome, latency, bytes, this.subjectKey, this.subject,
				AccessLogTime.NO_HASH, AccessLogTime.NO_HASH);
	}
}
