package org.unigov.exchange.gateway;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.unigov.exchange.DataServicesChanged;

/**
 * An in-memory view of the active data services ({@link Routes}, {@link OpenIndex}): built before
 * the gateway takes calls, rebuilt after every change committed here and every minute, which
 * covers changes made by another instance. A failed rebuild keeps the view it has.
 */
abstract class ServiceIndex implements SmartInitializingSingleton {

	@Override
	public void afterSingletonsInstantiated() {
		reload();
	}

	@Scheduled(initialDelay = 60_000, fixedDelay = 60_000)
	void scheduledReload() {
		reload();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(DataServicesChanged e) {
		reload();
	}

	abstract void reload();
}
