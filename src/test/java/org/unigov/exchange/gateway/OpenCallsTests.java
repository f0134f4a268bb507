package org.unigov.exchange.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Whose address an anonymous call is counted (and rate-limited) under: a client cannot name
 * another address to escape its limit, except through a trusted proxy, which is believed only
 * for what it appended.
 */
class OpenCallsTests {

	static InetSocketAddress peer(String address) {
		return new InetSocketAddress(address, 40000);
	}

	@SuppressWarnings("NullAway")
	static OpenCalls calls(String trusted) {
		return new OpenCalls(null, null, null, trusted, java.time.Clock.systemUTC());
	}

	@Test
	@DisplayName("without trusted proxies X-Forwarded-For is ignored")
	void untrustedPeer() {
		assertThat(calls("").clientAddress(peer("203.0.113.9"), List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
		assertThat(calls("10.0.0.0/8").clientAddress(peer("203.0.113.9"), List.of("198.51.100.1")))
			.isEqualTo("203.0.113.9");
	}

	@Test
	@DisplayName("through trusted proxies, the last address they did not add themselves")
	void trustedChain() {
		OpenCalls calls = calls("10.0.0.0/8, 192.168.1.10/32");
		assertThat(calls.clientAddress(peer("10.1.2.3"), List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
		// what the client wrote itself comes first; the proxies' own hops are skipped
		assertThat(calls.clientAddress(peer("10.1.2.3"), List.of("6.6.6.6, 198.51.100.1, 192.168.1.10")))
			.isEqualTo("198.51.100.1");
		assertThat(calls.clientAddress(peer("10.1.2.3"), List.of("6.6.6.6", "198.51.100.1"))).isEqualTo("198.51.100.1");
		// not an address: the last one the proxy vouched for is the proxy itself
		assertThat(calls.clientAddress(peer("10.1.2.3"), List.of("evil.example"))).isEqualTo("10.1.2.3");
		assertThat(calls.clientAddress(peer("10.1.2.3"), List.of())).isEqualTo("10.1.2.3");
	}

	@Test
	@DisplayName("unigov.trusted-proxies as a regular expression, as the web listener reads it, and a bad value refused")
	void regexAndBadValues() {
		assertThat(calls("10\\.\\d+\\.\\d+\\.\\d+").clientAddress(peer("10.1.2.3"), List.of("198.51.100.1")))
			.isEqualTo("198.51.100.1");
		assertThatThrownBy(() -> calls("10.0.0.0/8, proxy.local/32")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("unigov.trusted-proxies");
	}
}
