package org.unigov.catalog.web;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.CatalogLabels;
import org.unigov.catalog.ConditionKind;
import org.unigov.catalog.DataFormat;
import org.unigov.catalog.DataGrade;
import org.unigov.catalog.EntryStatus;
import org.unigov.catalog.ItemOrigin;
import org.unigov.catalog.ItemType;
import org.unigov.catalog.OpenAttribute;
import org.unigov.catalog.Revision;
import org.unigov.catalog.Secrecy;
import org.unigov.catalog.SharingMethod;
import org.unigov.catalog.SharingType;
import org.unigov.catalog.UpdateFrequency;
import org.unigov.catalog.harvest.Harvester;
import org.unigov.catalog.internal.AuthoritativeSources;
import org.unigov.catalog.internal.Classifications;
import org.unigov.catalog.internal.DataElement;
import org.unigov.catalog.internal.DataElements;
import org.unigov.catalog.internal.ElementFormat;
import org.unigov.catalog.internal.EntryAccess;
import org.unigov.catalog.internal.EntryEditing;
import org.unigov.catalog.internal.EntryInput;
import org.unigov.catalog.internal.EntryOutcome;
import org.unigov.catalog.internal.EntryReads;
import org.unigov.catalog.internal.EntryReview;
import org.unigov.catalog.internal.EntryWithdrawal;
import org.unigov.catalog.internal.UpdateDeadlines;
import org.unigov.catalog.search.CatalogSearch;
import org.unigov.registry.SystemRegistry;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.ChinaTime;
import org.unigov.shared.Coded;
import org.unigov.shared.NavigationEntry;
import org.unigov.shared.Role;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/**
 * Pages of the data catalog for staff: search with facets, work lists (our entries, the review
 * queue, updates owed), the entry page with its lifecycle actions and revisions, the compile and
 * revise form, and the data element library.
 */
@Controller
@PreAuthorize(CatalogApi.READERS)
class CatalogPages {

	static final ZoneId ZONE = ChinaTime.ZONE;

	private final Catalog catalog;

	private final EntryReads reads;

	private final Classifications classifications;

	private final EntryEditing editing;

	private final EntryReview review;

	private final EntryWithdrawal withdrawal;

	private final UpdateDeadlines deadlines;

	private final CatalogSearch search;

	private final DataElements elements;

	private final CatalogLabels labels;

	private final AuditJournal journal;

	private final SystemRegistry registry;

	private final AuthoritativeSources authorities;

	private final Validator validator;

	CatalogPages(Catalog catalog, EntryReads reads, Classifications classifications, EntryEditing editing,
			EntryReview review, EntryWithdrawal withdrawal, UpdateDeadlines deadlines, CatalogSearch search, DataElements elements, CatalogLabels labels, AuditJournal journal,
			SystemRegistry registry, AuthoritativeSources authorities,
			Validator validator) {
		this.authorities = authorities;
		this.validator = validator;
		this.catalog = catalog;
		this.reads = reads;
		this.classifications = classifications;
		this.editing = editing;
		this.review = review;
		this.withdrawal = withdrawal;
		this.deadlines = deadlines;
		this.search = search;
		this.elements = elements;
		this.labels = labels;
		this.journal = journal;
		this.registry = registry;
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavigationEntry catalogNavigation() {
			return new NavigationEntry("catalog", "/catalog", Set.of(Role.PLATFORM_ADMIN, Role.COORDINATOR, Role.AUDITOR,
					Role.AGENCY_ADMIN, Role.AGENCY_STAFF));
		}
	}

	@ModelAttribute
	void common(Model model) {
		Actor actor = Actor.current();
		model.addAttribute("labels", this.labels);
		model.addAttribute("zone", ZONE);
		model.addAttribute("canCompile", actor.hasAny(Role.PLATFORM_ADMIN, Role.AGENCY_ADMIN, Role.AGENCY_STAFF));
		model.addAttribute("isCoordinator", actor.hasAny(Role.PLATFORM_ADMIN, Role.COORDINATOR));
		model.addAttribute("isPlatformAdmin", actor.has(Role.PLATFORM_ADMIN));
		model.addAttribute("canHarvest", Harvester.canHarvest(actor));
	}

	@GetMapping("/catalog")
	String index(@RequestParam(required = false) @Nullable String q,
			@ModelAttribute("facetParams") FacetParams params, @RequestParam(defaultValue = "0") int page, Model model) {
		Map<String, Set<String>> facets = params.selected();
		CatalogSearch.Results results = this.search.search(Actor.current(), new CatalogSearch.Query(q, facets,
				q == null || q.isBlank() ? "newest" : "relevance", Math.max(0, Math.min(page, 499)), 20));
		model.addAttribute("results", results);
		model.addAttribute("page", this.labels.page(results));
		model.addAttribute("selected", facets);
		model.addAttribute("dimensions", List.of("sharingType", "openAttribute", "agency", "division", "classification",
				"format", "updateFrequency", "grade"));
		return "catalog/index";
	}

	@GetMapping("/catalog/work")
	String work(@RequestParam(defaultValue = "mine") String queue, @RequestParam(defaultValue = "0") int page,
			Model model) {
		Actor actor = Actor.current();
		Catalog.EntryFilter filter = switch (queue) {
			case "review" -> new Catalog.EntryFilter(null, null, null, true, false);
			case "updates" -> new Catalog.EntryFilter(null, null, null, false, true);
			default -> new Catalog.EntryFilter(actor.agencyId(), null, null, false, false);
		};
		model.addAttribute("queue", queue);
		model.addAttribute("page", this.catalog.find(actor, filter, PageRequest.of(Math.max(0, page), 20)));
		return "catalog/work";
	}

	@GetMapping("/catalog/entries/{id}")
	String entry(@PathVariable UUID id, Model model) {
		Actor actor = Actor.current();
		CatalogEntry entry = this.reads.visible(actor, id);
		List<Revision> revisions = this.reads.revisions(actor, id);
		model.addAttribute("entry", entry);
		model.addAttribute("revisions", revisions);
		model.addAttribute("working", revisions.stream().filter(r -> r.number() == entry.workingRevision()).findFirst().orElse(null));
		model.addAttribute("history", EntryAccess.seesWork(actor, entry) ? this.journal.history("catalog-entry", id.toString())
				: null);
		model.addAttribute("canEdit", EntryAccess.canCompile(actor, entry.providerAgencyId()));
		model.addAttribute("canReview", EntryAccess.canReview(actor, entry));
		model.addAttribute("canWithdraw", EntryAccess.canWithdraw(actor, entry));
		model.addAttribute("canRequest", entry.status() == EntryStatus.PUBLISHED
				&& actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && !entry.providerAgencyId().equals(actor.agencyId()));
		return "catalog/entry";
	}

	@GetMapping("/catalog/entries/new")
	@PreAuthorize(CatalogApi.COMPILERS)
	String newEntry(Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new EntryForm());
		}
		return form(model, null);
	}

	@GetMapping("/catalog/entries/{id}/edit")
	@PreAuthorize(CatalogApi.COMPILERS)
	String edit(@PathVariable UUID id, Model model) {
		CatalogEntry entry = compilable(id);
		Revision working = this.reads.revision(Actor.current(), id, entry.workingRevision());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", EntryForm.of(working.content(), entry.version()));
		}
		return form(model, entry);
	}

	@PostMapping("/catalog/entries")
	@PreAuthorize(CatalogApi.COMPILERS)
	String create(@ModelAttribute("form") EntryForm form, Model model, RedirectAttributes redirect) {
		List<FieldProblem> problems = new ArrayList<>();
		EntryInput input = validated(form.input(problems), problems);
		if (input == null) {
			model.addAttribute("problems", problems);
			return form(model, null);
		}
		try {
			EntryOutcome outcome = this.editing.create(Actor.current(), null, input);
			redirect.addFlashAttribute("warnings", outcome.warnings());
			redirect.addFlashAttribute("saved", true);
			return "redirect:/catalog/entries/" + outcome.entry().id();
		}
		catch (UnigovException ex) {
			model.addAttribute("error", ex);
			return form(model, null);
		}
	}

	@PostMapping("/catalog/entries/{id}")
	@PreAuthorize(CatalogApi.COMPILERS)
	String update(@PathVariable UUID id, @ModelAttribute("form") EntryForm form, Model model,
			RedirectAttributes redirect) {
		CatalogEntry entry = compilable(id);
		List<FieldProblem> problems = new ArrayList<>();
		EntryInput input = validated(form.input(problems), problems);
		if (input == null) {
			model.addAttribute("problems", problems);
			return form(model, entry);
		}
		try {
			EntryOutcome outcome = this.editing.update(Actor.current(), id, input, form.getVersion());
			redirect.addFlashAttribute("warnings", outcome.warnings());
			redirect.addFlashAttribute("saved", true);
			return "redirect:/catalog/entries/" + id;
		}
		catch (UnigovException ex) {
			model.addAttribute("error", ex);
			return form(model, entry);
		}
	}

	@PostMapping("/catalog/entries/{id}/{action}")
	String act(@PathVariable UUID id, @PathVariable String action, @RequestParam long version,
			@RequestParam(required = false) @Nullable String comment, @RequestParam(required = false) @Nullable String decision,
			RedirectAttributes redirect) {
		Actor actor = Actor.current();
		try {
			switch (action) {
				case "submit" -> redirect.addFlashAttribute("warnings", this.editing.submit(actor, id, version).warnings());
				case "review" -> this.review.review(actor, id,
						"return".equals(decision) ? EntryReview.Decision.RETURN : EntryReview.Decision.APPROVE, comment, version);
				case "withdraw" -> this.withdrawal.withdraw(actor, id, comment == null ? "" : comment, version);
				case "discard" -> this.editing.discardRevision(actor, id, version);
				case "require-update" -> this.deadlines.requireUpdate(actor, id, comment == null ? "" : comment, version);
				case "extend-update" -> this.deadlines.extendUpdate(actor, id, version);
				default -> throw new UnigovException(CommonError.NOT_FOUND, "No action " + action + ".");
			}
			redirect.addFlashAttribute("done", action);
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
		}
		return "redirect:/catalog/entries/" + id;
	}

	/**
	 * An entry the current person may compile: not found when they may not see it, forbidden
	 * ({@code entry_not_yours}) when they see it but another department provides it, as the
	 * registry's edit pages answer.
	 */
	private CatalogEntry compilable(UUID id) {
		Actor actor = Actor.current();
		CatalogEntry entry = this.reads.visible(actor, id);
		if (!EntryAccess.canCompile(actor, entry.providerAgencyId())) {
			throw new UnigovException(CatalogError.NOT_YOUR_ENTRY,
					"Only the providing department's admins and staff change its catalog entries.");
		}
		return entry;
	}

	/** The same constraints the API applies to the same record (lengths, plain text). */
	private @Nullable EntryInput validated(@Nullable EntryInput input, List<FieldProblem> problems) {
		if (input == null) {
			return null;
		}
		for (ConstraintViolation<EntryInput> violation : this.validator.validate(input)) {
			problems.add(new FieldProblem(violation.getPropertyPath().toString(), "invalid", violation.getMessage()));
		}
		return problems.isEmpty() ? input : null;
	}

	@GetMapping("/catalog/elements")
	String elements(Model model) {
		Actor actor = Actor.current();
		model.addAttribute("elements", this.elements.all());
		model.addAttribute("authorities", this.authorities.all());
		model.addAttribute("formats", ElementFormat.values());
		model.addAttribute("itemTypes", ItemType.values());
		model.addAttribute("isAdmin", actor.has(Role.PLATFORM_ADMIN));
		model.addAttribute("designates", actor.has(Role.PLATFORM_ADMIN) || actor.has(Role.COORDINATOR)
				&& actor.divisionCode() != null && actor.divisionCode().endsWith("0000"));
		return "catalog/elements";
	}

	@PostMapping("/catalog/elements")
	@PreAuthorize(Access.PLATFORM_ADMIN)
	String addElement(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
		try {
			ItemType type = Coded.parse(ItemType.class, form.get("itemType"))
				.orElseThrow(() -> new UnigovException(CatalogError.INVALID_ELEMENT, "Choose an item type."));
			ElementFormat format = ElementFormat.of(form.getOrDefault("format", ""))
				.orElseThrow(() -> new UnigovException(CatalogError.INVALID_ELEMENT, "Choose a check."));
			int maxLength;
			try {
				maxLength = Integer.parseInt(form.getOrDefault("maxLength", "").strip());
			}
			catch (NumberFormatException ex) {
				throw new UnigovException(CatalogError.INVALID_ELEMENT, "The maximum length is a whole number.");
			}
			if (maxLength < 1 || maxLength > 100_000 || blank(form.get("nameZh")) || blank(form.get("nameEn"))
					|| blank(form.get("definitionZh")) || blank(form.get("definitionEn"))) {
				throw new UnigovException(CatalogError.INVALID_ELEMENT,
						"Give the names and definitions in both languages and a maximum length from 1 to 100,000.");
			}
			this.elements.add(Actor.current(), new DataElement(form.getOrDefault("code", "").strip(),
					form.get("nameZh").strip(), form.get("nameEn").strip(), form.get("definitionZh").strip(),
					form.get("definitionEn").strip(), type, format, blank(form.get("pattern")) ? null : form.get("pattern"),
					maxLength, form.getOrDefault("standard", "").strip(), false));
			redirect.addFlashAttribute("done", "element");
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
		}
		return "redirect:/catalog/elements";
	}

	@PostMapping("/catalog/authorities")
	@PreAuthorize(Access.COORDINATORS)
	String designate(@RequestParam String elementCode, @RequestParam String entryCode,
			@RequestParam(required = false) @Nullable String note, RedirectAttributes redirect) {
		try {
			CatalogEntry entry = this.catalog.byCode(entryCode.strip())
				.orElseThrow(() -> UnigovException.notFound(CatalogError.ENTRY_NOT_FOUND, "Catalog entry",
						entryCode));
			this.authorities.designate(Actor.current(), elementCode, entry.id(), note == null ? "" : note);
			redirect.addFlashAttribute("done", "authority");
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
		}
		return "redirect:/catalog/elements";
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	private String form(Model model, @Nullable CatalogEntry entry) {
		Actor actor = Actor.current();
		model.addAttribute("entry", entry);
		model.addAttribute("classifications", this.classifications.all());
		model.addAttribute("elements", this.elements.all());
		model.addAttribute("formats", DataFormat.values());
		model.addAttribute("frequencies", UpdateFrequency.values());
		model.addAttribute("sharingTypes", SharingType.values());
		model.addAttribute("methods", SharingMethod.values());
		model.addAttribute("openAttributes", OpenAttribute.values());
		model.addAttribute("grades", DataGrade.values());
		model.addAttribute("secrecies", Secrecy.values());
		model.addAttribute("itemTypes", ItemType.values());
		model.addAttribute("origins", ItemOrigin.values());
		model.addAttribute("conditionKinds", ConditionKind.values());
		UUID agency = entry != null ? entry.providerAgencyId() : actor.agencyId();
		model.addAttribute("systems", agency == null ? List.of()
				: this.registry.findAll(actor, new SystemRegistry.SystemFilter(null, agency, null, null, null, null, null),
						Sort.by("name")));
		return "catalog/form";
	}

}
