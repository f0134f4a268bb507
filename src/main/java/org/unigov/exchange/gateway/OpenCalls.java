package org.unigov.exchange.gateway;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import org.unigov.exchange.internal.ExchangeError;
import org.unigov.exchange.internal.OpenDataServices;
import org.unigov.exchange.internal.ProviderAddresses;
import org.unigov.exchange.internal.SubjectHasher;

/**
 * The checks of an anonymous open-data call, {@code GET /open/v1/{resource}/{path}}: the client's
 * address (from a trusted proxy's {@code X-Forwarded-For}, else the connection's), its rate (a token
 * bucket per address over all open APIs, checked first, so that refused calls count too), the path,
 * the open API (an opened data service whose entry may still be opened: {@link OpenIndex}), the
 * operation (GET only). The call then goes the way every call goes ({@link ExchangeGateway}): the
 * provider, the field filter under the anonymous grant (every item of the entry, nothing else) and
 * the access log, where the caller is {@code anonymous:} and a keyed hash of its address.
 */
final class OpenCalls {

	static final String PREFIX = "/open/v1/";

	/** At most this many addresses are remembered; beyond it those whose bucket is full again are forgotten. */
	private static final int MAX_TRACKED = 100_000;

	private final OpenIndex open;

	private final Routes routes;

	private final SubjectHasher hasher;

	private final Clock clock;

	private final List<ProviderAddresses.Network> trustedProxies;

	private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

	OpenCalls(OpenIndex open, Routes routes, SubjectHasher hasher, String trustedProxies, Clock clock) {
		this.clock = clock;
		this.open = open;
		this.routes = routes;
		this.hasher = hasher;
		// as the web listener reads it (docs/operations.md): CIDRs, or a regular expression when it has no '/'
		List<ProviderAddresses.Network> networks = new ArrayList<>();
		String value = trustedProxies.strip();
		this.trustedPattern = !value.isEmpty() && !value.contains("/") ? Pattern.compile(value) : null;
		if (this.trustedPattern == null) {
			for (String cidr : value.split(",")) {
				if (!cidr.isBlank()) {
					try {
						networks.add(ProviderAddresses.Network.parse(cidr.strip()));
					}
					catch (IllegalArgumentException ex) {
						throw new IllegalArgumentException("unigov.trusted-proxies: '" + cidr.strip()
								+ "' is not an address or CIDR block", ex);
					}
				}
			}
		}
		this.trustedProxies = List.copyOf(networks);
	}

	private final java.util.regex.@Nullable Pattern trustedPattern;

	/** Checks an anonymous call; returns where to send it. */
	ExchangeGateway.Forward check(GatewayCall call, HttpHeaders headers, @Nullable InetSocketAddress peer, String rest,
			@Nullable String query) throws Refusal {
		String address = clientAddress(peer, headers.getAll("X-Forwarded-For"));
		call.anonymous = true;
		call.clientId = OpenDataServices.ANONYMOUS + ":"
				+ HexFormat.of().formatHex(this.hasher.hash("ip:" + address), 0, 8);
		call.purpose = OpenDataServices.PURPOSE;
		long now = System.nanoTime();
		RateLimiter limiter = limiter(address, now);
		if (!limiter.tryAcquire(now)) {
			throw new Refusal(ExchangeError.RATE_LIMITED, "Open data calls are limited to " + limiter.perMinute()
					+ " a minute from one address; wait before calling again.", limiter.retryAfterSeconds(now));
		}
		String[] segments = CallSyntax.segments(rest);
		String resource = segments[0];
		String[] servicePath = Arrays.copyOfRange(segments, 1, segments.length);
		if (query != null && (query.length() > 2048 || !CallSyntax.safeQuery(query))) {
			throw new Refusal(ExchangeError.BAD_PATH,
					"The query string is too long or contains characters that must be percent-encoded.");
		}
		Routes.Route route = this.routes.route(resource);
		if (route != null) {
			// a real resource: the log names it, and its provider sees the attempt
			call.resource = resource;
			call.serviceId = route.service.id();
			call.providerAgencyId = route.service.providerAgencyId();
		}
		OpenIndex.Open opened = this.open.find(resource);
		if (opened == null || route == null || !route.service.id().equals(opened.serviceId())) {
			throw new Refusal(ExchangeError.NOT_OPEN_DATA, "Resource " + resource
					+ " is not open data served through the exchange: its provider has not opened an API for it, "
					+ "or the entry is not open without conditions. The open-data portal lists what is open.");
		}
		GrantIndex.Active grant = opened.grant();
		call.grantId = grant.id();
		String[] operation = "GET".equals(call.method) ? route.match(call.method, servicePath) : null;
		if (operation == null) {
			throw new Refusal(ExchangeError.OPERATION_NOT_OFFERED, "The open API offers GET on "
					+ String.join(", ", route.service.operations().stream().filter(o -> o.method().equals("GET"))
						.map(o -> o.path()).toList())
					+ ", not " + call.method + " /" + String.join("/", servicePath) + ".");
		}
		var service = route.service;
		Routes.Matched matched = route.matched(PREFIX, resource, operation, servicePath);
		call.path = matched.template();
		String subject = CallSyntax.subject(service, matched.subjectInPath(), query);
		if (subject != null) {
			call.subject = this.hasher.hash(subject);
			call.subjectKey = this.hasher.currentKeyId();
		}
		route.admit(this.clock.millis());
		URI target = route.target(servicePath, query);
		Map<String, String> forwarded = new LinkedHashMap<>();
		forwarded.put("Accept", "application/json");
		forwarded.put("X-Request-Id", call.requestId.toString());
		forwarded.put("X-Unigov-Open-Data", "anonymous");
		forwarded.put("X-Unigov-Grant", grant.id().toString());
		forwarded.put("X-Purpose", URLEncoder.encode(OpenDataServices.PURPOSE, StandardCharsets.UTF_8));
		return new ExchangeGateway.Forward(route, grant, target, forwarded, null);
	}

	/**
	 * An open-data answer may be read by any web page (CORS): the data are public and no
	 * credential is involved, so a browser application on another site may call the API directly.
	 */
	static ExchangeGateway.Reply shared(ExchangeGateway.Reply reply) {
		reply.headers().put("Access-Control-Allow-Origin", "*");
		reply.headers().put("Access-Control-Expose-Headers", "Retry-After, X-Request-Id");
		return reply;
	}

	private RateLimiter limiter(String address, long now) {
		if (this.limiters.size() > MAX_TRACKED) {
			this.limiters.values().removeIf(l -> l.idle(now));
		}
		int perMinute = this.open.perMinute();
		return this.limiters.compute(address, (a, current) -> current != null && current.perMinute() == perMinute
				? current : new RateLimiter(perMinute, now));
	}

	/**
	 * The client's address: the connection's, or, when the connection comes from a trusted proxy
	 * ({@code unigov.trusted-proxies}), the last address in {@code X-Forwarded-For} that is not one
	 * of them (the proxies append what they saw; what the client wrote itself comes first).
	 */
	String clientAddress(@Nullable InetSocketAddress peer, List<String> forwardedFor) {
		InetAddress direct = peer == null ? null : peer.getAddress();
		if (direct == null) {
			return "unknown";
		}
		if (!trusted(direct)) {
			return direct.getHostAddress();
		}
		List<String> hops = new ArrayList<>();
		for (String header : forwardedFor) {
			for (String hop : header.split(",")) {
				if (!hop.isBlank()) {
					hops.add(hop.strip());
				}
			}
		}
		InetAddress client = direct;
		for (int i = hops.size() - 1; i >= 0; i--) {
			InetAddress hop;
			try {
				// only a literal address: getByName does not look it up then
				if (!hops.get(i).matches("[0-9a-fA-F:.]{2,45}")) {
					break;
				}
				hop = InetAddress.getByName(hops.get(i));
			}
			catch (UnknownHostException ex) {
				break; // not an address: stop at the last one a trusted proxy vouched for
			}
			client = hop;
			if (!trusted(hop)) {
				break;
			}
		}
		return client.getHostAddress();
	}

	private boolean trusted(InetAddress address) {
		if (this.trustedPattern != null) {
			return this.trustedPattern.matcher(address.getHostAddress()).matches();
		}
		for (ProviderAddresses.Network network : this.trustedProxies) {
			if (network.contains(address)) {
				return true;
			}
		}
		return false;
	}
}
