package org.unigov.notifications.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Which webhook targets may be posted to: http or https URLs whose host resolves only to public
 * addresses. Loopback, private (RFC 1918), shared (100.64.0.0/10), unique-local, link-local
 * (with the cloud metadata address), unspecified and multicast addresses are refused unless a
 * block of {@code unigov.notifications.webhook.allowed-networks} names them — the same idea as the
 * exchange's provider addresses, kept here so that neither module reaches into the other.
 */
final class WebhookAddresses {

	private WebhookAddresses() {
	}

	/** Why {@code url} may not be posted to, or null when it may. */
	static @Nullable String refusal(String url, List<String> allowedNetworks) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return "not a URL";
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null) {
			return "not an http(s) URL with a host";
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(uri.getHost());
		}
		catch (UnknownHostException ex) {
			return "host " + uri.getHost() + " does not resolve";
		}
		for (InetAddress address : addresses) {
			if (internal(address) && allowedNetworks.stream().noneMatch(block -> inBlock(address, block.strip()))) {
				return "address " + address.getHostAddress()
						+ " is internal; name it in unigov.notifications.webhook.allowed-networks to allow it";
			}
		}
		return null;
	}

	static boolean internal(InetAddress address) {
		byte[] b = address.getAddress();
		boolean shared = address instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
		boolean uniqueLocal = b.length == 16 && (b[0] & 0xfe) == 0xfc;
		return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress() || shared || uniqueLocal
				|| address.getHostAddress().equals("100.100.100.200");
	}

	static boolean inBlock(InetAddress address, String block) {
		if (block.isEmpty()) {
			return false;
		}
		int slash = block.indexOf('/');
		try {
			InetAddress network = InetAddress.getByName(slash < 0 ? block : block.substring(0, slash));
			byte[] a = address.getAddress();
			byte[] n = network.getAddress();
			if (a.length != n.length) {
				return false;
			}
			int bits = slash < 0 ? a.length * 8 : Integer.parseInt(block.substring(slash + 1));
			for (int i = 0; i < bits; i++) {
				int mask = 0x80 >> (i % 8);
				if ((a[i / 8] & mask) != (n[i / 8] & mask)) {
					return false;
				}
			}
			return true;
		}
		catch (UnknownHostException | NumberFormatException | ArrayIndexOutOfBoundsException ex) {
			return false;
		}
	}
}
