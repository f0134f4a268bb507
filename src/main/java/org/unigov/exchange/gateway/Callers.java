package org.unigov.exchange.gateway;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.unigov.exchange.ExchangeClientsChanged;
import org.unigov.exchange.internal.ClientBinding;
import org.unigov.exchange.internal.ExchangeClients;

/**
 * Who is calling: the bearer token checked (signature, expiry, scope {@code exchange}, issued to a
 * system by {@code client_credentials}) and the client's bound system looked up. A token's check
 * is kept until the token expires, so the signature is verified once per token rather than once
 * per call; bindings are kept until they change.
 */
@Component
class Callers implements SmartInitializingSingleton {

	static final int MAX_TOKENS = 50_000;

	/** An authenticated caller (what its token says). */
	record Caller(String clientId, boolean system, boolean exchangeScope, long expiresAtMillis) {
	}

	/** The token is missing, malformed, forged or expired. */
	static final class Unauthenticated extends Exception {

		Unauthenticated(String message) {
			super(message, null, false, false);
		}
	}

	private final JwtDecoder decoder;

	private final ExchangeClients clients;

	private final Map<String, Caller> tokens = new ConcurrentHashMap<>();

	/** Every binding, in memory: the event loops never wait for the database. */
	private volatile Map<String, ClientBinding> bindings = Map.of();

	private final Clock clock;

	Callers(JwtDecoder decoder, ExchangeClients clients, Clock clock) {
		this.clock = clock;
		this.decoder = decoder;
		this.clients = clients;
	}

	Caller authenticate(@Nullable String authorization, long nowMillis) throws Unauthenticated {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			throw new Unauthenticated("Send a bearer token from /oauth2/token (client_credentials, scope exchange).");
		}
		String token = authorization.substring(7).strip();
		Caller cached = this.tokens.get(token);
		if (cached != null) {
			if (cached.expiresAtMillis() > nowMillis) {
				return cached;
			}
			this.tokens.remove(token);
			throw new Unauthenticated("The token has expired; get a new one.");
		}
		Jwt jwt;
		try {
			jwt = this.decoder.decode(token);
		}
		catch (JwtException ex) {
			throw new Unauthenticated("The token is not valid: it is malformed, forged or expired.");
		}
		List<String> scopes = jwt.getClaimAsStringList("scope");
		String clientId = jwt.getSubject() == null ? "" : jwt.getSubject();
		boolean system = "system".equals(jwt.getClaimAsString("kind"));
		Instant expires = jwt.getExpiresAt() == null ? Instant.ofEpochMilli(nowMillis + 60_000) : jwt.getExpiresAt();
		Caller caller = new Caller(clientId, system, scopes != null && scopes.contains("exchange"),
				expires.toEpochMilli());
		if (this.tokens.size() >= MAX_TOKENS) {
			purge(nowMillis);
		}
		this.tokens.put(token, caller);
		return caller;
	}

	/** The system the client calls for, read on every call: an unbinding takes effect at once. */
	@Nullable ClientBinding binding(String clientId) {
		return this.bindings.get(clientId);
	}

	@Override
	public void afterSingletonsInstantiated() {
		reloadBindings();
	}

	synchronized void reloadBindings() {
		Map<String, ClientBinding> all = new HashMap<>();
		this.clients.all().forEach(b -> all.put(b.clientId(), b));
		this.bindings = Map.copyOf(all);
	}

	@Scheduled(fixedDelay = 60_000)
	void purgeExpired() {
		purge(this.clock.millis());
	}

	private void purge(long nowMillis) {
		this.tokens.values().removeIf(c -> c.expiresAtMillis() <= nowMillis);
		if (this.tokens.size() >= MAX_TOKENS) {
			this.tokens.clear();
		}
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(ExchangeClientsChanged e) {
		reloadBindings();
		this.tokens.values().removeIf(c -> c.clientId().equals(e.clientId()));
	}

	/** Every minute, bindings are read afresh (a change made through another instance). */
	@Scheduled(initialDelay = 60_000, fixedDelay = 60_000)
	void refresh() {
		try {
			Map<String, ClientBinding> before = this.bindings;
			reloadBindings();
			if (!before.equals(this.bindings)) {
				this.tokens.clear();
			}
		}
		catch (RuntimeException ex) {
			LoggerFactory.getLogger(Callers.class).warn("Reloading exchange clients failed", ex);
		}
	}
}
