package org.unigov.exchange.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.web.PagedModel;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.unigov.exchange.DataService;
import org.unigov.exchange.DataServices;
import org.unigov.exchange.ServiceStatus;
import org.unigov.exchange.internal.AccessEntry;
import org.unigov.exchange.internal.ClientBinding;
import org.unigov.exchange.internal.DataServiceInput;
import org.unigov.exchange.internal.ExchangeClients;
import org.unigov.exchange.internal.ExchangeLog;
import org.unigov.exchange.internal.LogVerification;
import org.unigov.exchange.internal.OpenDataServices;
import org.unigov.exchange.internal.ServiceRegistration;
import org.unigov.exchange.internal.TrafficReport;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.Coded;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/** The exchange over JSON: data services, the clients that call, the access log and traffic. */
@RestController
@RequestMapping("/api/v1/exchange")
@Tag(name = "Exchange", description = "Data services, consumer clients, the access log (S10) and traffic; calls go to /exchange/v1/{resource}/{path}")
class ExchangeApi {

	static final String STAFF = Access.ANY_STAFF;

	private final DataServices services;

	private final ServiceRegistration registration;

	private final ExchangeClients clients;

	private final ExchangeLog log;

	private final TrafficReport traffic;

	private final OpenDataServices open;

	ExchangeApi(DataServices services, ServiceRegistration registration, ExchangeClients clients, ExchangeLog log, TrafficReport traffic,
			OpenDataServices open) {
		this.open = open;
		this.services = services;
		this.registration = registration;
		this.clients = clients;
		this.log = log;
		this.traffic = traffic;
	}

	/**
	 * A data service as a reader sees it: the base URL only for the provider, its coordinators and
	 * platform admins; {@code callPath} is where consumers call it.
	 */
	record ServiceView(UUID id, UUID entryId, String entryCode, String resourceCode, String callPath, UUID systemId,
			UUID providerAgencyId, String name, @Nullable String baseUrl, List<DataService.Operation> operations,
			Map<String, String> fieldMap, @Nullable String subjectParam, int timeoutMs, int maxConcurrent,
			ServiceStatus status, Instant updatedAt, long version, boolean openApi, String openCallPath) {
	}

	static ServiceView view(Actor actor, DataService s) {
		return new ServiceView(s.id(), s.entryId(), s.entryCode(), s.resourceCode(), "/exchange/v1/" + s.resourceCode(),
				s.systemId(), s.providerAgencyId(), s.name(), DataServices.seesInternals(actor, s) ? s.baseUrl() : null,
				s.operations(), s.fieldMap(), s.subjectParam(), s.timeoutMs(), s.maxConcurrent(), s.status(),
				s.updatedAt(), s.version(), s.openApi(), "/open/v1/" + s.resourceCode());
	}

	@GetMapping("/services")
	@PreAuthorize(STAFF)
	@Operation(summary = "Data services, newest first; mine=true for your agency's")
	PagedModel<ServiceView> services(@RequestParam(defaultValue = "false") boolean mine,
			@RequestParam(required = false) @Nullable @Size(max = 100) String q,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		Actor actor = Actor.current();
		return new PagedModel<>(this.services.find(actor, mine, q, PageRequest.of(page, size)).map(s -> view(actor, s)));
	}

	@PostMapping("/services")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize(Access.AGENCY_WORKERS)
	@Operation(summary = "Register a data service for one of your agency's published resources (audited)",
			description = "Every problem is listed in one 422 invalid_data_service answer. fieldMap maps response field "
					+ "paths (name, address.city, members[].id) to the resource's data items; fields not mapped never "
					+ "reach a consumer.")
	ServiceView register(@RequestBody DataServiceInput input) {
		Actor actor = Actor.current();
		return view(actor, this.registration.register(actor, input));
	}

	@GetMapping("/services/{id}")
	@PreAuthorize(STAFF)
	@Operation(summary = "A data service")
	ServiceView service(@PathVariable UUID id) {
		Actor actor = Actor.current();
		return view(actor, this.services.visible(actor, id));
	}

	record ServiceUpdate(DataServiceInput service, @NotNull Long version) {
	}

	@PutMapping("/services/{id}")
	@PreAuthorize(Access.AGENCY_WORKERS)
	@Operation(summary = "Change a data service (audited; 409 stale_version on a stale version)")
	ServiceView update(@PathVariable UUID id, @RequestBody ServiceUpdate update) {
		if (update.service() == null || update.version() == null) {
			throw new UnigovException(CommonError.MISSING_PARAMETER, "Send {\"service\": {...}, \"version\": n}.");
		}
		Actor actor = Actor.current();
		return view(actor, this.registration.update(actor, id, update.service(), update.version()));
	}

	record StatusChange(@NotNull String status, @NotNull Long version) {
	}

	@PostMapping("/services/{id}/status")
	@PreAuthorize(Access.AGENCY_WORKERS)
	@Operation(summary = "Disable or re-enable a data service (audited)")
	ServiceView status(@PathVariable UUID id, @RequestBody StatusChange change) {
		if (change.status() == null || change.version() == null) {
			throw new UnigovException(CommonError.MISSING_PARAMETER, "Send {\"status\": \"active|disabled\", \"version\": n}.");
		}
		ServiceStatus status = Coded.parse(ServiceStatus.class, change.status())
			.orElseThrow(() -> new UnigovException(CommonError.INVALID_PARAMETER, "status is active or disabled."));
		Actor actor = Actor.current();
		return view(actor, this.registration.setStatus(actor, id, status, change.version()));
	}

	record OpenApiChange(@NotNull Boolean open, @NotNull Long version) {
	}

	@PostMapping("/services/{id}/open-api")
	@PreAuthorize(Access.AGENCY_WORKERS)
	@Operation(summary = "Open (or close) a data service as its entry's anonymous open API (audited)",
			description = "Anyone may then call GET /open/v1/{resource}/{path} on the exchange listener without a token, "
					+ "rate-limited per client address. Only for a published entry open without conditions, general data "
					+ "without personal information (422 exchange_open_api_not_allowed otherwise).")
	ServiceView openApi(@PathVariable UUID id, @RequestBody OpenApiChange change) {
		if (change.open() == null || change.version() == null) {
			throw new UnigovException(CommonError.MISSING_PARAMETER, "Send {\"open\": true|false, \"version\": n}.");
		}
		Actor actor = Actor.current();
		return view(actor, this.open.setOpenApi(actor, id, change.open(), change.version()));
	}

	// ---- clients ------------------------------------------------------------------------------

	@GetMapping("/clients")
	@PreAuthorize(STAFF)
	@Operation(summary = "The OAuth2 clients bound to your agency's systems")
	List<ClientBinding> clients() {
		return this.clients.visible(Actor.current());
	}

	record ClientRequest(@Nullable UUID systemId, @Nullable String clientId, @Nullable String xroadClient) {
	}

	@PostMapping("/clients")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize(Access.AGENCY_ADMINS)
	@Operation(summary = "Register a client_credentials client for one of your agency's systems (audited)",
			description = "The answer carries the client secret; it is stored hashed and cannot be shown again.")
	ExchangeClients.Registered register(@RequestBody ClientRequest request) {
		return this.clients.register(Actor.current(), request.systemId(), request.clientId(), request.xroadClient());
	}

	@DeleteMapping("/clients/{clientId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PreAuthorize(Access.AGENCY_ADMINS)
	@Operation(summary = "Unbind a client from its system: its calls are refused from the next one (audited)")
	void unbind(@PathVariable String clientId) {
		this.clients.unbind(Actor.current(), clientId);
	}

	// ---- the access log -----------------------------------------------------------------------

	/** An access-log entry as JSON: hashes in hex. */
	record EntryView(long seq, Instant at, UUID requestId, @Nullable String clientId, @Nullable UUID consumerSystemId,
			@Nullable UUID consumerAgencyId, @Nullable UUID providerAgencyId, String resourceCode,
			@Nullable UUID grantId, String purpose, String method, String path, List<String> items, int status,
			String outcome, int latencyUs, int bytes, @Nullable String subjectKey, @Nullable String subjectHmac,
			String hash) {

		static EntryView of(AccessEntry e) {
			HexFormat hex = HexFormat.of();
			return new EntryView(e.seq(), e.at(), e.requestId(), e.clientId(), e.consumerSystemId(), e.consumerAgencyId(),
					e.providerAgencyId(), e.resourceCode(), e.grantId(), e.purpose(), e.method(), e.path(), e.items(),
					e.status(), e.outcome(), e.latencyUs(), e.bytes(), e.subjectKey(),
					e.subjectHmac() == null ? null : hex.formatHex(e.subjectHmac()), hex.formatHex(e.hash()));
		}
	}

	@GetMapping("/log")
	@PreAuthorize(STAFF)
	@Operation(summary = "Access-log entries you may inspect, newest first (S10)",
			description = "side=provider|consumer; subject= a citizen ID or credit code finds the calls about it (matched "
					+ "by its keyed hash under every key; the identifier itself is never stored).")
	PagedModel<EntryView> entries(@RequestParam(required = false) @Nullable String side,
			@RequestParam(required = false) @Nullable @Size(max = 40) String resource,
			@RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) @Nullable @Size(max = 64) String subject,
			@RequestParam(required = false) @Nullable @Size(max = 60) String outcome,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		if (side != null && !List.of("provider", "consumer").contains(side)) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "side is provider or consumer.");
		}
		return new PagedModel<>(this.log
			.find(Actor.current(), new ExchangeLog.LogFilter(side, resource, from, to, subject, outcome),
					PageRequest.of(page, size))
			.map(EntryView::of));
	}

	@GetMapping("/log/verify")
	@PreAuthorize("hasAnyRole('PLATFORM_ADMIN','AUDITOR')")
	@Operation(summary = "Walk the access log's hash chain from its start (or the last archived month) to the head")
	LogVerification verify() {
		return this.log.verify(Actor.current());
	}

	@GetMapping("/log/months")
	@PreAuthorize("hasAnyRole('PLATFORM_ADMIN','AUDITOR')")
	@Operation(summary = "The months (partitions) the access log holds")
	List<Map<String, Object>> months() {
		return this.log.months();
	}

	@PostMapping("/log/months/{month}/archive")
	@PreAuthorize(Access.PLATFORM_ADMIN)
	@Operation(summary = "Archive (detach) a month older than 36 months, oldest first (S10; audited)")
	Map<String, Object> archive(@PathVariable String month) {
		try {
			return this.log.archive(Actor.current(), YearMonth.parse(month));
		}
		catch (DateTimeParseException ex) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "month is YYYY-MM.");
		}
	}

	// ---- traffic ------------------------------------------------------------------------------

	@GetMapping("/traffic")
	@PreAuthorize(STAFF)
	@Operation(summary = "Calls, errors and latency by day: side=provider (calls to your resources) or consumer (your systems' calls)")
	TrafficReport.Traffic traffic(@RequestParam(defaultValue = "provider") String side,
			@RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		TrafficReport.Side parsed = switch (side) {
			case "provider" -> TrafficReport.Side.PROVIDER;
			case "consumer" -> TrafficReport.Side.CONSUMER;
			default -> throw new UnigovException(CommonError.INVALID_PARAMETER, "side is provider or consumer.");
		};
		return this.traffic.traffic(Actor.current(), parsed, from, to);
	}
}
