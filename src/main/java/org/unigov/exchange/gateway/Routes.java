package org.unigov.exchange.gateway;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.unigov.exchange.DataService;
import org.unigov.exchange.DataServices;
import org.unigov.exchange.internal.ExchangeError;
import org.unigov.exchange.internal.ExchangeProperties;

/**
 * The active data services by resource code, each with what the gateway keeps for it between
 * calls: its operations compiled, a bulkhead (the calls in flight to it at once), a circuit
 * breaker and the field filters already compiled for its grants. Reloaded after a service changes
 * and every minute (changes made through another instance).
 */
@Component
class Routes extends ServiceIndex {

	private static final Logger log = LoggerFactory.getLogger(Routes.class);

	private final DataServices services;

	private final int breakerThreshold;

	private final long breakerOpenMillis;

	private volatile Map<String, Route> byResource = Map.of();

	private final Map<UUID, Route> byId = new ConcurrentHashMap<>();

	Routes(DataServices services, ExchangeProperties properties) {
		this.services = services;
		this.breakerThreshold = properties.breaker().failures();
		this.breakerOpenMillis = properties.breaker().openFor().toMillis();
	}

	private record FilterKey(UUID grantId, Set<String> items) {
	}

	/** One active data service with its runtime state. */
	/** A matched operation: the path the log keeps and the subject named in the path. */
	record Matched(String template, @Nullable String subjectInPath) {
	}

	static final class Route {

		final DataService service;

		final List<String[]> operations;

		final Semaphore inFlight;

		final CircuitBreaker breaker;

		/** Filters by grant and its items: a renewal that changes the items compiles a new one. */
		private final Map<FilterKey, FieldFilter> filters = new ConcurrentHashMap<>();

		Route(DataService service, CircuitBreaker breaker) {
			this.service = service;
			this.operations = service.operations().stream().map(o -> {
				String path = o.path().equals("/") ? "" : o.path();
				String[] segments = path.isEmpty() ? new String[0] : path.substring(1).split("/", -1);
				String[] compiled = new String[segments.length + 1];
				compiled[0] = o.method();
				System.arraycopy(segments, 0, compiled, 1, segments.length);
				return compiled;
			}).toList();
			this.inFlight = new Semaphore(service.maxConcurrent());
			this.breaker = breaker;
		}

		/**
		 * Lets a call through to the provider, or refuses it: the breaker is open after repeated
		 * failures (503 with Retry-After), or the service's calls in flight are at its bulkhead
		 * (503). A call let through holds a permit the caller releases when it ends.
		 */
		void admit(long now) throws Refusal {
			if (!this.breaker.allow(now)) {
				throw new Refusal(ExchangeError.CIRCUIT_OPEN,
						"The provider failed repeatedly; calls resume shortly.", this.breaker.retryAfterSeconds(now));
			}
			if (!this.inFlight.tryAcquire()) {
				this.breaker.release();
				throw new Refusal(ExchangeError.PROVIDER_BUSY, "The provider already has "
						+ this.service.maxConcurrent() + " calls in flight; try again shortly.", 1L);
			}
		}

		/**
		 * The log's path for a matched operation — its template, since a path variable may be an
		 * identity number — and the subject the path names, if the subject parameter is in it.
		 */
		Matched matched(String prefix, String resource, String[] operation, String[] servicePath) {
			StringBuilder template = new StringBuilder(prefix).append(resource);
			String subject = null;
			for (int i = 1; i < operation.length; i++) {
				template.append('/').append(operation[i]);
				if (this.service.subjectParam() != null && operation[i].equals("{" + this.service.subjectParam() + "}")) {
					subject = servicePath[i - 1];
				}
			}
			return new Matched(template.toString(), subject);
		}

		/** The provider's address for an admitted call; its permit is released when none can be formed. */
		URI target(String[] servicePath, @Nullable String query) throws Refusal {
			try {
				return URI.create(this.service.baseUrl()
						+ (servicePath.length == 0 ? "" : "/" + String.join("/", servicePath))
						+ (query == null ? "" : "?" + query));
			}
			catch (IllegalArgumentException ex) {
				// never keep the bulkhead's permit for a call that does not go out
				this.inFlight.release();
				this.breaker.release();
				throw new Refusal(ExchangeError.BAD_PATH, "The call's address cannot be formed from this path and query.");
			}
		}

		FieldFilter filter(UUID grantId, Set<String> items) {
			FilterKey key = new FilterKey(grantId, items);
			FieldFilter filter = this.filters.get(key);
			if (filter == null) {
				if (this.filters.size() > 10_000) {
					this.filters.clear();
				}
				filter = this.filters.computeIfAbsent(key, k -> FieldFilter.compile(this.service.fieldMap(), items));
			}
			return filter;
		}

		/**
		 * The operation template that matches, or null: the log records the template, not the
		 * segments, so that an identifier in the path is never stored in clear.
		 */
		String @Nullable [] match(String method, String[] segments) {
			for (String[] op : this.operations) {
				if (!op[0].equals(method) || op.length - 1 != segments.length) {
					continue;
				}
				boolean match = true;
				for (int i = 0; i < segments.length && match; i++) {
					String template = op[i + 1];
					match = template.startsWith("{") ? !segments[i].isEmpty() : template.equals(segments[i]);
				}
				if (match) {
					return op;
				}
			}
			return null;
		}
	}

	@Nullable Route route(String resourceCode) {
		return this.byResource.get(resourceCode);
	}

	Map<String, Route> all() {
		return this.byResource;
	}

	@Override
	synchronized void reload() {
		try {
			Map<String, Route> routes = new HashMap<>();
			for (DataService service : this.services.active()) {
				Route previous = this.byId.get(service.id());
				Route route = previous != null && previous.service.version() == service.version() ? previous
						: new Route(service, previous != null ? previous.breaker
								: new CircuitBreaker(this.breakerThreshold, this.breakerOpenMillis));
				routes.put(service.resourceCode(), route);
			}
			this.byId.clear();
			routes.values().forEach(r -> this.byId.put(r.service.id(), r));
			this.byResource = Map.copyOf(routes);
		}
		catch (RuntimeException ex) {
			log.warn("Reloading the data services failed; the gateway keeps the ones it has", ex);
		}
	}
}
