package org.unigov.exchange.gateway;

import java.time.Clock;
import java.time.Instant;

import org.unigov.exchange.internal.AccessLogHashing;

/** The time of a call as the log stores it (microseconds) and the placeholder hash before chaining. */
final class AccessLogTime {

	static final byte[] NO_HASH = new byte[0];

	private AccessLogTime() {
	}

	static Instant now(Clock clock) {
		return AccessLogHashing.normalize(clock.instant());
	}
}
