package org.unigov.web;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unigov.RawGet;
import org.unigov.SecondInstance;
import org.unigov.UnigovTest;

/**
 * Links, redirects and the OAuth2 issuer come from {@code unigov.public-url} when it is set, never
 * from the Host header a client sends; forwarded headers count only from the configured proxies.
 * Over real HTTP, since MockMvc bypasses the servlet container that reads these headers.
 */
@UnigovTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicUrlIntegrationTests {

	static final String PUBLIC_URL = "https://unigov.example.gov.cn";

	@Autowired
	DataSource dataSource;

	@LocalServerPort
	int port;

	SecondInstance published;

	@BeforeAll
	void startAnInstanceWithAPublicUrl() {
		// the shared test instance has no public URL (the local demo); this one runs as in production
		this.published = SecondInstance.on(this.dataSource, "public-url", "--unigov.public-url=" + PUBLIC_URL);
	}

	@AfterAll
	void stopIt() {
		this.published.close();
	}

	@Nested
	class WithAPublicUrl {

		@Test
		void discoveryNamesThePublicUrlWhateverTheHostHeader() throws Exception {
			RawGet.Response discovery = RawGet.get(published.port(), "/.well-known/openid-configuration",
					"Host: evil.example", "X-Forwarded-Host: evil.example");
			assertThat(discovery.status()).isEqualTo(200);
			assertThat(discovery.body()).contains("\"issuer\":\"" + PUBLIC_URL + "\"")
				.contains("\"token_endpoint\":\"" + PUBLIC_URL + "/oauth2/token\"")
				.doesNotContain("evil.example");
		}

		@Test
		void redirectsGoToThePublicUrlWhateverTheHostHeader() throws Exception {
			RawGet.Response redirect = RawGet.get(published.port(), "/organization", "Host: evil.example",
					"Accept: text/html");
			assertThat(redirect.status()).isEqualTo(302);
			assertThat(redirect.header("Location")).isEqualTo(PUBLIC_URL + "/login");
		}

		@Test
		void openDataLinksUseThePublicUrl() throws Exception {
			RawGet.Response catalog = RawGet.get(published.port(), "/open/catalog.ttl", "Host: evil.example");
			assertThat(catalog.status()).isEqualTo(200);
			assertThat(catalog.body()).contains("<" + PUBLIC_URL + "/open").doesNotContain("evil.example");
		}

		@Test
		void anHttpsPublicUrlBringsStrictTransportSecurityAndSecureCookies() throws Exception {
			RawGet.Response login = RawGet.get(published.port(), "/login", "Host: unigov.example.gov.cn");
			assertThat(login.header("Strict-Transport-Security")).startsWith("max-age=");
			assertThat(login.headers("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie).startsWith("UNIGOV_SESSION=")
				.containsIgnoringCase("; Secure"));
		}
	}

	@Nested
	class ForwardedHeaders {

		@Test
		void countFromATrustedProxy() throws Exception {
			// the test profile trusts 127.0.0.1 as the reverse proxy (unigov.trusted-proxies)
			RawGet.Response redirect = RawGet.get("127.0.0.1", port, "/organization", "Host: localhost",
					"Accept: text/html", "X-Forwarded-Host: gateway.example.gov.cn", "X-Forwarded-Proto: https");
			assertThat(redirect.header("Location")).isEqualTo("https://gateway.example.gov.cn/login");
		}

		@Test
		void areIgnoredFromAnyoneElse() throws Exception {
			RawGet.Response redirect = RawGet.get("127.0.0.2", port, "/organization", "Host: localhost:" + port,
					"Accept: text/html", "X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https",
					"Forwarded: host=evil.example;proto=https");
			assertThat(redirect.header("Location")).isEqualTo("http://localhost:" + port + "/login");
		}

		@Test
		void withoutAPublicUrlPlainHttpGetsNoStrictTransportSecurity() throws Exception {
			RawGet.Response login = RawGet.get(port, "/login", "Host: localhost:" + port);
			assertThat(login.status()).isEqualTo(200);
			assertThat(login.header("Strict-Transport-Security")).isNull();
			assertThat(login.headers("Set-Cookie")).noneSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("Secure"));
		}
	}
}
