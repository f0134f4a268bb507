package org.unigov.organization.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.unigov.audit.AuditJournal;
import org.unigov.organization.Agency;
import org.unigov.organization.AgencyId;
import org.unigov.organization.Division;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.organization.internal.OrganizationManagement;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.ChinaTime;
import org.unigov.shared.NavigationEntry;
import org.unigov.shared.Role;
import org.unigov.shared.ident.PlainText;
import org.unigov.shared.ident.ValidCreditCode;
import org.unigov.shared.ident.ValidDivisionCode;
import org.unigov.shared.problem.UnigovException;

/** Pages for divisions and agencies. */
@Controller
@PreAuthorize(Access.ANY_STAFF)
class OrganizationPages {

	private final OrganizationDirectory directory;

	private final OrganizationManagement management;

	private final AuditJournal journal;

	OrganizationPages(OrganizationDirectory directory, OrganizationManagement management, AuditJournal journal) {
		this.directory = directory;
		this.management = management;
		this.journal = journal;
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavigationEntry organizationNavigation() {
			return new NavigationEntry("organization", "/organization", Set.of(Role.PLATFORM_ADMIN, Role.COORDINATOR,
					Role.AUDITOR, Role.AGENCY_ADMIN, Role.AGENCY_STAFF));
		}
	}

	/** Form fields of the agency form; names follow the API. */
	record AgencyForm(@ValidCreditCode @Nullable String creditCode,
			@NotBlank @Size(max = 100) @PlainText String nameZh, @Size(max = 200) @PlainText @Nullable String nameEn,
			@Nullable String divisionCode, boolean active, @NotNull Long version) {
	}

	/** Form fields of the new-division form. */
	record DivisionForm(@NotBlank @ValidDivisionCode String code,
			@NotBlank @Size(max = 50) @PlainText String nameZh, @Size(max = 100) @PlainText @Nullable String nameEn,
			@Nullable String parentCode) {
	}

	record DivisionNode(Division division, List<DivisionNode> children) {
	}

	@GetMapping("/organization")
	String index(@RequestParam(required = false) @Nullable String divisionCode,
			@RequestParam(required = false) @Nullable String q, @PageableDefault(size = 25) Pageable pageable,
			Model model) {
		Actor actor = Actor.current();
		List<Division> divisions = this.directory.divisions();
		model.addAttribute("tree", tree(divisions));
		model.addAttribute("divisions", divisions);
		model.addAttribute("page", this.directory.agencies(actor, divisionCode, q, null, pageable));
		model.addAttribute("divisionNames", names(divisions));
		model.addAttribute("canCreate", actor.hasAny(Role.PLATFORM_ADMIN, Role.COORDINATOR));
		model.addAttribute("canManageDivisions", actor.has(Role.PLATFORM_ADMIN));
		if (!model.containsAttribute("divisionForm")) {
			model.addAttribute("divisionForm", new DivisionForm("", "", "", ""));
		}
		return "organization/index";
	}

	@PostMapping("/organization/divisions")
	@PreAuthorize(Access.PLATFORM_ADMIN)
	String createDivision(@Valid @ModelAttribute("divisionForm") DivisionForm form, BindingResult binding,
			Model model, RedirectAttributes redirect) {
		if (!binding.hasErrors()) {
			try {
				this.management.createDivision(Actor.current(), new OrganizationManagement.NewDivision(form.code(),
						form.nameZh(), form.nameEn() == null ? "" : form.nameEn(),
						form.parentCode() == null ? "" : form.parentCode()));
				redirect.addFlashAttribute("divisionSaved", true);
				return "redirect:/organization";
			}
			catch (UnigovException ex) {
				model.addAttribute("divisionProblem", ex);
			}
		}
		model.addAttribute("divisionFormOpen", true);
		return index(null, null, Pageable.ofSize(25), model);
	}

	/** Form fields of the rename form. */
	record RenameForm(@NotBlank @Size(max = 50) @PlainText String nameZh,
			@Size(max = 100) @PlainText @Nullable String nameEn, @NotNull Long version) {
	}

	@GetMapping("/organization/divisions/{code}")
	String division(@PathVariable String code, Model model) {
		Division division = this.directory.requireDivision(code);
		if (!model.containsAttribute("rename")) {
			model.addAttribute("rename", new RenameForm(division.nameZh(), division.nameEn(), division.version()));
		}
		return divisionView(division, model);
	}

	@PostMapping("/organization/divisions/{code}")
	@PreAuthorize(Access.PLATFORM_ADMIN)
	String rename(@PathVariable String code, @Valid @ModelAttribute("rename") RenameForm form, BindingResult binding,
			Model model, RedirectAttributes redirect) {
		Division division = this.directory.requireDivision(code);
		if (!binding.hasErrors()) {
			try {
				this.management.renameDivision(Actor.current(), code, form.nameZh(),
						form.nameEn() == null ? "" : form.nameEn(), form.version());
				redirect.addFlashAttribute("saved", true);
				return "redirect:/organization/divisions/" + code;
			}
			catch (UnigovException ex) {
				model.addAttribute("problem", ex);
			}
		}
		return divisionView(division, model);
	}

	private String divisionView(Division division, Model model) {
		model.addAttribute("division", division);
		model.addAttribute("parent", division.parentCode() == null ? null : this.directory.requireDivision(division.parentCode()));
		model.addAttribute("canEdit", Actor.current().has(Role.PLATFORM_ADMIN));
		model.addAttribute("history", this.journal.history("division", division.code()));
		model.addAttribute("zone", ChinaTime.ZONE);
		return "organization/division";
	}

	@GetMapping("/organization/agencies/new")
	@PreAuthorize(Access.COORDINATORS)
	String newAgency(Model model) {
		model.addAttribute("form", new AgencyForm("", "", "", Actor.current().divisionCode(), true, 0L));
		return newForm(model);
	}

	@PostMapping("/organization/agencies")
	@PreAuthorize(Access.COORDINATORS)
	String create(@Valid @ModelAttribute("form") AgencyForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (binding.hasErrors() || form.creditCode() == null || form.creditCode().isBlank()) {
			if (form.creditCode() == null || form.creditCode().isBlank()) {
				binding.rejectValue("creditCode", "required", "required");
			}
			return newForm(model);
		}
		try {
			Agency agency = this.management.createAgency(Actor.current(), new OrganizationManagement.NewAgency(
					form.creditCode(), form.nameZh(), form.nameEn() == null ? "" : form.nameEn(),
					form.divisionCode() == null ? "" : form.divisionCode()));
			redirect.addFlashAttribute("saved", true);
			return "redirect:/organization/agencies/" + agency.id();
		}
		catch (UnigovException ex) {
			model.addAttribute("problem", ex);
			return newForm(model);
		}
	}

	@GetMapping("/organization/agencies/{id}")
	String agency(@PathVariable UUID id, Model model) {
		Agency agency = this.directory.visibleAgency(Actor.current(), new AgencyId(id));
		model.addAttribute("form", new AgencyForm(agency.creditCode(), agency.nameZh(), agency.nameEn(),
				agency.divisionCode(), agency.active(), agency.version()));
		return detail(agency, model);
	}

	@PostMapping("/organization/agencies/{id}")
	@PreAuthorize(Access.COORDINATORS)
	String update(@PathVariable UUID id, @Valid @ModelAttribute("form") AgencyForm form, BindingResult binding,
			Model model, RedirectAttributes redirect) {
		Agency agency = this.directory.visibleAgency(Actor.current(), new AgencyId(id));
		if (binding.hasErrors()) {
			return detail(agency, model);
		}
		try {
			this.management.updateAgency(Actor.current(), agency.id(), new OrganizationManagement.AgencyChange(
					form.nameZh(), form.nameEn() == null ? "" : form.nameEn(), form.active(), form.version()));
			redirect.addFlashAttribute("saved", true);
			return "redirect:/organization/agencies/" + id;
		}
		catch (UnigovException ex) {
			model.addAttribute("problem", ex);
			return detail(agency, model);
		}
	}

	private String newForm(Model model) {
		Actor actor = Actor.current();
		model.addAttribute("divisions",
				this.directory.divisions().stream().filter(d -> OrganizationManagement.canManageAgencies(actor, d.code())).toList());
		return "organization/agency-new";
	}

	private String detail(Agency agency, Model model) {
		model.addAttribute("agency", agency);
		model.addAttribute("division", this.directory.requireDivision(agency.divisionCode()));
		model.addAttribute("canEdit", OrganizationManagement.canManageAgencies(Actor.current(), agency.divisionCode()));
		model.addAttribute("history", this.journal.history("agency", agency.id().toString()));
		model.addAttribute("zone", ChinaTime.ZONE);
		return "organization/agency";
	}

	private static Map<String, Division> names(List<Division> divisions) {
		Map<String, Division> byCode = new LinkedHashMap<>();
		divisions.forEach(d -> byCode.put(d.code(), d));
		return byCode;
	}

	static List<DivisionNode> tree(List<Division> divisions) {
		Map<String, List<Division>> children = new LinkedHashMap<>();
		List<Division> roots = new ArrayList<>();
		for (Division division : divisions) {
			if (division.parentCode() == null) {
				roots.add(division);
			}
			else {
				children.computeIfAbsent(division.parentCode(), k -> new ArrayList<>()).add(division);
			}
		}
		return roots.stream().map(root -> node(root, children)).toList();
	}

	private static DivisionNode node(Division division, Map<String, List<Division>> children) {
		return new DivisionNode(division,
				children.getOrDefault(division.code(), List.of()).stream().map(c -> node(c, children)).toList());
	}
}
