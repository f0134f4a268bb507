package org.unigov.exchange.gateway;

/**
 * The rate a grant allows, as a generic cell rate algorithm (a token bucket in integer time): one
 * call every {@code 60 s / rate} on average, with bursts of up to a tenth of a minute's allowance,
 * so no 60-second window holds more than 1.1 times the agreed rate (S6). In memory per instance;
 * docs/exchange.md says how to divide the rate among instances.
 */
final class RateLimiter {

	private final int perMinute;

	/** Nanoseconds one call "costs". */
	private final long interval;

	/** How far ahead of now the schedule may run: the burst less one call. */
	private final long tolerance;

	/** When the next call would be due if calls came evenly. */
	private long due;

	RateLimiter(int perMinute, long now) {
		this.perMinute = perMinute;
		this.interval = Math.max(1, 60_000_000_000L / perMinute);
		this.tolerance = this.interval * (Math.max(1, perMinute / 10) - 1L);
		this.due = now;
	}

	synchronized boolean tryAcquire(long now) {
		long next = Math.max(this.due, now);
		if (next - now > this.tolerance) {
			return false;
		}
		this.due = next + this.interval;
		return true;
	}

	/** Seconds until a call is allowed again, for {@code Retry-After}. */
	synchronized long retryAfterSeconds(long now) {
		long wait = Math.max(this.due, now) - now - this.tolerance;
		return Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
	}

	/** Whether the bucket is full again (no call counts against it any more): it may be forgotten. */
	synchronized boolean idle(long now) {
		return this.due <= now;
	}

	int perMinute() {
		return this.perMinute;
	}
}
