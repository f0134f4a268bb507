package org.unigov.exchange.gateway;

import java.net.URI;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.unigov.catalog.OpenApis;
import org.unigov.exchange.internal.ExchangeProperties;

/**
 * Tells the catalog which of its entries have an open API served now, and where: the exchange's
 * public address ({@code unigov.exchange.public-url}), or, when none is configured, the web
 * address's scheme and host with the exchange listener's port.
 */
@Component
class OpenApiDirectory implements OpenApis {

	private final OpenIndex open;

	private final Routes routes;

	private final ExchangeServer server;

	private final String publicUrl;

	OpenApiDirectory(OpenIndex open, Routes routes, ExchangeServer server,
			ExchangeProperties properties) {
		String publicUrl = properties.publicUrl();
		this.open = open;
		this.routes = routes;
		this.server = server;
		String url = publicUrl.strip();
		this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	@Override
	public Map<UUID, OpenApi> of(Collection<UUID> entryIds, String webBase) {
		if (entryIds.isEmpty()) {
			return Map.of();
		}
		Set<UUID> wanted = Set.copyOf(entryIds);
		String base = base(webBase);
		Map<UUID, OpenApi> apis = new HashMap<>();
		this.open.all().forEach((resource, opened) -> {
			Routes.Route route = this.routes.route(resource);
			if (wanted.contains(opened.entryId()) && route != null && route.service.id().equals(opened.serviceId())) {
				apis.put(opened.entryId(), new OpenApi(opened.entryId(), base + OpenCalls.PREFIX + resource,
						route.service.operations().stream().filter(o -> o.method().equals("GET")).map(o -> o.path()).toList(),
						this.open.perMinute()));
			}
		});
		return apis;
	}

	/** Where the exchange is reached from outside. */
	String base(String webBase) {
		if (!this.publicUrl.isEmpty()) {
			return this.publicUrl;
		}
		URI web = URI.create(webBase);
		String host = web.getHost() == null ? "localhost" : web.getHost();
		if (host.contains(":") && !host.startsWith("[")) {
			host = "[" + host + "]";
		}
		return (web.getScheme() == null ? "http" : web.getScheme()) + "://" + host + ":" + this.server.port();
	}
}
