package org.unigov.exchange;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A name service for the tests (the JDK's resolver SPI, registered in META-INF/services): names
 * ending in {@code .unigov.test} resolve to what a test sets, and can be moved while the platform
 * runs — DNS rebinding, for the gateway's address checks. Every other name goes to the system's
 * resolver. The test JVM runs without the address cache ({@code sun.net.inetaddr.ttl=0}) so that
 * a move is seen at once.
 */
public final class TestNames extends InetAddressResolverProvider {

	static final String SUFFIX = ".unigov.test";

	private static final Map<String, InetAddress[]> NAMES = new ConcurrentHashMap<>();

	/** Makes {@code name} (ending in {@code .unigov.test}) resolve to {@code addresses} from now on. */
	public static void point(String name, String... addresses) {
		if (!name.endsWith(SUFFIX)) {
			throw new IllegalArgumentException("Test names end in " + SUFFIX);
		}
		NAMES.put(name, Arrays.stream(addresses).map(TestNames::literal).toArray(InetAddress[]::new));
	}

	private static InetAddress literal(String address) {
		try {
			return InetAddress.getByAddress(address, InetAddress.getByName(address).getAddress());
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(address, ex);
		}
	}

	@Override
	public InetAddressResolver get(Configuration configuration) {
		InetAddressResolver system = configuration.builtinResolver();
		return new InetAddressResolver() {

			@Override
			public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
				if (host.endsWith(SUFFIX)) {
					InetAddress[] addresses = NAMES.get(host);
					if (addresses == null) {
						throw new UnknownHostException(host);
					}
					return Arrays.stream(addresses);
				}
				return system.lookupByName(host, policy);
			}

			@Override
			public String lookupByAddress(byte[] address) throws UnknownHostException {
				return system.lookupByAddress(address);
			}
		};
	}

	@Override
	public String name() {
		return "unigov-test-names";
	}
}
