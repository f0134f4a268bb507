package org.unigov.catalog.harvest;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.internal.CatalogProperties;
import org.unigov.shared.problem.UnigovException;

/**
 * Fetches a catalogue from a source's URL, carefully: http and https only, a connect and a total
 * timeout, a size limit read as the bytes arrive (not trusted from Content-Length), at most three
 * redirects each checked again, and no loopback, private, link-local or otherwise internal
 * address unless {@code unigov.catalog.harvest.allow-private-addresses} is set — so a harvest
 * source cannot be used to reach the exchange or other internal services from the server.
 */
@Component
public class CatalogFetcher {

	private static final int MAX_REDIRECTS = 3;

	private final HttpClient client;

	private final long maxBytes;

	private final Duration timeout;

	private final boolean allowPrivate;

	CatalogFetcher(CatalogProperties properties) {
		this.maxBytes = properties.harvest().maxSize().toBytes();
		this.timeout = properties.harvest().timeout();
		this.allowPrivate = properties.harvest().allowPrivateAddresses();
		this.client = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** Checks a URL a source is to be fetched from, without fetching it. */
	public URI check(String url) {
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw refused(url, "it is not a URL");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw refused(url, "only http and https URLs are fetched");
		}
		if (uri.getHost() == null || uri.getRawUserInfo() != null) {
			throw refused(url, "it names no host, or carries a user name");
		}
		if (!this.allowPrivate) {
			InetAddress[] addresses;
			try {
				addresses = InetAddress.getAllByName(uri.getHost());
			}
			catch (UnknownHostException ex) {
				throw new UnigovException(CatalogError.HARVEST_FETCH_FAILED, "The host " + uri.getHost() + " is unknown.");
			}
			for (InetAddress address : addresses) {
				if (internal(address)) {
					throw refused(url, "its host " + uri.getHost() + " is an internal address (" + address.getHostAddress()
							+ "); set unigov.catalog.harvest.allow-private-addresses to allow it");
				}
			}
		}
		return uri;
	}

	/** Loopback, private (RFC 1918, IPv6 unique local), link-local, wildcard, multicast or CGNAT. */
	static boolean internal(InetAddress address) {
		if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] b = address.getAddress();
		if (address instanceof Inet6Address) {
			return (b[0] & 0xFE) == 0xFC;
		}
		return (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64 || (b[0] & 0xFF) == 0;
	}

	/** The document at the URL, following at most three redirects. */
	public byte[] fetch(String url) {
		URI uri = check(url);
		for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
			HttpRequest request = HttpRequest.newBuilder(uri)
				.timeout(this.timeout)
				.header("Accept",
						"application/json, text/turtle, application/rdf+xml, application/ld+json;q=0.9, */*;q=0.5")
				.header("User-Agent", "Unigov catalogue harvester")
				.GET()
				.build();
			HttpResponse<InputStream> response;
			try {
				response = this.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
			}
			catch (IOException ex) {
				throw new UnigovException(CatalogError.HARVEST_FETCH_FAILED, "Fetching " + uri + " failed: " + ex.getMessage());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new UnigovException(CatalogError.HARVEST_FETCH_FAILED, "Fetching " + uri + " was interrupted.");
			}
			int status = response.statusCode();
			if (status >= 300 && status < 400) {
				close(response);
				String location = response.headers().firstValue("Location").orElse(null);
				if (location == null) {
					throw new UnigovException(CatalogError.HARVEST_FETCH_FAILED, uri + " redirects nowhere.");
				}
				uri = check(uri.resolve(location).toString());
				continue;
			}
			if (status != 200) {
				close(response);
				throw new UnigovException(CatalogError.HARVEST_FETCH_FAILED, uri + " answered HTTP " + status + ".");
			}
			return read(response, uri);
		}
		throw new UnigovException(CatalogError.HARVEST_FETCH_FAILED, url + " redirects more than " + MAX_REDIRECTS + " times.");
	}

	private byte[] read(HttpResponse<InputStream> response, URI uri) {
		try (InputStream in = response.body()) {
			byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxBytes + 1));
			if (bytes.length > this.maxBytes) {
				throw new UnigovException(CatalogError.HARVEST_TOO_LARGE,
						uri + " is larger than " + DataSize.ofBytes(this.maxBytes).toMegabytes() + " MB.");
			}
			return bytes;
		}
		catch (IOException ex) {
			throw new UnigovException(CatalogError.HARVEST_FETCH_FAILED, "Reading " + uri + " failed: " + ex.getMessage());
		}
	}

	private static void close(HttpResponse<InputStream> response) {
		try {
			response.body().close();
		}
		catch (IOException ex) {
			// nothing was read from it
		}
	}

	private static UnigovException refused(String url, String why) {
		return new UnigovException(CatalogError.HARVEST_URL_REFUSED, "The URL " + url + " is refused: " + why + ".");
	}
}
