package org.unigov.exchange.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.PageRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.EntryStatus;
import org.unigov.exchange.DataService;
import org.unigov.exchange.DataServices;
import org.unigov.exchange.ServiceStatus;
import org.unigov.exchange.gateway.ExchangeServer;
import org.unigov.exchange.internal.ClientBinding;
import org.unigov.exchange.internal.DataServiceInput;
import org.unigov.exchange.internal.ExchangeClients;
import org.unigov.exchange.internal.ExchangeError;
import org.unigov.exchange.internal.ExchangeLog;
import org.unigov.exchange.internal.OpenDataServices;
import org.unigov.exchange.internal.ServiceCheck;
import org.unigov.exchange.internal.ServiceRegistration;
import org.unigov.exchange.internal.TrafficReport;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemId;
import org.unigov.registry.SystemRegistry;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.ChinaTime;
import org.unigov.shared.NavigationEntry;
import org.unigov.shared.Role;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/**
 * Pages of the exchange: data services (ours and everyone's, registering one, one service with
 * how to call it), traffic by day for the provider and the consumer side, the clients bound to
 * our systems, and the access log with its verification for auditors.
 */
@Controller
@PreAuthorize(ExchangeApi.STAFF)
class ExchangePages {

	static final ZoneId ZONE = ChinaTime.ZONE;

	private final DataServices services;

	private final ServiceRegistration registration;

	private final ExchangeClients clients;

	private final ExchangeLog log;

	private final TrafficReport traffic;

	private final Catalog catalog;

	private final SystemRegistry registry;

	private final ExchangeServer server;

	private final OpenDataServices open;

	ExchangePages(DataServices services, ServiceRegistration registration, ExchangeClients clients, ExchangeLog log, TrafficReport traffic,
			Catalog catalog, SystemRegistry registry, ExchangeServer server, OpenDataServices open) {
		this.open = open;
		this.services = services;
		this.registration = registration;
		this.clients = clients;
		this.log = log;
		this.traffic = traffic;
		this.catalog = catalog;
		this.registry = registry;
		this.server = server;
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavigationEntry exchangeNavigation() {
			return new NavigationEntry("exchange", "/exchange", Set.of(Role.PLATFORM_ADMIN, Role.COORDINATOR, Role.AUDITOR,
					Role.AGENCY_ADMIN, Role.AGENCY_STAFF));
		}
	}

	@ModelAttribute
	void common(Model model) {
		Actor actor = Actor.current();
		model.addAttribute("zone", ZONE);
		model.addAttribute("isAgency", actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF));
		model.addAttribute("isAgencyAdmin", actor.hasAny(Role.AGENCY_ADMIN, Role.PLATFORM_ADMIN));
		model.addAttribute("canVerify", ExchangeLog.canVerify(actor));
		model.addAttribute("exchangePort", this.server.port());
	}

	@GetMapping("/exchange")
	String services(@RequestParam(defaultValue = "false") boolean mine, @RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "0") int page, Model model) {
		Actor actor = Actor.current();
		var found = this.services.find(actor, mine, q, PageRequest.of(Math.max(0, page), 20));
		model.addAttribute("page", found.map(s -> ExchangeApi.view(actor, s)));
		model.addAttribute("mine", mine);
		model.addAttribute("q", q);
		model.addAttribute("names", names(found.getContent()));
		return "exchange/services";
	}

	private Map<UUID, String> names(List<DataService> list) {
		Map<UUID, String> names = new LinkedHashMap<>();
		Locale locale = LocaleContextHolder.getLocale();
		this.catalog.get(list.stream().map(DataService::entryId).toList())
			.forEach(e -> names.put(e.id(), e.content().name(locale)));
		return names;
	}

	@GetMapping("/exchange/services/new")
	@PreAuthorize(Access.AGENCY_WORKERS)
	String newService(Model model) {
		return form(model, new ServiceForm(), null);
	}

	/** What the registration form posts: lists as lines of text. */
	static final class ServiceForm {

		public String entryId = "";

		public String systemId = "";

		public String name = "";

		public String baseUrl = "";

		public String operations = "GET /";

		public String fieldMap = "";

		public String subjectParam = "";

		public String timeoutMs = Integer.toString(DataServices.DEFAULT_TIMEOUT_MS);

		public String maxConcurrent = Integer.toString(DataServices.DEFAULT_MAX_CONCURRENT);

		public String version = "";

		/** The form of an existing service, to change it. */
		static ServiceForm of(DataService service) {
			ServiceForm form = new ServiceForm();
			form.entryId = service.entryId().toString();
			form.systemId = service.systemId().toString();
			form.name = service.name();
			form.baseUrl = service.baseUrl();
			form.operations = String.join("\n", service.operations().stream().map(o -> o.method() + " " + o.path()).toList());
			form.fieldMap = String.join("\n", new TreeMap<>(service.fieldMap()).entrySet()
				.stream()
				.map(e -> e.getKey() + " = " + e.getValue())
				.toList());
			form.subjectParam = service.subjectParam() == null ? "" : service.subjectParam();
			form.timeoutMs = Integer.toString(service.timeoutMs());
			form.maxConcurrent = Integer.toString(service.maxConcurrent());
			form.version = Long.toString(service.version());
			return form;
		}

		public String getVersion() {
			return this.version;
		}

		public void setVersion(String v) {
			this.version = v;
		}

		DataServiceInput input(List<FieldProblem> problems) {
			List<DataService.Operation> ops = new ArrayList<>();
			for (String line : this.operations.split("\\R")) {
				String[] parts = line.strip().split("\\s+", 2);
				if (line.isBlank()) {
					continue;
				}
				if (parts.length != 2) {
					problems.add(new FieldProblem("operations", "invalid_operation",
							"Write one operation per line: a method and a path, e.g. GET /persons."));
					continue;
				}
				ops.add(new DataService.Operation(parts[0], parts[1]));
			}
			Map<String, String> fields = new LinkedHashMap<>();
			for (String line : this.fieldMap.split("\\R")) {
				if (line.isBlank()) {
					continue;
				}
				int eq = line.indexOf('=');
				if (eq <= 0) {
					problems.add(new FieldProblem("fieldMap", "invalid_field_line",
							"Write one mapping per line: field path = data item, e.g. data.name = 姓名."));
					continue;
				}
				fields.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
			}
			return new DataServiceInput(uuid(this.entryId), uuid(this.systemId), this.name.strip(), this.baseUrl.strip(),
					ops, fields, this.subjectParam, number(this.timeoutMs, "timeoutMs", problems),
					number(this.maxConcurrent, "maxConcurrent", problems));
		}

		private static @Nullable UUID uuid(String value) {
			try {
				return value == null || value.isBlank() ? null : UUID.fromString(value.strip());
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

		private static @Nullable Integer number(String value, String field, List<FieldProblem> problems) {
			try {
				return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
			}
			catch (NumberFormatException ex) {
				problems.add(new FieldProblem(field, "not_a_number", field + " is a whole number."));
				return null;
			}
		}

		public String getEntryId() {
			return this.entryId;
		}

		public void setEntryId(String v) {
			this.entryId = v;
		}

		public String getSystemId() {
			return this.systemId;
		}

		public void setSystemId(String v) {
			this.systemId = v;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String v) {
			this.name = v;
		}

		public String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(String v) {
			this.baseUrl = v;
		}

		public String getOperations() {
			return this.operations;
		}

		public void setOperations(String v) {
			this.operations = v;
		}

		public String getFieldMap() {
			return this.fieldMap;
		}

		public void setFieldMap(String v) {
			this.fieldMap = v;
		}

		public String getSubjectParam() {
			return this.subjectParam;
		}

		public void setSubjectParam(String v) {
			this.subjectParam = v;
		}

		public String getTimeoutMs() {
			return this.timeoutMs;
		}

		public void setTimeoutMs(String v) {
			this.timeoutMs = v;
		}

		public String getMaxConcurrent() {
			return this.maxConcurrent;
		}

		public void setMaxConcurrent(String v) {
			this.maxConcurrent = v;
		}
	}

	private String form(Model model, ServiceForm form, @Nullable UnigovException error) {
		Actor actor = Actor.current();
		List<CatalogEntry> entries = actor.agencyId() == null ? List.of()
				: this.catalog.find(actor, new Catalog.EntryFilter(actor.agencyId(), EntryStatus.PUBLISHED, null, false, false),
						PageRequest.of(0, 100)).getContent();
		List<RegisteredSystem> systems = actor.agencyId() == null ? List.of()
				: this.registry.find(actor, new SystemRegistry.SystemFilter(null, actor.agencyId(), null, null, null, null, null),
						PageRequest.of(0, 100)).getContent();
		model.addAttribute("form", form);
		model.addAttribute("entries", entries);
		model.addAttribute("systems", systems);
		model.addAttribute("error", error);
		return "exchange/service-form";
	}

	@PostMapping("/exchange/services")
	@PreAuthorize(Access.AGENCY_WORKERS)
	String register(@ModelAttribute("form") ServiceForm form, Model model, RedirectAttributes redirect) {
		List<FieldProblem> problems = new ArrayList<>();
		DataServiceInput input = form.input(problems);
		if (!problems.isEmpty()) {
			return form(model, form, ServiceCheck.invalid(problems));
		}
		try {
			DataService service = this.registration.register(Actor.current(), input);
			redirect.addFlashAttribute("done", "registered");
			return "redirect:/exchange/services/" + service.id();
		}
		catch (UnigovException ex) {
			return form(model, form, ex);
		}
	}

	@GetMapping("/exchange/services/{id}")
	String service(@PathVariable UUID id, Model model) {
		Actor actor = Actor.current();
		DataService service = this.services.visible(actor, id);
		model.addAttribute("service", ExchangeApi.view(actor, service));
		model.addAttribute("entryName", names(List.of(service)).getOrDefault(service.entryId(), service.entryCode()));
		model.addAttribute("canManage", DataServices.canManage(actor, service.providerAgencyId()));
		model.addAttribute("openApiReason", this.open.notOpenable(service));
		return "exchange/service";
	}

	@GetMapping("/exchange/services/{id}/edit")
	@PreAuthorize(Access.AGENCY_WORKERS)
	String edit(@PathVariable UUID id, Model model) {
		Actor actor = Actor.current();
		DataService service = this.services.visible(actor, id);
		if (!DataServices.canManage(actor, service.providerAgencyId())) {
			throw new UnigovException(ExchangeError.NOT_YOUR_SERVICE,
					"Only the provider agency changes its data services.");
		}
		model.addAttribute("service", service);
		return form(model, ServiceForm.of(service), null);
	}

	@PostMapping("/exchange/services/{id}")
	@PreAuthorize(Access.AGENCY_WORKERS)
	String update(@PathVariable UUID id, @ModelAttribute("form") ServiceForm form, Model model,
			RedirectAttributes redirect) {
		Actor actor = Actor.current();
		DataService service = this.services.visible(actor, id);
		model.addAttribute("service", service);
		List<FieldProblem> problems = new ArrayList<>();
		DataServiceInput input = form.input(problems);
		long version;
		try {
			version = Long.parseLong(form.version.strip());
		}
		catch (NumberFormatException ex) {
			problems.add(new FieldProblem("version", "not_a_number", "The form lost the service's version; reload it."));
			version = -1;
		}
		if (!problems.isEmpty()) {
			return form(model, form, ServiceCheck.invalid(problems));
		}
		try {
			this.registration.update(actor, id, input, version);
			redirect.addFlashAttribute("done", "updated");
			return "redirect:/exchange/services/" + id;
		}
		catch (UnigovException ex) {
			return form(model, form, ex);
		}
	}

	@PostMapping("/exchange/services/{id}/status")
	@PreAuthorize(Access.AGENCY_WORKERS)
	String status(@PathVariable UUID id, @RequestParam String status, @RequestParam long version,
			RedirectAttributes redirect) {
		this.registration.setStatus(Actor.current(), id,
				"active".equals(status) ? ServiceStatus.ACTIVE : ServiceStatus.DISABLED, version);
		redirect.addFlashAttribute("done", status);
		return "redirect:/exchange/services/" + id;
	}

	@GetMapping("/exchange/traffic")
	String traffic(@RequestParam(defaultValue = "provider") String side,
			@RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			Model model) {
		TrafficReport.Side parsed = "consumer".equals(side) ? TrafficReport.Side.CONSUMER
				: TrafficReport.Side.PROVIDER;
		TrafficReport.Traffic result = this.traffic.traffic(Actor.current(), parsed, from, to);
		model.addAttribute("traffic", result);
		model.addAttribute("side", parsed == TrafficReport.Side.CONSUMER ? "consumer" : "provider");
		model.addAttribute("chart", chart(result));
		return "exchange/traffic";
	}

	/** The chart's data as JSON, read by /js/exchange-traffic.js (no inline script under the CSP). */
	private static String chart(TrafficReport.Traffic traffic) {
		StringBuilder json = new StringBuilder("{\"days\":[");
		StringBuilder calls = new StringBuilder();
		StringBuilder errors = new StringBuilder();
		StringBuilder denied = new StringBuilder();
		StringBuilder rejected = new StringBuilder();
		StringBuilder latency = new StringBuilder();
		for (int i = 0; i < traffic.days().size(); i++) {
			TrafficReport.DayTotal day = traffic.days().get(i);
			String comma = i == 0 ? "" : ",";
			json.append(comma).append('"').append(day.day()).append('"');
			calls.append(comma).append(day.calls());
			errors.append(comma).append(day.errors());
			denied.append(comma).append(day.denied());
			rejected.append(comma).append(day.rejected());
			latency.append(comma).append(day.averageUs() / 1000).append('.').append(String.format("%03d", day.averageUs() % 1000));
		}
		return json.append("],\"calls\":[").append(calls).append("],\"errors\":[").append(errors)
			.append("],\"denied\":[").append(denied).append("],\"rejected\":[").append(rejected).append("],\"latency\":[").append(latency).append("]}")
			.toString();
	}

	@GetMapping("/exchange/clients")
	String clients(Model model) {
		Actor actor = Actor.current();
		List<ClientBinding> visible = this.clients.visible(actor);
		model.addAttribute("clients", visible);
		// the bound system by name, not by id
		Map<UUID, String> systemNames = new HashMap<>();
		visible.forEach(c -> systemNames.computeIfAbsent(c.systemId(),
				id -> this.registry.get(new SystemId(id)).map(s -> s.name()).orElse(null)));
		model.addAttribute("systemNames", systemNames);
		model.addAttribute("systems", actor.agencyId() == null ? List.of()
				: this.registry.find(actor, new SystemRegistry.SystemFilter(null, actor.agencyId(), null, null, null, null, null),
						PageRequest.of(0, 100)).getContent());
		return "exchange/clients";
	}

	@PostMapping("/exchange/clients")
	@PreAuthorize(Access.AGENCY_ADMINS)
	String registerClient(@RequestParam(required = false) @Nullable String systemId,
			@RequestParam(required = false) @Nullable String clientId,
			@RequestParam(required = false) @Nullable String xroadClient, Model model) {
		try {
			model.addAttribute("registered", this.clients.register(Actor.current(), ServiceForm.uuid(systemId == null ? "" : systemId),
					clientId, xroadClient));
		}
		catch (UnigovException ex) {
			model.addAttribute("error", ex);
		}
		return clients(model);
	}

	@GetMapping("/exchange/log")
	String log(@RequestParam(required = false) @Nullable String side, @RequestParam(required = false) @Nullable String subject,
			@RequestParam(defaultValue = "false") boolean verify, @RequestParam(defaultValue = "0") int page, Model model) {
		Actor actor = Actor.current();
		String chosen = "provider".equals(side) || "consumer".equals(side) ? side : null;
		model.addAttribute("page", this.log.find(actor, new ExchangeLog.LogFilter(chosen, null, null, null,
				subject == null || subject.isBlank() ? null : subject, null), PageRequest.of(Math.max(0, page), 50)));
		model.addAttribute("side", chosen);
		model.addAttribute("subject", subject);
		if (verify && ExchangeLog.canVerify(actor)) {
			model.addAttribute("verification", this.log.verify(actor));
		}
		return "exchange/log";
	}
}
