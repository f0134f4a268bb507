package org.unigov.exchange.gateway;

/**
 * A token bucket per grant: up to the grant's calls per minute, refilled continuously, so a
 * consumer may not burst beyond a minute's allowance (S6: the rate the provider agreed to). In
 * memory per instance; docs/exchange.md says how to divide the rate among instances.
 */
final class RateLimiter {

	private final double capacity;

	private final double perNano;

	private double tokens;

	private long last;

	RateLimiter(int perMinute, long now) {
		this.capacity = perMinute;
		this.perNano = perMinute / 60_000_000_000.0;
		this.tokens = perMinute;
		this.last = now;
	}

	synchronized boolean tryAcquire(long now) {
		this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perNano);
		this.last = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return true;
		}
		return false;
	}

	/** Seconds until a call is allowed again, for {@code Retry-After}. */
	synchronized long retryAfterSeconds() {
		return Math.max(1, (long) Math.ceil((1 - this.tokens) / this.perNano / 1_000_000_000.0));
	}

	int perMinute() {
		return (int) this.capacity;
	}
}
