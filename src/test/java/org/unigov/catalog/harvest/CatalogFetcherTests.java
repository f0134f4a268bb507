package org.unigov.catalog.harvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.unigov.catalog.internal.CatalogProperties;
import org.unigov.shared.problem.UnigovException;

/**
 * Fetching a catalogue over HTTP from a real server started by the test (on loopback, so the
 * fetcher is built with private addresses allowed, as a test or intranet deployment would).
 */
class CatalogFetcherTests {

	HttpServer server;

	String base;

	@BeforeEach
	void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		byte[] ny = CatalogDocumentsTests.resource("ny.data.json");
		server.createContext("/data.json", exchange -> {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, ny.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(ny);
			}
		});
		server.createContext("/moved", exchange -> {
			exchange.getResponseHeaders().add("Location", "/data.json");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		server.createContext("/to-file", exchange -> {
			exchange.getResponseHeaders().add("Location", "file:///etc/passwd");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		server.createContext("/big", exchange -> {
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(new byte[300_000]);
			}
			catch (IOException ex) {
				// the client stops reading at its limit
			}
		});
		server.start();
		base = "http://127.0.0.1:" + server.getAddress().getPort();
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	CatalogFetcher fetcher(boolean allowPrivate) {
		return new CatalogFetcher(new CatalogProperties(new CatalogProperties.Harvest(DataSize.ofKilobytes(100), Duration.ofSeconds(5), allowPrivate)));
	}

	@Test
	@DisplayName("fetches a data.json, following a redirect")
	void fetches() throws Exception {
		assertThat(fetcher(true).fetch(base + "/data.json")).isEqualTo(CatalogDocumentsTests.resource("ny.data.json"));
		assertThat(fetcher(true).fetch(base + "/moved")).hasSize(CatalogDocumentsTests.resource("ny.data.json").length);
	}

	@Test
	@DisplayName("loopback is refused unless configuration allows private addresses; redirects are checked again")
	void refusesInternalAddresses() {
		assertThatThrownBy(() -> fetcher(false).fetch(base + "/data.json")).isInstanceOfSatisfying(UnigovException.class,
				ex -> assertThat(ex.error().spec().code()).isEqualTo("harvest_url_refused"));
		assertThatThrownBy(() -> fetcher(true).fetch(base + "/to-file")).isInstanceOfSatisfying(UnigovException.class,
				ex -> assertThat(ex.error().spec().code()).isEqualTo("harvest_url_refused"));
	}

	@Test
	@DisplayName("a document over the size limit is refused as it arrives, whatever the server says")
	void sizeLimit() {
		assertThatThrownBy(() -> fetcher(true).fetch(base + "/big")).isInstanceOfSatisfying(UnigovException.class,
				ex -> assertThat(ex.error().spec().code()).isEqualTo("harvest_document_too_large"));
	}

	@Test
	@DisplayName("internal address ranges: loopback, RFC 1918, link-local, CGNAT, IPv6 unique local")
	void internalRanges() throws Exception {
		for (String a : new String[] { "127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
				"100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1" }) {
			assertThat(CatalogFetcher.internal(InetAddress.getByName(a))).as(a).isTrue();
		}
		for (String a : new String[] { "8.8.8.8", "151.101.1.1", "2001:4860:4860::8888" }) {
			assertThat(CatalogFetcher.internal(InetAddress.getByName(a))).as(a).isFalse();
		}
	}
}
