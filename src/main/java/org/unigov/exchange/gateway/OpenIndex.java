package org.unigov.exchange.gateway;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogChanged;
import org.unigov.catalog.CatalogEntry;
import org.unigov.exchange.DataService;
import org.unigov.exchange.DataServices;
import org.unigov.exchange.internal.ExchangeProperties;
import org.unigov.exchange.internal.OpenDataServices;

/**
 * The open APIs the gateway serves now, by resource code: the active data services their providers
 * opened whose entries may still be opened (published, open without conditions, no personal
 * information: {@link OpenDataServices#notOpenable(CatalogEntry)}), each with its anonymous grant.
 * Reloaded after a data service or a catalog entry changes and every minute.
 */
@Component
class OpenIndex extends ServiceIndex {

	private static final Logger log = LoggerFactory.getLogger(OpenIndex.class);

	/** The consumer system and agency of the anonymous grant: nobody. */
	static final UUID NOBODY = new UUID(0, 0);

	/** One served open API: the entry, the service and the anonymous grant it is called under. */
	record Open(UUID entryId, UUID serviceId, GrantIndex.Active grant) {
	}

	private final DataServices services;

	private final Catalog catalog;

	private final int perMinute;

	private volatile Map<String, Open> byResource = Map.of();

	OpenIndex(DataServices services, Catalog catalog,
			ExchangeProperties properties) {
		int perMinute = properties.open().callsPerMinute();
		if (perMinute < 1) {
			throw new IllegalArgumentException("unigov.exchange.open.calls-per-minute must be at least 1");
		}
		this.services = services;
		this.catalog = catalog;
		this.perMinute = perMinute;
	}

	/** The calls one client address may make a minute, over all open APIs. */
	int perMinute() {
		return this.perMinute;
	}

	@Nullable Open find(String resourceCode) {
		return this.byResource.get(resourceCode);
	}

	Map<String, Open> all() {
		return this.byResource;
	}

	/**
	 * The anonymous grant's id for a data service: derived from the service, so the access log names
	 * the same grant for every open call of a resource, on every instance.
	 */
	static UUID grantId(UUID serviceId) {
		return UUID.nameUUIDFromBytes(("unigov:open-data:" + serviceId).getBytes(StandardCharsets.UTF_8));
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(CatalogChanged e) {
		reload();
	}

	@Override
	synchronized void reload() {
		try {
			List<DataService> opened = this.services.active().stream().filter(DataService::openApi).toList();
			Map<UUID, CatalogEntry> entries = new HashMap<>();
			this.catalog.get(opened.stream().map(DataService::entryId).toList()).forEach(e -> entries.put(e.id(), e));
			Map<String, Open> open = new HashMap<>();
			for (DataService service : opened) {
				CatalogEntry entry = entries.get(service.entryId());
				if (OpenDataServices.notOpenable(entry) != null) {
					continue;
				}
				GrantIndex.Active grant = new GrantIndex.Active(grantId(service.id()), NOBODY, NOBODY,
						service.providerAgencyId(), service.entryCode(), Set.copyOf(entry.content().itemNames()),
						OpenDataServices.PURPOSE, LocalDate.MIN, LocalDate.MAX, this.perMinute);
				open.put(service.resourceCode(), new Open(entry.id(), service.id(), grant));
			}
			this.byResource = Map.copyOf(open);
		}
		catch (RuntimeException ex) {
			log.warn("Reloading the open APIs failed; the gateway keeps the ones it has", ex);
		}
	}
}
