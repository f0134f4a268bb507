package org.unigov.sharing.web;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.unigov.audit.AuditJournal;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.CatalogLabels;
import org.unigov.catalog.EntryId;
import org.unigov.catalog.SharingMethod;
import org.unigov.organization.Agency;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemId;
import org.unigov.registry.SystemRegistry;
import org.unigov.registry.SystemStatus;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.ChinaTime;
import org.unigov.shared.Coded;
import org.unigov.shared.NavigationEntry;
import org.unigov.shared.Role;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;
import org.unigov.shared.web.FormValues;
import org.unigov.sharing.Dispute;
import org.unigov.sharing.Grant;
import org.unigov.sharing.GrantStatus;
import org.unigov.sharing.RefusalCategory;
import org.unigov.sharing.RequestInput;
import org.unigov.sharing.RequestStatus;
import org.unigov.sharing.SharingDesk;
import org.unigov.sharing.SharingRequest;
import org.unigov.sharing.internal.DisputeProcedure;
import org.unigov.sharing.internal.GrantDesk;
import org.unigov.sharing.internal.ProviderReply;
import org.unigov.sharing.internal.QualityCheckProcedure;
import org.unigov.sharing.internal.RequestFiling;
import org.unigov.sharing.internal.RequestRules;
import org.unigov.sharing.internal.Requests;
import org.unigov.sharing.internal.SharingStatistics;

/**
 * Pages of data sharing: requests made and received with their clocks, the request form, the
 * request page with every action the reader may take (reply, notice, extension, delivery,
 * dispute), grants, and the coordinator's oversight of late replies, deliveries and disputes.
 */
@Controller
@PreAuthorize(SharingApi.STAFF)
class SharingPages {

	static final ZoneId ZONE = ChinaTime.ZONE;

	private final SharingDesk desk;

	private final Requests requests;

	private final RequestFiling filing;

	private final ProviderReply replies;

	private final GrantDesk grants;

	private final DisputeProcedure disputes;

	private final QualityCheckProcedure checks;

	private final SharingStatistics statistics;

	private final Catalog catalog;

	private final SystemRegistry registry;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	private final CatalogLabels labels;

	private final OrganizationDirectory organizations;

	SharingPages(SharingDesk desk, Requests requests, RequestFiling filing, ProviderReply replies, GrantDesk grants,
			DisputeProcedure disputes, QualityCheckProcedure checks, SharingStatistics statistics,
			Catalog catalog, SystemRegistry registry, WorkingCalendar calendar, AuditJournal journal, CatalogLabels labels,
			OrganizationDirectory organizations) {
		this.desk = desk;
		this.requests = requests;
		this.filing = filing;
		this.replies = replies;
		this.grants = grants;
		this.disputes = disputes;
		this.checks = checks;
		this.statistics = statistics;
		this.catalog = catalog;
		this.registry = registry;
		this.calendar = calendar;
		this.journal = journal;
		this.labels = labels;
		this.organizations = organizations;
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavigationEntry sharingNavigation() {
			return new NavigationEntry("sharing", "/sharing", Set.of(Role.PLATFORM_ADMIN, Role.COORDINATOR, Role.AUDITOR,
					Role.AGENCY_ADMIN, Role.AGENCY_STAFF));
		}
	}

	/** What the pages need to show a request's clock and names. */
	public record Row(SharingRequest request, SharingApi.Clock clock, String entryName, String requester,
			String provider) {
	}

	@ModelAttribute
	void common(Model model) {
		Actor actor = Actor.current();
		model.addAttribute("labels", this.labels);
		model.addAttribute("zone", ZONE);
		model.addAttribute("today", this.calendar.today());
		model.addAttribute("isAgency", actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF));
		model.addAttribute("isOverseer", actor.hasAny(Role.PLATFORM_ADMIN, Role.COORDINATOR, Role.AUDITOR));
	}

	Row row(SharingRequest r) {
		return rows(List.of(r)).getFirst();
	}

	/** Rows for a list: the entries' names and the agencies' names read once for the whole list. */
	List<Row> rows(List<SharingRequest> requests) {
		Locale locale = LocaleContextHolder.getLocale();
		Map<UUID, String> entries = new HashMap<>();
		this.catalog.get(requests.stream().map(SharingRequest::entryId).collect(Collectors.toSet()))
			.forEach(e -> entries.put(e.id(), e.content().name(locale)));
		Set<UUID> agencyIds = new HashSet<>();
		requests.forEach(r -> {
			agencyIds.add(r.requesterAgencyId());
			agencyIds.add(r.providerAgencyId());
		});
		Map<UUID, Agency> agencies = this.organizations.agencies(agencyIds);
		return requests.stream()
			.map(r -> new Row(r, SharingApi.clock(r, this.calendar), entries.getOrDefault(r.entryId(), r.entryCode()),
					name(agencies, r.requesterAgencyId(), locale), name(agencies, r.providerAgencyId(), locale)))
			.toList();
	}

	private static String name(Map<UUID, Agency> agencies, UUID id, Locale locale) {
		Agency agency = agencies.get(id);
		return agency == null ? id.toString() : agency.name(locale);
	}

	@GetMapping("/sharing")
	String index(@RequestParam(required = false) @Nullable String role,
			@RequestParam(required = false) @Nullable String status, @RequestParam(defaultValue = "0") int page,
			Model model) {
		Actor actor = Actor.current();
		boolean agency = actor.agencyId() != null && actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF);
		// a provider opens on the requests it has received (its work), when it has any
		String view = role != null ? role : !agency ? "all" : this.desk
			.find(actor, new SharingDesk.RequestFilter("received", null, null, false, false, null), PageRequest.of(0, 1))
			.hasContent() ? "received" : "made";
		RequestStatus parsed = status == null || status.isBlank() ? null : Coded.parse(RequestStatus.class, status).orElse(null);
		var requests = this.desk.find(actor,
				new SharingDesk.RequestFilter("all".equals(view) ? null : view, parsed, null, false, false, null),
				PageRequest.of(Math.max(0, page), 20));
		model.addAttribute("view", view);
		model.addAttribute("page", requests);
		model.addAttribute("rows", rows(requests.getContent()));
		model.addAttribute("statuses", RequestStatus.values());
		return "sharing/index";
	}

	@GetMapping("/sharing/requests/new")
	@PreAuthorize("hasAnyRole('AGENCY_ADMIN','AGENCY_STAFF')")
	String newRequest(@RequestParam UUID entryId, Model model) {
		CatalogEntry entry = this.catalog.visible(Actor.current(), new EntryId(entryId));
		if (!model.containsAttribute("form")) {
			RequestForm form = new RequestForm();
			form.setEntryId(entryId.toString());
			form.setItems(new ArrayList<>(entry.content().itemNames()));
			form.setPeriodFrom(this.calendar.today().toString());
			form.setPeriodTo(this.calendar.today().plusYears(1).toString());
			model.addAttribute("form", form);
		}
		return requestForm(model, entry, null);
	}

	@PostMapping("/sharing/requests")
	@PreAuthorize("hasAnyRole('AGENCY_ADMIN','AGENCY_STAFF')")
	String file(@ModelAttribute("form") RequestForm form, Model model, RedirectAttributes redirect) {
		List<FieldProblem> problems = new ArrayList<>();
		RequestInput input = form.input(problems);
		UUID entryId;
		try {
			entryId = UUID.fromString(form.getEntryId());
		}
		catch (IllegalArgumentException ex) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "The request names no catalog entry.");
		}
		CatalogEntry entry = this.catalog.visible(Actor.current(), new EntryId(entryId));
		if (input == null) {
			model.addAttribute("error", RequestRules.invalid(problems));
			return requestForm(model, entry, null);
		}
		try {
			SharingRequest request = this.filing.file(Actor.current(), input);
			redirect.addFlashAttribute("done", "filed");
			return "redirect:/sharing/requests/" + request.id();
		}
		catch (UnigovException ex) {
			model.addAttribute("error", ex);
			return requestForm(model, entry, null);
		}
	}

	private String requestForm(Model model, CatalogEntry entry, @Nullable SharingRequest request) {
		Actor actor = Actor.current();
		model.addAttribute("entry", entry);
		model.addAttribute("request", request);
		List<RegisteredSystem> systems = actor.agencyId() == null ? List.of()
				: this.registry.findAll(actor,
						new SystemRegistry.SystemFilter(null, actor.agencyId(), null, null, null, null, null), Sort.by("name"))
					.stream()
					// a retired system cannot receive data (consumer_system_retired): not offered
					.filter(s -> s.status() != SystemStatus.RETIRED)
					.toList();
		model.addAttribute("systems", systems);
		model.addAttribute("methods", entry.content().sharingMethods());
		return "sharing/request-form";
	}

	@GetMapping("/sharing/requests/{id}")
	String request(@PathVariable UUID id, Model model) {
		Actor actor = Actor.current();
		SharingRequest request = this.requests.visible(actor, id);
		CatalogEntry entry = this.catalog.get(new EntryId(request.entryId())).orElseThrow();
		model.addAttribute("row", row(request));
		model.addAttribute("entry", entry);
		model.addAttribute("history", this.journal.history("sharing-request", id.toString()));
		model.addAttribute("disputes", this.disputes.forRequest(actor, id));
		model.addAttribute("grant", this.grants.forRequest(id).orElse(null));
		model.addAttribute("system", this.registry.get(new SystemId(request.consumerSystemId())).orElse(null));
		boolean provider = actor.has(Role.PLATFORM_ADMIN)
				|| actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && request.providerAgencyId().equals(actor.agencyId());
		boolean requester = actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF)
				&& request.requesterAgencyId().equals(actor.agencyId());
		model.addAttribute("isProvider", provider);
		model.addAttribute("isRequester", requester);
		model.addAttribute("decidesExtension", actor.has(Role.PLATFORM_ADMIN)
				|| actor.has(Role.COORDINATOR) && request.providerDivision().equals(actor.divisionCode()));
		model.addAttribute("refusalCategories", List.of(RefusalCategory.CONDITION_NOT_MET, RefusalCategory.BEYOND_SCOPE,
				RefusalCategory.LEGAL_PROHIBITION, RefusalCategory.SECURITY, RefusalCategory.OTHER));
		model.addAttribute("deliveryMethods", SharingMethod.values());
		model.addAttribute("canDispute", requester && (request.status() == RequestStatus.REFUSED
				&& request.refusalCategory() != RefusalCategory.NOT_SHARED
				|| request.status() == RequestStatus.SUBMITTED && this.calendar.today().isAfter(request.replyDue()))
				&& this.disputes.openFor(id).isEmpty());
		if (request.status() == RequestStatus.INCOMPLETE && requester && !model.containsAttribute("form")) {
			model.addAttribute("form", RequestForm.of(request));
			model.addAttribute("methods", entry.content().sharingMethods());
		}
		return "sharing/request";
	}

	@PostMapping("/sharing/requests/{id}/{action}")
	String act(@PathVariable UUID id, @PathVariable String action, @RequestParam long version,
			@RequestParam Map<String, String> form, RedirectAttributes redirect) {
		Actor actor = Actor.current();
		try {
			switch (action) {
				case "approve" -> this.replies.approve(actor, id, FormValues.integer(form.get("rateLimitPerMinute")), version);
				case "refuse" -> this.replies.refuse(actor, id, form.get("category"), form.get("reasons"),
						FormValues.integer(form.get("condition")), version);
				case "incomplete" -> this.replies.noticeIncomplete(actor, id, missing(form), version);
				case "extension" -> this.replies.requestExtension(actor, id,
						Objects.requireNonNullElse(FormValues.integer(form.get("days")), 0), form.get("reason"), version);
				case "extension-decision" -> this.replies.decideExtension(actor, id, "approve".equals(form.get("decision")),
						version);
				case "delivery" -> this.replies.deliver(actor, id, form.get("method"), form.get("note"), version);
				case "withdraw" -> this.filing.withdraw(actor, id, version);
				case "dispute" -> this.disputes.open(actor, id, form.get("grounds"), version);
				case "supplement" -> {
					RequestForm supplement = new RequestForm();
					supplement.setEntryId(form.getOrDefault("entryId", ""));
					supplement.setConsumerSystemId(form.getOrDefault("consumerSystemId", ""));
					supplement.setItems(List.of(form.getOrDefault("items", "").split(",")));
					supplement.setLegalBasis(form.getOrDefault("legalBasis", ""));
					supplement.setUseCase(form.getOrDefault("useCase", ""));
					supplement.setUseScope(form.getOrDefault("useScope", ""));
					supplement.setSharingMethod(form.getOrDefault("sharingMethod", ""));
					supplement.setPeriodFrom(form.getOrDefault("periodFrom", ""));
					supplement.setPeriodTo(form.getOrDefault("periodTo", ""));
					supplement.setExpectedVolume(form.getOrDefault("expectedVolume", ""));
					List<FieldProblem> problems = new ArrayList<>();
					RequestInput input = supplement.input(problems);
					if (input == null) {
						throw new UnigovException(CommonError.INVALID_PARAMETER, "The supplement is missing its dates.");
					}
					this.filing.supplement(actor, id, input, version);
				}
				default -> throw new UnigovException(CommonError.NOT_FOUND, "No action " + action + ".");
			}
			redirect.addFlashAttribute("done", action);
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
		}
		return "redirect:/sharing/requests/" + id;
	}

	@PostMapping("/sharing/disputes/{id}/{action}")
	String dispute(@PathVariable UUID id, @PathVariable String action, @RequestParam long version,
			@RequestParam Map<String, String> form, RedirectAttributes redirect) {
		Actor actor = Actor.current();
		Dispute dispute = this.disputes.get(id);
		try {
			switch (action) {
				case "escalate" -> this.disputes.escalate(actor, id, form.get("note"), version);
				case "resolve" -> this.disputes.resolve(actor, id, form.get("outcome"), form.get("resolution"), version);
				default -> throw new UnigovException(CommonError.NOT_FOUND, "No action " + action + ".");
			}
			redirect.addFlashAttribute("done", action);
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
		}
		return "redirect:/sharing/requests/" + dispute.requestId();
	}

	@GetMapping("/sharing/grants")
	String grants(@RequestParam(required = false) @Nullable String role,
			@RequestParam(required = false) @Nullable String status, @RequestParam(defaultValue = "false") boolean disposal,
			@RequestParam(defaultValue = "0") int page, Model model) {
		GrantStatus parsed = status == null || status.isBlank() ? null : Coded.parse(GrantStatus.class, status).orElse(null);
		var grants = this.grants.find(Actor.current(), new GrantDesk.GrantFilter(role, parsed, null, disposal),
				PageRequest.of(Math.max(0, page), 20));
		model.addAttribute("page", grants);
		model.addAttribute("role", role);
		model.addAttribute("statuses", GrantStatus.values());
		return "sharing/grants";
	}

	@GetMapping("/sharing/grants/{id}")
	String grant(@PathVariable UUID id, Model model) {
		Actor actor = Actor.current();
		Grant grant = this.grants.visible(actor, id);
		model.addAttribute("grant", grant);
		model.addAttribute("history", this.journal.history("grant", id.toString()));
		model.addAttribute("isProvider", actor.has(Role.PLATFORM_ADMIN) || actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF)
				&& grant.providerAgencyId().equals(actor.agencyId())
				|| actor.has(Role.COORDINATOR) && actor.covers(grant.providerDivision()));
		model.addAttribute("isConsumer", actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF)
				&& grant.consumerAgencyId().equals(actor.agencyId()));
		model.addAttribute("system", this.registry.get(new SystemId(grant.consumerSystemId())).orElse(null));
		return "sharing/grant";
	}

	@PostMapping("/sharing/grants/{id}/{action}")
	String grantAction(@PathVariable UUID id, @PathVariable String action, @RequestParam long version,
			@RequestParam Map<String, String> form, RedirectAttributes redirect) {
		Actor actor = Actor.current();
		try {
			switch (action) {
				case "suspend" -> this.grants.suspend(actor, id, form.get("reason"), FormValues.date(form.get("correctionDue")), version);
				case "correction" -> this.grants.reportCorrection(actor, id, form.get("note"), version);
				case "resume" -> this.grants.resume(actor, id, version);
				case "end" -> this.grants.end(actor, id, form.get("reason"), form.get("consultation"), version);
				case "disposal" -> this.grants.recordDisposal(actor, id, form.get("method"), FormValues.date(form.get("on")),
						form.get("note"), version);
				default -> throw new UnigovException(CommonError.NOT_FOUND, "No action " + action + ".");
			}
			redirect.addFlashAttribute("done", action);
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
		}
		return "redirect:/sharing/grants/" + id;
	}

	@GetMapping("/sharing/oversight")
	@PreAuthorize(Access.OVERSEERS)
	String oversight(Model model) {
		Actor actor = Actor.current();
		var late = this.desk.find(actor, new SharingDesk.RequestFilter(null, null, null, true, false, null),
				PageRequest.of(0, 100));
		model.addAttribute("late", rows(late.getContent()));
		model.addAttribute("lateTotal", late.getTotalElements());
		List<Dispute> open = this.disputes.open(actor);
		Map<UUID, Row> byRequest = new HashMap<>();
		rows(this.requests.get(open.stream().map(Dispute::requestId).toList())).forEach(r -> byRequest.put(r.request().id(), r));
		Map<Dispute, Row> disputes = new LinkedHashMap<>();
		for (Dispute dispute : open) {
			Row row = byRequest.get(dispute.requestId());
			if (row != null) {
				disputes.put(dispute, row);
			}
		}
		model.addAttribute("disputes", disputes);
		String prefix = actor.scopePrefix();
		model.addAttribute("statistics", this.statistics.perAgency(prefix == null ? "-" : prefix, this.calendar.today()));
		model.addAttribute("filings", this.grants.find(actor, new GrantDesk.GrantFilter(null, GrantStatus.ENDED, null, false),
				PageRequest.of(0, 50)).getContent().stream().filter(g -> g.filedAt() != null).toList());
		return "sharing/oversight";
	}

	@GetMapping("/sharing/fragments/entries/{id}/checks")
	String checks(@PathVariable UUID id, Model model) {
		Actor actor = Actor.current();
		CatalogEntry entry = this.catalog.visible(actor, new EntryId(id));
		model.addAttribute("entry", entry);
		model.addAttribute("checks", this.checks.forEntry(actor, id));
		model.addAttribute("isProvider", actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF)
				&& entry.providerAgencyId().equals(actor.agencyId()));
		model.addAttribute("canFile", actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF)
				&& !entry.providerAgencyId().equals(actor.agencyId()));
		return "sharing/checks :: checks";
	}

	@PostMapping("/sharing/quality-checks")
	@PreAuthorize("hasAnyRole('AGENCY_ADMIN','AGENCY_STAFF')")
	String fileCheck(@RequestParam UUID entryId, @RequestParam(required = false) @Nullable List<String> items,
			@RequestParam(required = false) @Nullable String description, RedirectAttributes redirect) {
		try {
			this.checks.file(Actor.current(), entryId, items == null ? List.of() : items, description);
			redirect.addFlashAttribute("done", "check");
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
		}
		return "redirect:/catalog/entries/" + entryId;
	}

	@PostMapping("/sharing/quality-checks/{id}/answer")
	@PreAuthorize(Access.AGENCY_WORKERS)
	String answerCheck(@PathVariable UUID id, @RequestParam long version, @RequestParam(required = false) @Nullable String outcome,
			@RequestParam(required = false) @Nullable String answer, RedirectAttributes redirect) {
		UUID entryId = this.checks.get(id).entryId();
		try {
			this.checks.answer(Actor.current(), id, outcome, answer, version);
			redirect.addFlashAttribute("done", "answer");
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
		}
		return "redirect:/catalog/entries/" + entryId;
	}

	/** The notice's lines: "field: what is missing", one per line. */
	private static Map<String, String> missing(Map<String, String> form) {
		Map<String, String> missing = new LinkedHashMap<>();
		String text = form.getOrDefault("missing", "");
		int n = 0;
		for (String line : text.split("\\R")) {
			if (line.isBlank()) {
				continue;
			}
			int colon = Math.max(line.indexOf(':'), line.indexOf('：'));
			if (colon > 0) {
				missing.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
			}
			else {
				missing.put("item" + (++n), line.strip());
			}
		}
		return missing;
	}
}
