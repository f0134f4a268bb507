package org.unigov.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code unigov.security.*}: the OAuth2 issuer override and sign-in throttling, with their
 * defaults written once here (docs/operations.md lists them, docs/security.md explains them).
 *
 * @param issuer deprecated override of the OAuth2 issuer; blank = {@code unigov.public-url}
 * @param throttle the delays a guesser meets
 * @param lockAfter failures of one account from every address before it is locked for everyone
 * @param lockFor how long such a lock lasts
 */
@ConfigurationProperties("unigov.security")
public record SecuritySettings(@DefaultValue("") String issuer, @DefaultValue Throttle throttle,
		@DefaultValue("30") int lockAfter, @DefaultValue("15m") Duration lockFor) {

	/**
	 * @param freeAttempts failures of one account from one address before that pair waits
	 * @param addressFreeAttempts failures from one address, any account, before the address waits
	 * @param firstDelay the first wait, doubled at each further failure
	 * @param maxDelay the longest wait
	 * @param forgetAfter counts start afresh after this long without a failure
	 */
	public record Throttle(@DefaultValue("5") int freeAttempts, @DefaultValue("100") int addressFreeAttempts,
			@DefaultValue("1m") Duration firstDelay, @DefaultValue("1h") Duration maxDelay,
			@DefaultValue("24h") Duration forgetAfter) {
	}
}
