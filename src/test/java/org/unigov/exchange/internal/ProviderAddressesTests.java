package org.unigov.exchange.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which provider addresses the gateway connects to. */
class ProviderAddressesTests {

	static InetSocketAddress at(String address, int port) throws Exception {
		return new InetSocketAddress(InetAddress.getByName(address), port);
	}

	@Nested
	class WithoutAllowedNetworks {

		final ProviderAddresses addresses = new ProviderAddresses("");

		@ParameterizedTest
		@ValueSource(strings = { "127.0.0.1", "127.8.9.10", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1",
				"fd00::1", "169.254.169.254", "fe80::1", "0.0.0.0", "::", "224.0.0.1", "255.255.255.255",
				"100.100.100.200", "::ffff:127.0.0.1", "::127.0.0.1", "0.1.2.3" })
		void internalAndSpecialAddressesAreRefused(String address) throws Exception {
			assertThat(this.addresses.refusal(at(address, 8080))).as(address).isNotNull();
		}

		@ParameterizedTest
		@ValueSource(strings = { "203.0.113.10", "59.110.1.1", "2001:db8::1" })
		void publicAddressesAreAllowed(String address) throws Exception {
			assertThat(this.addresses.refusal(at(address, 443))).as(address).isNull();
		}

		@Test
		void oneExactEndpointCanBeAllowed() throws Exception {
			this.addresses.allowEndpoint(at("127.0.0.1", 18999));
			assertThat(this.addresses.refusal(at("127.0.0.1", 18999))).isNull();
			assertThat(this.addresses.refusal(at("127.0.0.1", 18998))).isNotNull();
		}
	}

	@Nested
	class WithAllowedNetworks {

		final ProviderAddresses addresses = new ProviderAddresses("10.20.0.0/16, 127.0.0.1, fd00::/8");

		@Test
		void allowedNetworksAreCalled() throws Exception {
			assertThat(this.addresses.refusal(at("10.20.3.4", 80))).isNull();
			assertThat(this.addresses.refusal(at("127.0.0.1", 9000))).isNull();
			assertThat(this.addresses.refusal(at("fd12::1", 80))).isNull();
			assertThat(this.addresses.refusal(at("10.21.0.1", 80))).isNotNull();
			assertThat(this.addresses.refusal(at("127.0.0.2", 9000))).isNotNull();
		}

		@Test
		void linkLocalAndMetadataStayRefused() throws Exception {
			ProviderAddresses wide = new ProviderAddresses("0.0.0.0/0");
			assertThat(wide.refusal(at("169.254.169.254", 80))).isNotNull();
			assertThat(wide.refusal(at("100.100.100.200", 80))).isNotNull();
			assertThat(wide.refusal(at("0.0.0.0", 80))).isNotNull();
		}

		@Test
		void thePlatformsOwnPortsStayRefused() throws Exception {
			this.addresses.ownPort(8081);
			assertThat(this.addresses.refusal(at("127.0.0.1", 8081))).contains("platform's own");
			assertThat(this.addresses.refusal(at("127.0.0.1", 8082))).isNull();
		}
	}

	@Test
	void aMalformedNetworkStopsTheStartWithTheKeyNamed() {
		assertThatThrownBy(() -> new ProviderAddresses("10.0.0.0/33")).hasMessageContaining("allowed-networks");
		assertThatThrownBy(() -> new ProviderAddresses("intranet.example")).hasMessageContaining("allowed-networks");
	}
}
