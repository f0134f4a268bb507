package org.unigov.exchange.gateway;

/**
 * A circuit breaker per provider: after {@code threshold} failures in a row (timeouts, refused
 * connections, 5xx) it opens and calls are refused at once for {@code openMillis}; then one trial
 * call is let through (half-open): success closes it, failure opens it again.
 */
final class CircuitBreaker {

	enum State {
		CLOSED, OPEN, HALF_OPEN
	}

	private final int threshold;

	private final long openMillis;

	private State state = State.CLOSED;

	private int failures;

	private long openedAt;

	private boolean trialInFlight;

	CircuitBreaker(int threshold, long openMillis) {
		this.threshold = threshold;
		this.openMillis = openMillis;
	}

	/** Whether a call may go to the provider now. */
	synchronized boolean allow(long now) {
		switch (this.state) {
			case CLOSED -> {
				return true;
			}
			case OPEN -> {
				if (now - this.openedAt < this.openMillis) {
					return false;
				}
				this.state = State.HALF_OPEN;
				this.trialInFlight = true;
				return true;
			}
			default -> {
				if (this.trialInFlight) {
					return false;
				}
				this.trialInFlight = true;
				return true;
			}
		}
	}

	synchronized void success() {
		this.state = State.CLOSED;
		this.failures = 0;
		this.trialInFlight = false;
	}

	synchronized void failure(long now) {
		this.trialInFlight = false;
		if (this.state == State.HALF_OPEN || ++this.failures >= this.threshold) {
			this.state = State.OPEN;
			this.openedAt = now;
			this.failures = 0;
		}
	}

	/** A trial call that was allowed but never made (the bulkhead was full). */
	synchronized void release() {
		this.trialInFlight = false;
	}

	synchronized State state() {
		return this.state;
	}

	/** Seconds until a trial call is allowed, for {@code Retry-After}. */
	synchronized long retryAfterSeconds(long now) {
		return Math.max(1, (this.openMillis - (now - this.openedAt) + 999) / 1000);
	}
}
