package org.unigov.exchange.gateway;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.unigov.sharing.Grant;
import org.unigov.sharing.GrantExpired;
import org.unigov.sharing.GrantId;
import org.unigov.sharing.GrantIssued;
import org.unigov.sharing.GrantResumed;
import org.unigov.sharing.GrantRevoked;
import org.unigov.sharing.GrantStatus;
import org.unigov.sharing.GrantSuspended;
import org.unigov.sharing.Grants;

/**
 * The grants in force, in memory, by consumer system and resource code: the gateway's grant check
 * is a map lookup. The sharing module's events change it once their transaction has committed,
 * so a suspension, revocation or expiry takes effect on the next call; an issued grant is built
 * from its event, without reading sharing's data again. A full reload through sharing's API every
 * minute covers changes made by another instance.
 */
@Component
class GrantIndex implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(GrantIndex.class);

	/** What the gateway needs of a grant. */
	record Active(UUID id, UUID consumerSystemId, UUID consumerAgencyId, UUID providerAgencyId, String entryCode,
			Set<String> items, String purpose, LocalDate validFrom, LocalDate validTo, int ratePerMinute) {

		boolean validOn(LocalDate day) {
			return !day.isBefore(this.validFrom) && !day.isAfter(this.validTo);
		}
	}

	private record Key(UUID system, String resource) {
	}

	private final Grants grants;

	private final Map<UUID, Active> byId = new ConcurrentHashMap<>();

	/** Grants suspended while this instance ran, as they were: a resumption puts them back. */
	private final Map<UUID, Active> suspended = new ConcurrentHashMap<>();

	private final AtomicLong changes = new AtomicLong();

	private volatile boolean loaded;

	private volatile Map<Key, List<Active>> byConsumer = Map.of();

	GrantIndex(Grants grants) {
		this.grants = grants;
	}

	/** Loads the grants at start-up, before the web server takes calls. */
	@Override
	public void afterSingletonsInstantiated() {
		reload();
	}

	boolean loaded() {
		return this.loaded;
	}

	/** The grants in force of a consumer system for a resource (usually one; several purposes are possible). */
	List<Active> find(UUID consumerSystemId, String resourceCode) {
		return this.byConsumer.getOrDefault(new Key(consumerSystemId, resourceCode), List.of());
	}

	/** Every grant of the system for the resource, in any state: the reason for a refusal. */
	List<Grant> history(UUID consumerSystemId, String resourceCode) {
		return this.grants.forConsumer(consumerSystemId, resourceCode);
	}

	@Scheduled(initialDelay = 60_000, fixedDelay = 60_000)
	void reload() {
		try {
			// an event handled while the grants were being read may be older than what was read:
			// read again until no event came in between
			for (int attempt = 0; attempt < 5; attempt++) {
				long before = this.changes.get();
				Map<UUID, Active> fresh = new HashMap<>();
				for (Grant g : this.grants.inForce()) {
					fresh.put(g.id(), active(g));
				}
				synchronized (this) {
					if (this.changes.get() != before) {
						continue;
					}
					this.byId.keySet().retainAll(fresh.keySet());
					this.byId.putAll(fresh);
					rebuild();
					this.loaded = true;
					return;
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Reloading the grants in force failed; the gateway keeps the ones it has", ex);
		}
	}

	private static Active active(Grant g) {
		return new Active(g.id(), g.consumerSystemId(), g.consumerAgencyId(), g.providerAgencyId(), g.entryCode(),
				Set.copyOf(g.items()), g.purpose(), g.validFrom(), g.validTo(), g.rateLimitPerMinute());
	}

	private synchronized void rebuild() {
		Map<Key, List<Active>> index = new HashMap<>();
		for (Active a : this.byId.values()) {
			index.computeIfAbsent(new Key(a.consumerSystemId(), a.entryCode()), k -> new ArrayList<>()).add(a);
		}
		index.replaceAll((k, v) -> List.copyOf(v));
		this.byConsumer = Map.copyOf(index);
	}

	/** A grant took effect or was renewed: the event carries all the gateway needs of it. */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(GrantIssued e) {
		put(new Active(e.grantId(), e.consumerSystemId(), e.consumerAgencyId(), e.providerAgencyId(), e.entryCode(),
				Set.copyOf(e.items()), e.purpose(), e.validFrom(), e.validTo(), e.rateLimitPerMinute()));
	}

	/**
	 * A suspended grant is in force again as it was when suspended; one suspended before this
	 * instance started (not held here) is read from sharing once.
	 */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(GrantResumed e) {
		Active held = this.suspended.remove(e.grantId());
		if (held != null) {
			put(held);
		}
		else {
			this.grants.get(new GrantId(e.grantId())).filter(g -> g.status() == GrantStatus.ACTIVE).ifPresent(g -> put(active(g)));
		}
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(GrantSuspended e) {
		Active held = remove(e.grantId());
		if (held != null) {
			this.suspended.put(held.id(), held);
		}
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(GrantRevoked e) {
		remove(e.grantId());
		this.suspended.remove(e.grantId());
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(GrantExpired e) {
		remove(e.grantId());
		this.suspended.remove(e.grantId());
	}

	private synchronized void put(Active grant) {
		this.changes.incrementAndGet();
		this.byId.put(grant.id(), grant);
		rebuild();
	}

	private synchronized @Nullable Active remove(UUID grantId) {
		this.changes.incrementAndGet();
		Active removed = this.byId.remove(grantId);
		if (removed != null) {
			rebuild();
		}
		return removed;
	}
}
