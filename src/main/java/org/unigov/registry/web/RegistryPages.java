package org.unigov.registry.web;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.unigov.audit.AuditJournal;
import org.unigov.organization.Agency;
import org.unigov.organization.AgencyId;
import org.unigov.organization.Division;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.registry.DuplicateFinder;
import org.unigov.registry.FundingSource;
import org.unigov.registry.Hosting;
import org.unigov.registry.LoginMethod;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.ReusableSystems;
import org.unigov.registry.SystemRegistry;
import org.unigov.registry.SystemStatus;
import org.unigov.registry.Taxonomy;
import org.unigov.registry.internal.RegistryError;
import org.unigov.registry.internal.SystemDraft;
import org.unigov.registry.internal.SystemEditing;
import org.unigov.registry.internal.SystemRegistration;
import org.unigov.registry.internal.SystemTotals;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.ChinaTime;
import org.unigov.shared.ChineseOrder;
import org.unigov.shared.NavigationEntry;
import org.unigov.shared.Role;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/** Pages of the systems registry: list, detail, form, import, duplicate finder, clusters, taxonomy. */
@Controller
@PreAuthorize(RegistryApi.READERS)
class RegistryPages {

	private static final ZoneId ZONE = ChinaTime.ZONE;

	private final SystemRegistry registry;

	private final SystemRegistration registration;

	private final SystemEditing editing;

	private final SystemTotals totals;

	private final Taxonomy taxonomy;

	private final DuplicateFinder finder;

	private final OrganizationDirectory organizations;

	private final AuditJournal journal;

	private final ImportJobs jobs;

	private final ReusableSystems reusable;

	RegistryPages(SystemRegistry registry, SystemRegistration registration, SystemEditing editing, SystemTotals totals,
			Taxonomy taxonomy, DuplicateFinder finder, OrganizationDirectory organizations, AuditJournal journal,
			ImportJobs jobs, ReusableSystems reusable) {
		this.reusable = reusable;
		this.registry = registry;
		this.registration = registration;
		this.editing = editing;
		this.totals = totals;
		this.taxonomy = taxonomy;
		this.finder = finder;
		this.organizations = organizations;
		this.journal = journal;
		this.jobs = jobs;
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavigationEntry registryNavigation() {
			return new NavigationEntry("registry", "/registry", Set.of(Role.PLATFORM_ADMIN, Role.COORDINATOR,
					Role.AUDITOR, Role.AGENCY_ADMIN, Role.AGENCY_STAFF));
		}
	}

	/** The duplicate finder's form. */
	record SimilarForm(@Nullable String name, @Nullable String summary, @Nullable List<String> capabilities,
			@Nullable String divisionCode) {
	}

	@GetMapping("/registry")
	String index(@RequestParam(required = false) @Nullable String divisionCode,
			@RequestParam(required = false) @Nullable UUID agencyId,
			@RequestParam(required = false) @Nullable String capability,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String loginMethod,
			@RequestParam(required = false) @Nullable String q,
			@PageableDefault(size = 25, sort = "name") Pageable pageable, Model model) {
		Actor actor = Actor.current();
		model.addAttribute("page", this.registry.find(actor,
				SystemForms.filter(divisionCode, agencyId, capability, status, loginMethod, q, null), pageable));
		model.addAttribute("summary", this.totals.summary(actor,
				SystemForms.filter(divisionCode, agencyId, capability, status, loginMethod, q, null)));
		model.addAttribute("filterAgencies",
				this.organizations.agencies(actor, null, null, true, Pageable.ofSize(500)).getContent());
		model.addAttribute("sort", pageable.getSort().stream().findFirst().map(o -> o.getProperty() + ","
				+ o.getDirection().name().toLowerCase(Locale.ROOT)).orElse("name,asc"));
		common(model);
		return "registry/index";
	}

	@GetMapping("/registry/systems/new")
	@PreAuthorize(RegistryApi.WRITERS)
	String newSystem(Model model) {
		model.addAttribute("form", SystemForm.empty(Actor.current().agencyId()));
		return form(model, null);
	}

	@PostMapping("/registry/systems")
	@PreAuthorize(RegistryApi.WRITERS)
	String create(@ModelAttribute("form") SystemForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (unbound(binding, model, null)) {
			return form(model, null);
		}
		SystemDraft draft = form.draft(binding);
		if (draft == null) {
			return form(model, null);
		}
		try {
			RegisteredSystem system = this.registration.create(Actor.current(), draft,
					Boolean.TRUE.equals(form.confirmDuplicates()));
			redirect.addFlashAttribute("saved", true);
			return "redirect:/registry/systems/" + system.id();
		}
		catch (UnigovException ex) {
			if (!duplicates(ex, draft, null, model)) {
				reject(ex, binding, model);
			}
			return form(model, null);
		}
	}

	@GetMapping("/registry/systems/{id}")
	String detail(@PathVariable UUID id, Model model) {
		Actor actor = Actor.current();
		RegisteredSystem system = this.registry.visible(actor, id);
		model.addAttribute("system", system);
		model.addAttribute("division", this.organizations.division(system.divisionCode()).orElse(null));
		model.addAttribute("canEdit", SystemRegistry.canWrite(actor, system.agencyId()));
		model.addAttribute("history", this.journal.history("system", id.toString()));
		model.addAttribute("similar", this.finder.ready() ? this.finder.similar(actor,
				new DuplicateFinder.Draft(system.name(), system.summary(), system.capabilities(),
						system.divisionCode(), system.id()), 5) : List.of());
		model.addAttribute("zone", ZONE);
		common(model);
		return "registry/system";
	}

	@GetMapping("/registry/systems/{id}/edit")
	@PreAuthorize(RegistryApi.WRITERS)
	String edit(@PathVariable UUID id, Model model) {
		RegisteredSystem system = writable(id);
		model.addAttribute("form", SystemForm.of(system));
		return form(model, system);
	}

	@PostMapping("/registry/systems/{id}")
	@PreAuthorize(RegistryApi.WRITERS)
	String update(@PathVariable UUID id, @ModelAttribute("form") SystemForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		RegisteredSystem system = writable(id);
		if (unbound(binding, model, system)) {
			return form(model, system);
		}
		SystemDraft draft = form.draft(binding);
		if (draft == null) {
			return form(model, system);
		}
		try {
			this.editing.update(Actor.current(), id, draft, form.version() == null ? -1 : form.version(),
					Boolean.TRUE.equals(form.confirmDuplicates()));
			redirect.addFlashAttribute("saved", true);
			return "redirect:/registry/systems/" + id;
		}
		catch (UnigovException ex) {
			if (!duplicates(ex, draft, id, model)) {
				reject(ex, binding, model);
			}
			return form(model, system);
		}
	}

	/**
	 * Whether the form could not even be built from the request (a value of the wrong type, such
	 * as an agency id that is not a UUID): then the form starts again, with the problem shown.
	 */
	private static boolean unbound(BindingResult binding, Model model, @Nullable RegisteredSystem system) {
		if (binding.getTarget() != null) {
			return false;
		}
		model.addAttribute("form", system == null ? SystemForm.empty(Actor.current().agencyId()) : SystemForm.of(system));
		model.addAttribute("problem", new UnigovException(CommonError.VALIDATION_FAILED,
				"The form had values of the wrong type: " + binding.getFieldErrors()
					.stream()
					.map(FieldError::getField)
					.distinct()
					.collect(Collectors.joining(", ")) + "."));
		return true;
	}

	private RegisteredSystem writable(UUID id) {
		Actor actor = Actor.current();
		RegisteredSystem system = this.registry.visible(actor, id);
		if (!SystemRegistry.canWrite(actor, system.agencyId())) {
			throw new UnigovException(RegistryError.SYSTEM_OUT_OF_SCOPE,
					"Only the owning agency or a platform admin may edit this system.");
		}
		return system;
	}

	/**
	 * Whether the save was held back as a likely duplicate: then the form shows the matches and
	 * asks for an explicit confirmation before saving anyway.
	 */
	private boolean duplicates(UnigovException ex, SystemDraft draft, @Nullable UUID id, Model model) {
		if (ex.error() != RegistryError.POSSIBLE_DUPLICATE) {
			return false;
		}
		String division = this.organizations.agency(new AgencyId(draft.agencyId()))
			.map(Agency::divisionCode)
			.orElse("");
		model.addAttribute("duplicates", this.finder.duplicatesOf(Actor.current(), draft, division, id));
		return true;
	}

	@SuppressWarnings("unchecked")
	private static void reject(UnigovException ex, BindingResult binding, Model model) {
		if (ex.properties().get("errors") instanceof List<?> errors && !errors.isEmpty()) {
			for (Object e : errors) {
				Map<String, String> error = (Map<String, String>) e;
				String field = switch (error.get("field")) {
					case "buildCostFen" -> "buildCostYuan";
					case "annualOmCostFen" -> "annualOmCostYuan";
					default -> error.get("field");
				};
				if (!isField(field)) {
					binding.reject(error.get("code"), error.get("message"));
				}
				else {
					binding.rejectValue(field, error.get("code"), error.get("message"));
				}
			}
		}
		else {
			model.addAttribute("problem", ex);
		}
	}

	private static boolean isField(String name) {
		return Arrays.stream(SystemForm.class.getRecordComponents()).anyMatch(c -> c.getName().equals(name));
	}

	private String form(Model model, @Nullable RegisteredSystem system) {
		Actor actor = Actor.current();
		model.addAttribute("system", system);
		List<Agency> agencies = actor.has(Role.PLATFORM_ADMIN)
				? this.organizations.agencies(actor, null, null, true, Pageable.ofSize(1000)).getContent()
				: actor.agencyId() == null ? List.of()
						: this.organizations.agency(new AgencyId(actor.agencyId()))
							.map(List::of)
							.orElse(List.of());
		if (system != null && agencies.stream().noneMatch(a -> a.id().value().equals(system.agencyId()))) {
			List<Agency> withOwn = new ArrayList<>(agencies);
			this.organizations.agency(new AgencyId(system.agencyId())).ifPresent(a -> withOwn.add(0, a));
			agencies = withOwn;
		}
		model.addAttribute("agencies", agencies.stream()
			.sorted(Comparator.comparing(Agency::divisionCode).thenComparing(ChineseOrder.by(Agency::nameZh)))
			.toList());
		model.addAttribute("isAdmin", actor.has(Role.PLATFORM_ADMIN));
		common(model);
		return "registry/form";
	}

	/**
	 * Systems to reuse, as the picker on a project form shows them: the search's results, or the
	 * shared platforms when the search is blank.
	 */
	@GetMapping("/registry/reuse-options")
	String reuseOptions(@RequestParam(required = false) @Nullable String q, Model model) {
		model.addAttribute("q", q == null ? "" : q.strip());
		model.addAttribute("choices", this.reusable.search(Actor.current(), q, ReusableSystems.MAX));
		return "registry/reuse :: options";
	}

	@GetMapping("/registry/similar")
	String similarPage(Model model) {
		Actor actor = Actor.current();
		model.addAttribute("similarForm", new SimilarForm("", "", List.of(), actor.divisionCode()));
		common(model);
		return "registry/similar";
	}

	@PostMapping("/registry/similar")
	String similar(@ModelAttribute("similarForm") SimilarForm form, Model model,
			@RequestParam(required = false) @Nullable String fragment) {
		common(model);
		model.addAttribute("searched", true);
		if (form.name() == null || form.name().isBlank() || form.divisionCode() == null
				|| form.divisionCode().isBlank()) {
			model.addAttribute("problem", new UnigovException(CommonError.VALIDATION_FAILED,
					"Name the planned system and its division."));
			model.addAttribute("results", List.of());
		}
		else {
			try {
				model.addAttribute("results",
						this.finder.similar(Actor.current(),
								new DuplicateFinder.Draft(form.name(), form.summary() == null ? "" : form.summary(),
										form.capabilities() == null ? List.of() : form.capabilities(),
										form.divisionCode(), null),
								10));
			}
			catch (UnigovException ex) {
				model.addAttribute("problem", ex);
				model.addAttribute("results", List.of());
			}
		}
		return fragment != null ? "registry/similar :: results" : "registry/similar";
	}

	@GetMapping("/registry/clusters")
	@PreAuthorize(Access.OVERSEERS)
	String clusters(@RequestParam(required = false) @Nullable String divisionCode, Model model) {
		Actor actor = Actor.current();
		String division = divisionCode != null && !divisionCode.isBlank() ? divisionCode.strip()
				: actor.divisionCode() != null ? actor.divisionCode() : "";
		common(model);
		model.addAttribute("divisionCode", division);
		model.addAttribute("zone", ZONE);
		model.addAttribute("scopeDivisions", this.organizations.divisions()
			.stream()
			.filter(d -> actor.has(Role.PLATFORM_ADMIN) || actor.covers(d.code()))
			.toList());
		if (!division.isEmpty()) {
			try {
				model.addAttribute("report", this.finder.clusters(actor, division));
			}
			catch (UnigovException ex) {
				model.addAttribute("problem", ex);
			}
		}
		return "registry/clusters";
	}

	@GetMapping("/registry/import")
	@PreAuthorize(RegistryApi.WRITERS)
	String importPage(Model model) {
		common(model);
		return "registry/import";
	}

	@PostMapping("/registry/import")
	@PreAuthorize(RegistryApi.WRITERS)
	String startImport(@RequestParam("file") @Nullable MultipartFile file,
			@RequestParam(defaultValue = "true") boolean dryRun, Model model) throws IOException {
		if (file == null || file.isEmpty()) {
			common(model);
			model.addAttribute("problem",
					new UnigovException(RegistryError.IMPORT_FILE_INVALID, "Choose a file to import."));
			return "registry/import";
		}
		String name = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
		try {
			ImportJobs.Job job = this.jobs.start(Actor.current(), name, file.getBytes(), dryRun);
			return "redirect:/registry/import/" + job.getId();
		}
		catch (UnigovException ex) {
			common(model);
			model.addAttribute("problem", ex);
			return "registry/import";
		}
	}

	@GetMapping("/registry/import/{id}")
	@PreAuthorize(RegistryApi.WRITERS)
	String importJob(@PathVariable UUID id, @RequestParam(required = false) @Nullable String fragment, Model model) {
		ImportJobs.Job job = this.jobs.find(Actor.current(), id)
			.orElseThrow(() -> UnigovException.notFound(RegistryError.IMPORT_NOT_FOUND, "Import", id));
		common(model);
		model.addAttribute("job", job);
		return fragment != null ? "registry/import-job :: status" : "registry/import-job";
	}

	@GetMapping("/registry/capabilities")
	String capabilities(Model model) {
		common(model);
		model.addAttribute("isAdmin", Actor.current().has(Role.PLATFORM_ADMIN));
		return "registry/capabilities";
	}

	@PostMapping("/registry/capabilities")
	@PreAuthorize(Access.PLATFORM_ADMIN)
	String addCapability(@RequestParam String code, @RequestParam String nameZh, @RequestParam String nameEn,
			@RequestParam(defaultValue = "false") boolean provinceWide, Model model, RedirectAttributes redirect) {
		try {
			if (nameZh.isBlank() || nameEn.isBlank() || nameZh.length() > 50 || nameEn.length() > 100) {
				throw new UnigovException(CommonError.VALIDATION_FAILED,
						"A capability has a Chinese name (up to 50 characters) and an English name (up to 100).");
			}
			this.taxonomy.add(Actor.current(), code, nameZh, nameEn, provinceWide);
			redirect.addFlashAttribute("saved", true);
			return "redirect:/registry/capabilities";
		}
		catch (UnigovException ex) {
			model.addAttribute("problem", ex);
			return capabilities(model);
		}
	}

	private void common(Model model) {
		Actor actor = Actor.current();
		model.addAttribute("capabilities", this.taxonomy.capabilities());
		model.addAttribute("labels", new RegistryLabels(this.taxonomy));
		List<Division> divisions = this.organizations.divisions();
		model.addAttribute("divisions", divisions);
		model.addAttribute("divisionNames", divisions
			.stream()
			.collect(Collectors.toMap(Division::code, d -> d, (a, b) -> a, LinkedHashMap::new)));
		model.addAttribute("statuses", SystemStatus.values());
		model.addAttribute("fundingSources", FundingSource.values());
		model.addAttribute("hostings", Hosting.values());
		model.addAttribute("loginMethods", LoginMethod.values());
		model.addAttribute("canWrite", actor.hasAny(Role.PLATFORM_ADMIN, Role.AGENCY_ADMIN, Role.AGENCY_STAFF));
		model.addAttribute("canCluster", actor.hasAny(Role.PLATFORM_ADMIN, Role.COORDINATOR, Role.AUDITOR));
		model.addAttribute("provinceWide", this.taxonomy.provinceWide());
	}
}
