package org.unigov.exchange.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Which addresses the gateway may connect to for a provider, checked on every new connection
 * against the address it is about to connect to (so a name that resolved to a public address at
 * registration and to 127.0.0.1 at call time — DNS rebinding — is refused), and at registration
 * for an early, clear error.
 * <ul>
 * <li><b>Never</b>: unspecified ({@code 0.0.0.0}, {@code ::}), link-local ({@code 169.254.0.0/16}
 * with the cloud metadata endpoint 169.254.169.254, {@code fe80::/10}), Alibaba Cloud's metadata
 * address 100.100.100.200, multicast and broadcast, and the platform's own listeners (its web,
 * management and exchange ports on this host's addresses).</li>
 * <li><b>Only when allowed</b> ({@code unigov.exchange.providers.allowed-networks}, CIDR blocks):
 * loopback, private (RFC 1918), shared (100.64.0.0/10), unique-local ({@code fc00::/7}) and this
 * host's own addresses — a provider that really is internal is named there explicitly.</li>
 * <li>Every other (public) address is allowed.</li>
 * </ul>
 */
@Component
public class ProviderAddresses {

	private final List<Network> allowed;

	private final Set<Integer> ownPorts = ConcurrentHashMap.newKeySet();

	private final Set<InetSocketAddress> allowedEndpoints = ConcurrentHashMap.newKeySet();

	@Autowired
	ProviderAddresses(ExchangeProperties properties) {
		this(properties.providers().allowedNetworks());
	}

	/** Addresses with these allowed networks (CIDRs, comma-separated). */
	public ProviderAddresses(String allowedNetworks) {
		List<Network> networks = new ArrayList<>();
		for (String block : allowedNetworks.split(",")) {
			if (!block.isBlank()) {
				networks.add(Network.parse(block.strip()));
			}
		}
		this.allowed = List.copyOf(networks);
	}

	/** Records a port the platform itself listens on: no provider call may reach it. */
	public void ownPort(int port) {
		if (port > 0) {
			this.ownPorts.add(port);
		}
	}

	/** Allows one exact endpoint (the demo's own provider listener on loopback). */
	public void allowEndpoint(InetSocketAddress endpoint) {
		this.allowedEndpoints.add(endpoint);
	}

	@EventListener
	void on(WebServerInitializedEvent event) {
		ownPort(event.getWebServer().getPort());
	}

	/** Why the gateway may not connect to {@code address}, or null when it may. */
	public @Nullable String refusal(InetSocketAddress endpoint) {
		InetAddress address = unmapped(endpoint.getAddress());
		if (address == null) {
			return "the provider's host is not resolved";
		}
		if (address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isMulticastAddress()
				|| isBroadcast(address) || address.getHostAddress().equals("100.100.100.200")
				|| (address instanceof Inet4Address && (address.getAddress()[0] == 0))) {
			return address.getHostAddress() + " is an unspecified, link-local, metadata, multicast or broadcast address";
		}
		boolean local = address.isLoopbackAddress() || isOwnAddress(address);
		if (local && this.ownPorts.contains(endpoint.getPort())) {
			return address.getHostAddress() + ":" + endpoint.getPort() + " is one of the platform's own listeners";
		}
		if (this.allowedEndpoints.contains(new InetSocketAddress(address, endpoint.getPort()))) {
			return null;
		}
		if (local || address.isSiteLocalAddress() || isShared(address) || isUniqueLocal(address)) {
			for (Network network : this.allowed) {
				if (network.contains(address)) {
					return null;
				}
			}
			return address.getHostAddress()
					+ " is a loopback, private or internal address not in unigov.exchange.providers.allowed-networks";
		}
		return null;
	}

	/** The first reason any address {@code host} resolves to now is refused, or null. */
	public @Nullable String refusal(String host, int port) {
		String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
		if (bare.equalsIgnoreCase("metadata.google.internal")) {
			return bare + " is a cloud metadata endpoint";
		}
		try {
			for (InetAddress address : InetAddress.getAllByName(bare)) {
				String refusal = refusal(new InetSocketAddress(address, port));
				if (refusal != null) {
					return refusal;
				}
			}
			return null;
		}
		catch (UnknownHostException ex) {
			// an internal name not resolvable from here yet: checked again on every connection
			return null;
		}
	}

	private static @Nullable InetAddress unmapped(@Nullable InetAddress address) {
		if (address instanceof Inet6Address v6) {
			byte[] b = v6.getAddress();
			boolean compatible = true;
			for (int i = 0; i < 12; i++) {
				compatible &= b[i] == 0;
			}
			boolean mapped = true;
			for (int i = 0; i < 10; i++) {
				mapped &= b[i] == 0;
			}
			mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
			if ((compatible && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] <= 1)) || mapped) {
				try {
					return InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] });
				}
				catch (UnknownHostException ex) {
					return null;
				}
			}
		}
		return address;
	}

	private static boolean isBroadcast(InetAddress address) {
		byte[] b = address.getAddress();
		return b.length == 4 && b[0] == (byte) 255 && b[1] == (byte) 255 && b[2] == (byte) 255 && b[3] == (byte) 255;
	}

	private static boolean isShared(InetAddress address) {
		byte[] b = address.getAddress();
		return b.length == 4 && b[0] == 100 && (b[1] & 0xc0) == 64;
	}

	private static boolean isUniqueLocal(InetAddress address) {
		byte[] b = address.getAddress();
		return b.length == 16 && (b[0] & 0xfe) == 0xfc;
	}

	private static boolean isOwnAddress(InetAddress address) {
		try {
			return NetworkInterface.getByInetAddress(address) != null;
		}
		catch (SocketException ex) {
			return false;
		}
	}

	/** A CIDR block. */
	public record Network(byte[] prefix, int bits) {

		public static Network parse(String cidr) {
			int slash = cidr.indexOf('/');
			String host = slash < 0 ? cidr : cidr.substring(0, slash);
			try {
				if (!host.matches("[0-9a-fA-F:.]+")) {
					throw new IllegalArgumentException("not an address");
				}
				byte[] prefix = InetAddress.getByName(host).getAddress();
				int bits = slash < 0 ? prefix.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
				if (bits < 0 || bits > prefix.length * 8) {
					throw new IllegalArgumentException("prefix length out of range");
				}
				return new Network(prefix, bits);
			}
			catch (UnknownHostException | IllegalArgumentException ex) {
				throw new IllegalArgumentException("unigov.exchange.providers.allowed-networks: '" + cidr
						+ "' is not an address or CIDR block (e.g. 10.20.0.0/16, fd00::/8)", ex);
			}
		}

		public boolean contains(InetAddress address) {
			byte[] a = address.getAddress();
			if (a.length != this.prefix.length) {
				return false;
			}
			int full = this.bits / 8;
			for (int i = 0; i < full; i++) {
				if (a[i] != this.prefix[i]) {
					return false;
				}
			}
			int rest = this.bits % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xff << (8 - rest)) & 0xff;
			return (a[full] & mask) == (this.prefix[full] & mask);
		}
	}
}
