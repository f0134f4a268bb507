package org.unigov.exchange.demo;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.transaction.support.TransactionTemplate;
import org.unigov.catalog.EntryNames;
import org.unigov.exchange.DataServicesChanged;
import org.unigov.exchange.internal.ExchangeClients;
import org.unigov.exchange.internal.OpenDataServices;
import org.unigov.exchange.internal.ProviderAddresses;
import org.unigov.exchange.internal.ServiceRegistration;
import org.unigov.exchange.internal.Services;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.registry.SystemRegistry;
import org.unigov.shared.DemoMode;
import org.unigov.sharing.SharingDesk;
import tools.jackson.databind.json.JsonMapper;

/**
 * The exchange's demo: three provider stubs registered as data services, the demo clients bound
 * to their systems, and grants so that each demo client can call a provider on first start
 * (README: a token, then a call). Runs after the sharing demo; the stubs' base URL follows the
 * port their own loopback listener has in this run.
 */
@Configuration(proxyBeanMethods = false)
class DemoExchange {

	private static final Logger log = LoggerFactory.getLogger(DemoExchange.class);

	static final String STUB_URL = "^http://127\\.0\\.0\\.1:[0-9]+/demo-providers/";

	/** The demo providers' own listener, on loopback; none without the demo. */
	@Bean
	DemoListener demoProviders(DemoMode demo, JsonMapper json, ProviderAddresses addresses,
			@Value("${unigov.demo.providers-port:0}") int port) throws IOException {
		if (!demo.enabled()) {
			return new DemoListener(null);
		}
		DemoProviders providers = new DemoProviders(json, port);
		// the one loopback endpoint the gateway may call without an allowed network
		addresses.allowEndpoint(providers.address());
		return new DemoListener(providers);
	}

	/** Holds the demo providers' listener and stops it with the application. */
	record DemoListener(@Nullable DemoProviders providers) implements AutoCloseable {

		@Override
		public void close() {
			if (this.providers != null) {
				this.providers.close();
			}
		}
	}

	@Bean
	@Order(60)
	ApplicationRunner demoExchangeSeed(DemoMode demo, Services rows, TransactionTemplate transactions,
			ServiceRegistration services, ExchangeClients clients, SharingDesk desk, OrganizationDirectory organizations,
			EntryNames entries, SystemRegistry registry, Clock clock, DemoListener listener,
			ApplicationEventPublisher events, OpenDataServices open) {
		return (ApplicationArguments args) -> {
			DemoProviders providers = listener.providers();
			if (!demo.enabled() || providers == null) {
				return;
			}
			String base = "http://127.0.0.1:" + providers.address().getPort() + DemoProviders.PREFIX;
			boolean seeded = rows.any();
			if (!seeded && entries.anyPublished()) {
				new ExchangeDemoSeed(services, clients, desk, organizations, entries, registry, clock, base, open)
					.run(transactions);
				log.info("Seeded the exchange demo: 4 provider stubs at {} (one an open-data API)", base);
			}
			else if (seeded) {
				List<UUID> moved = rows.rebase(STUB_URL, base);
				moved.forEach(id -> events.publishEvent(new DataServicesChanged(id, "")));
			}
		};
	}
}
