package org.unigov.exchange.gateway;

import static org.unigov.exchange.gateway.CallSyntax.isJson;
import static org.unigov.exchange.gateway.CallSyntax.loggable;
import static org.unigov.exchange.gateway.CallSyntax.purpose;
import static org.unigov.exchange.gateway.CallSyntax.safeQuery;
import static org.unigov.exchange.gateway.CallSyntax.segments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unigov.exchange.internal.AccessEntry;
import org.unigov.exchange.internal.AccessLog;
import org.unigov.exchange.internal.ClientBinding;
import org.unigov.exchange.internal.ExchangeError;
import org.unigov.exchange.internal.OpenDataServices;
import org.unigov.exchange.internal.SubjectHasher;
import org.unigov.shared.ChinaTime;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.ErrorCode;
import org.unigov.shared.problem.Problems;
import org.unigov.sharing.Grant;
import org.unigov.sharing.GrantStatus;

/**
 * The call path of {@code /exchange/v1/{resource}/{path}}, run on the exchange listener's event
 * loops (see {@link ExchangeServer}). In order: the token (checked once per token), the client's
 * system, the path (nothing encoded that could leave the service's base URL), the purpose, the
 * data service, the grant (an in-memory index), the operation, the rate, the provider (circuit
 * breaker, bulkhead, timeout; on the same event loop), the field filter, and the access-log
 * entry, which must be committed before anything is answered. Denied calls are logged the same
 * way; only calls without a valid token are not (they are not attributable, S10) and are counted.
 * Anonymous open-data calls ({@code /open/v1/...}) are checked by {@link OpenCalls} instead of the
 * token, system, purpose and grant steps, and then take the same way to the provider and the log.
 */
final class ExchangeGateway {

	private static final Logger log = LoggerFactory.getLogger(ExchangeGateway.class);

	static final String PREFIX = "/exchange/v1/";

	private final Callers callers;

	private final Routes routes;

	private final GrantIndex grants;

	private final ProviderPool providers;

	private final AccessLog accessLog;

	private final SubjectHasher subjects;

	private final ExchangeMetrics metrics;

	private final Problems problems;

	private final int maxRequestBytes;

	private final OpenCalls open;

	private final Clock clock;

	private final Map<UUID, RateLimiter> limiters = new ConcurrentHashMap<>();

	/** Where the rare calls that need the database (why a grant is not in force) wait for it. */
	private final Executor blocking = Executors.newVirtualThreadPerTaskExecutor();

	ExchangeGateway(Callers callers, Routes routes, GrantIndex grants, ProviderPool providers, AccessLog accessLog,
			SubjectHasher subjects, ExchangeMetrics metrics, Problems problems, int maxRequestBytes, OpenCalls open,
			Clock clock) {
		this.clock = clock;
		this.open = open;
		this.callers = callers;
		this.routes = routes;
		this.grants = grants;
		this.providers = providers;
		this.accessLog = accessLog;
		this.subjects = subjects;
		this.metrics = metrics;
		this.problems = problems;
		this.maxRequestBytes = maxRequestBytes;
	}

	/** The answer to a call. */
	record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
	}

	/** The grant check needs the database to say why no grant is in force. */
	private static final class Diagnose extends Exception {

		final UUID systemId;

		final String entryCode;

		Diagnose(UUID systemId, String entryCode) {
			super(null, null, false, false);
			this.systemId = systemId;
			this.entryCode = entryCode;
		}
	}

	/** What the checks decided: where to send the call. */
	record Forward(Routes.Route route, GrantIndex.Active grant, URI target, Map<String, String> headers,
			byte @Nullable [] body) {
	}

	/**
	 * Handles one call. Everything read from the request is read before this method returns (the
	 * request's buffers are released then); the future completes once the answer may be sent.
	 */
	CompletableFuture<Reply> handle(FullHttpRequest request, EventLoop loop,
			java.net.@Nullable InetSocketAddress peer) {
		String uri = request.uri();
		int question = uri.indexOf('?');
		String path = question < 0 ? uri : uri.substring(0, question);
		String query = question < 0 ? null : uri.substring(question + 1);
		HttpHeaders headers = request.headers();
		String language = headers.get("Accept-Language");
		GatewayCall call = new GatewayCall(AccessLogTime.now(this.clock), request.method().name(), loggable(path),
				language != null && language.toLowerCase(Locale.ROOT).startsWith("en"), loop);
		if (path.startsWith(OpenCalls.PREFIX)) {
			CompletableFuture<Reply> reply;
			try {
				reply = send(call, this.open.check(call, headers, peer, path.substring(OpenCalls.PREFIX.length()), query),
						loop);
			}
			catch (Refusal refusal) {
				reply = refuse(call, refusal);
			}
			return reply.thenApply(OpenCalls::shared);
		}
		if (!path.startsWith(PREFIX)) {
			return CompletableFuture.completedFuture(problem(call, CommonError.NOT_FOUND,
					"The exchange answers /exchange/v1/{resource}/{path} and, for open data, /open/v1/{resource}/{path}.",
					null));
		}
		Callers.Caller caller;
		try {
			caller = this.callers.authenticate(headers.get("Authorization"), this.clock.millis());
		}
		catch (Callers.Unauthenticated ex) {
			this.metrics.unauthenticated();
			Reply reply = problem(call, ExchangeError.UNAUTHENTICATED, ex.getMessage(), null);
			reply.headers().put("WWW-Authenticate", "Bearer error=\"invalid_token\"");
			return CompletableFuture.completedFuture(reply);
		}
		call.clientId = caller.clientId();
		Forward forward;
		try {
			forward = check(request, call, caller, path.substring(PREFIX.length()), query);
		}
		catch (Refusal refusal) {
			return refuse(call, refusal);
		}
		catch (Diagnose diagnose) {
			return CompletableFuture.supplyAsync(() -> diagnose(call, diagnose), this.blocking)
				.thenCompose(refusal -> refuse(call, refusal));
		}
		return send(call, forward, loop);
	}

	/** Sends a checked call to its provider; answers with what the grant allows, once logged. */
	private CompletableFuture<Reply> send(GatewayCall call, Forward forward, EventLoop loop) {
		Routes.Route route = forward.route();
		CompletableFuture<ProviderPool.Answer> asked;
		try {
			asked = this.providers.call(loop, forward.target(), call.method, forward.headers(), forward.body(),
					route.service.timeoutMs());
		}
		catch (RuntimeException ex) {
			// the permit is released below, whatever went wrong
			asked = CompletableFuture.failedFuture(new IOException("The call could not be sent: " + ex, ex));
		}
		return asked
			.handle((answer, error) -> {
				route.inFlight.release();
				try {
					return CompletableFuture.completedFuture(answer(call, forward, answer, error));
				}
				catch (Refusal refusal) {
					return CompletableFuture.<Reply>failedFuture(refusal);
				}
			})
			.thenCompose(f -> f)
			.handle((reply, error) -> {
				if (error == null) {
					return logged(call, call.entry(reply.status(), "ok", reply.body().length), reply);
				}
				Throwable cause = error instanceof CompletionException ? error.getCause() : error;
				if (cause instanceof Refusal refusal) {
					return refuse(call, refusal);
				}
				log.error("Exchange call {} failed", call.requestId, cause);
				return refuse(call, new Refusal(ExchangeError.PROVIDER_FAILED, "The call failed inside the gateway."));
			})
			.thenCompose(f -> f);
	}

	private Forward check(FullHttpRequest request, GatewayCall call, Callers.Caller caller, String rest,
			@Nullable String query) throws Refusal, Diagnose {
		HttpHeaders headers = request.headers();
		ClientBinding binding = binding(call, caller, headers.get("X-Road-Client"));
		String[] segments = segments(rest);
		call.resource = segments[0];
		String[] servicePath = Arrays.copyOfRange(segments, 1, segments.length);
		if (query != null && (query.length() > 2048 || !safeQuery(query))) {
			throw new Refusal(ExchangeError.BAD_PATH,
					"The query string is too long or contains characters that must be percent-encoded.");
		}
		String rawPurpose = headers.get("X-Purpose");
		call.purpose = purpose(rawPurpose);
		Routes.Route route = this.routes.route(call.resource);
		if (route == null) {
			call.resource = "-";
			throw new Refusal(ExchangeError.NO_SUCH_RESOURCE,
					"No data service serves resource " + segments[0] + " (a catalog entry code with '-' for '/').");
		}
		var service = route.service;
		call.serviceId = service.id();
		call.providerAgencyId = service.providerAgencyId();
		GrantIndex.Active grant = grant(call, binding.systemId(), service.entryCode());
		call.grantId = grant.id();
		String[] operation = route.match(call.method, servicePath);
		if (operation == null) {
			throw new Refusal(ExchangeError.OPERATION_NOT_OFFERED,
					"The data service does not offer " + call.method + " /" + String.join("/", servicePath) + ".");
		}
		Routes.Matched matched = route.matched(PREFIX, call.resource, operation, servicePath);
		call.path = matched.template();
		limit(grant);
		byte[] body = null;
		if ("POST".equals(call.method)) {
			body = CallSyntax.body(request, this.maxRequestBytes);
		}
		String subject = CallSyntax.subject(service, matched.subjectInPath(), query);
		if (subject != null) {
			call.subject = this.subjects.hash(subject);
			call.subjectKey = this.subjects.currentKeyId();
		}
		route.admit(this.clock.millis());
		return forward(call, route, grant, binding, rawPurpose, servicePath, query, body);
	}

	/** The token's client as bound to a registered system, which the X-Road-Client header (if any) must name. */
	private ClientBinding binding(GatewayCall call, Callers.Caller caller, @Nullable String xroadClient) throws Refusal {
		ClientBinding binding = caller.system() ? this.callers.binding(caller.clientId()) : null;
		if (!caller.system() || !caller.exchangeScope() || binding == null) {
			throw new Refusal(ExchangeError.NOT_A_SYSTEM, !caller.system() || !caller.exchangeScope()
					? "Only department systems call the exchange: a client_credentials token with scope exchange."
					: "Client " + caller.clientId() + " is not bound to a registered system; its agency admin binds it on /exchange/clients.");
		}
		call.systemId = binding.systemId();
		call.agencyId = binding.agencyId();
		if (xroadClient != null && !xroadClient.equals(binding.xroadClient())) {
			throw new Refusal(ExchangeError.NOT_A_SYSTEM,
					"X-Road-Client names another member or subsystem than the token's client is bound to.");
		}
		return binding;
	}

	/** The grant's rate limit (per minute): refused with Retry-After once it is used up. */
	private void limit(GrantIndex.Active grant) throws Refusal {
		RateLimiter limiter = this.limiters.compute(grant.id(),
				(id, current) -> current != null && current.perMinute() == grant.ratePerMinute() ? current
						: new RateLimiter(grant.ratePerMinute(), System.nanoTime()));
		if (!limiter.tryAcquire(System.nanoTime())) {
			throw new Refusal(ExchangeError.RATE_LIMITED, "The grant allows " + grant.ratePerMinute()
					+ " calls a minute; wait before calling again.", limiter.retryAfterSeconds(System.nanoTime()));
		}
	}

	/** The call as it goes to the provider, with the headers that tell it who calls under which grant. */
	private Forward forward(GatewayCall call, Routes.Route route, GrantIndex.Active grant, ClientBinding binding,
			String rawPurpose, String[] servicePath, @Nullable String query, byte @Nullable [] body) throws Refusal {
		URI target = route.target(servicePath, query);
		Map<String, String> forwarded = new LinkedHashMap<>();
		forwarded.put("Accept", "application/json");
		forwarded.put("X-Request-Id", call.requestId.toString());
		forwarded.put("X-Unigov-Consumer-System", binding.systemId().toString());
		forwarded.put("X-Unigov-Consumer-Agency", binding.agencyId().toString());
		forwarded.put("X-Unigov-Grant", grant.id().toString());
		forwarded.put("X-Purpose", rawPurpose);
		return new Forward(route, grant, target, forwarded, body);
	}

	/** The provider's answer turned into the consumer's: only JSON, only the granted items. */
	private Reply answer(GatewayCall call, Forward forward, ProviderPool.@Nullable Answer answer, @Nullable Throwable error)
			throws Refusal {
		Routes.Route route = forward.route();
		var service = route.service;
		Throwable cause = error instanceof CompletionException ? error.getCause() : error;
		if (cause != null) {
			throw failed(route, cause);
		}
		checkStatus(route, answer);
		FieldFilter filter = route.filter(forward.grant().id(), forward.grant().items());
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, answer.body().length));
		try {
			call.items = filter.filter(answer.body(), answer.body().length, out).itemsReturned();
		}
		catch (FieldFilter.NotJson ex) {
			throw new Refusal(ExchangeError.PROVIDER_NOT_JSON, ex.getMessage() + " Nothing was passed on.");
		}
		catch (FieldFilter.DuplicateKey ex) {
			log.warn("Data service {} answered call {} with a repeated property name; refused: {}", service.id(),
					call.requestId, ex.getMessage());
			throw new Refusal(ExchangeError.PROVIDER_DUPLICATE_KEY, ex.getMessage() + " Nothing was passed on.");
		}
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Request-Id", call.requestId.toString());
		headers.put("X-Road-Id", call.requestId.toString());
		headers.put("Cache-Control", "no-store");
		return new Reply(answer.status(), "application/json", out.toByteArray(), headers);
	}

	/** What a failed provider call is refused as; the breaker learns of it. */
	private Refusal failed(Routes.Route route, Throwable cause) {
		var service = route.service;
		if (cause instanceof ProviderPool.TooLarge) {
			route.breaker.success();
			return new Refusal(ExchangeError.PROVIDER_TOO_LARGE, "The provider's answer exceeds the gateway's limit "
					+ "(unigov.exchange.max-response-size) and was not passed on.");
		}
		if (cause instanceof ProviderPool.AddressRefused) {
			route.breaker.release();
			log.warn("Data service {}: {}", service.id(), cause.getMessage());
			return new Refusal(ExchangeError.PROVIDER_ADDRESS_REFUSED, cause.getMessage() + ".");
		}
		route.breaker.failure(this.clock.millis());
		if (cause instanceof ProviderPool.Timeout) {
			return new Refusal(ExchangeError.PROVIDER_TIMEOUT,
					"The provider did not answer within " + service.timeoutMs() + " ms.");
		}
		if (cause instanceof ConnectException || cause.getCause() instanceof ConnectException) {
			return new Refusal(ExchangeError.PROVIDER_FAILED, "The provider refused the connection.");
		}
		return new Refusal(ExchangeError.PROVIDER_FAILED, "The call to the provider failed: " + cause.getMessage());
	}

	/** The provider's status and content type: only a 2xx JSON answer is passed on. */
	private void checkStatus(Routes.Route route, ProviderPool.@Nullable Answer answer) throws Refusal {
		if (answer == null || answer.status() >= 500) {
			route.breaker.failure(this.clock.millis());
			throw new Refusal(ExchangeError.PROVIDER_FAILED,
					"The provider answered " + (answer == null ? "nothing" : answer.status()) + ".");
		}
		route.breaker.success();
		if (answer.status() == 404) {
			throw new Refusal(ExchangeError.PROVIDER_NOT_FOUND, "The provider has no record for this request.");
		}
		if (answer.status() == 400 || answer.status() == 422) {
			throw new Refusal(ExchangeError.PROVIDER_REJECTED, "The provider refused the request as malformed ("
					+ answer.status() + "); check the parameters against the data service's description.");
		}
		if (answer.status() < 200 || answer.status() >= 300) {
			throw new Refusal(ExchangeError.PROVIDER_FAILED, "The provider answered " + answer.status() + ".");
		}
		if (!isJson(answer.contentType())) {
			throw new Refusal(ExchangeError.PROVIDER_NOT_JSON, "The provider answered "
					+ (answer.contentType() == null ? "without a content type" : answer.contentType())
					+ " instead of JSON; nothing was passed on.");
		}
	}

	private GrantIndex.Active grant(GatewayCall call, UUID systemId, String entryCode) throws Refusal, Diagnose {
		List<GrantIndex.Active> candidates = this.grants.find(systemId, entryCode);
		LocalDate today = LocalDate.now(this.clock.withZone(ChinaTime.ZONE));
		boolean otherPurpose = false;
		for (GrantIndex.Active g : candidates) {
			if (g.purpose().equals(call.purpose)) {
				if (g.validOn(today)) {
					return g;
				}
				call.grantId = g.id();
				throw new Refusal(ExchangeError.GRANT_NOT_IN_FORCE,
						"The grant is valid from " + g.validFrom() + " to " + g.validTo() + ".");
			}
			otherPurpose = true;
		}
		if (otherPurpose) {
			throw new Refusal(ExchangeError.NO_GRANT, "The system holds a grant for " + entryCode
					+ ", but not for this purpose; X-Purpose must name the purpose the grant was given for (S6).");
		}
		throw new Diagnose(systemId, entryCode);
	}

	/** Why no grant is in force, from the grants that were (a refused call; reads the database). */
	private Refusal diagnose(GatewayCall call, Diagnose d) {
		try {
			for (Grant g : this.grants.history(d.systemId, d.entryCode)) {
				if (g.purpose().equals(call.purpose)) {
					call.grantId = g.id();
					if (g.status() == GrantStatus.SUSPENDED) {
						return new Refusal(ExchangeError.GRANT_SUSPENDED,
								"The grant is suspended for misuse until corrected (S7).");
					}
					return new Refusal(ExchangeError.GRANT_NOT_IN_FORCE, "The grant has " + g.status().code() + ".");
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Reading the grants of system {} failed", d.systemId, ex);
		}
		return new Refusal(ExchangeError.NO_GRANT, "The system holds no grant for " + d.entryCode
				+ " and this purpose; request it through the catalog (S1).");
	}

	/** A refusal, answered once its log entry is committed. */
	private CompletableFuture<Reply> refuse(GatewayCall call, Refusal refusal) {
		Reply reply = problem(call, refusal.error, refusal.getMessage(), refusal.retryAfter);
		reply.headers().put("X-Request-Id", call.requestId.toString());
		return logged(call, call.entry(refusal.error.status().value(), refusal.error.code(), 0), reply);
	}

	Reply problem(GatewayCall call, ErrorCode error, String detail, @Nullable Long retryAfter) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Cache-Control", "no-store");
		if (retryAfter != null) {
			headers.put("Retry-After", Long.toString(retryAfter));
		}
		return new Reply(error.status().value(), "application/problem+json",
				this.problems.json(error, detail, call.instance, call.english ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE),
				headers);
	}

	/**
	 * Answers {@code reply} once the call's entry is committed. When it cannot be written the call
	 * is answered 503 without data: nothing leaves the exchange unrecorded.
	 */
	private CompletableFuture<Reply> logged(GatewayCall call, AccessEntry entry, Reply reply) {
		// the log fails the entry itself when it is not written within unigov.exchange.log.wait
		return this.accessLog.append(entry, call.loop)
			.handle((written, error) -> {
				if (error == null) {
					this.metrics.record(call.resource,
							call.anonymous ? OpenDataServices.ANONYMOUS : call.clientId == null ? "-" : call.clientId, entry.outcome(),
							System.nanoTime() - call.started);
					return reply;
				}
				log.warn("Access-log entry of call {} not written: {}", call.requestId, error.toString());
				Reply refused = problem(call, ExchangeError.LOG_UNAVAILABLE,
						"The call could not be recorded in the access log, so it was not answered (S10); try again shortly.",
						5L);
				refused.headers().put("X-Request-Id", call.requestId.toString());
				return refused;
			});
	}
}
