package org.unigov.catalog.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code unigov.catalog.*}: the catalog's settings, with their defaults written here once
 * (docs/catalog.md, "Harvesting").
 *
 * @param harvest fetching a source catalogue from its URL
 */
@ConfigurationProperties("unigov.catalog")
public record CatalogProperties(@DefaultValue Harvest harvest) {

	/**
	 * @param maxSize the largest catalogue fetched, counted as the bytes arrive
	 * @param timeout the whole fetch, redirects included (connecting has 10 s of it)
	 * @param allowPrivateAddresses whether sources may be on loopback, private or link-local
	 * addresses (tests and closed networks only)
	 */
	public record Harvest(@DefaultValue("20MB") DataSize maxSize, @DefaultValue("PT60S") Duration timeout,
			@DefaultValue("false") boolean allowPrivateAddresses) {
	}
}
