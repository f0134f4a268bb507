package org.unigov.identity.web;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
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
import org.unigov.identity.Account;
import org.unigov.identity.internal.StaffManagement;
import org.unigov.organization.Agency;
import org.unigov.organization.AgencyId;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.ChinaTime;
import org.unigov.shared.ChineseOrder;
import org.unigov.shared.Role;
import org.unigov.shared.ident.PlainText;
import org.unigov.shared.problem.UnigovException;

/** Pages for staff accounts, under the organization area. */
@Controller
@PreAuthorize("hasAnyRole('PLATFORM_ADMIN','AGENCY_ADMIN','COORDINATOR','AUDITOR')")
class StaffPages {

	private final StaffManagement staff;

	private final OrganizationDirectory directory;

	private final AuditJournal journal;

	StaffPages(StaffManagement staff, OrganizationDirectory directory, AuditJournal journal) {
		this.staff = staff;
		this.directory = directory;
		this.journal = journal;
	}

	record StaffForm(@NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]*") String username,
			@NotBlank @Size(max = 100) @PlainText String displayName, @NotNull UUID agencyId,
			@NotEmpty Set<Role> roles, @NotBlank @Size(max = 200) String password) {
	}

	record EditForm(@NotBlank @Size(max = 100) @PlainText String displayName, @NotEmpty Set<Role> roles,
			boolean enabled, @NotNull Long version) {
	}

	@GetMapping("/organization/staff")
	String list(@RequestParam(required = false) @Nullable UUID agencyId,
			@RequestParam(required = false) @Nullable String q, @PageableDefault(size = 25) Pageable pageable,
			Model model) {
		Actor actor = Actor.current();
		model.addAttribute("page", this.staff.list(actor, agencyId, q, pageable));
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new StaffForm("", "", agencyId != null ? agencyId : actor.agencyId(),
					Set.of(Role.AGENCY_STAFF), ""));
		}
		return listView(actor, agencyId, model);
	}

	@PostMapping("/organization/staff")
	@PreAuthorize(Access.AGENCY_ADMINS)
	String create(@Valid @ModelAttribute("form") StaffForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		Actor actor = Actor.current();
		if (!binding.hasErrors()) {
			try {
				Account created = this.staff.create(actor, new StaffManagement.NewStaff(form.username(),
						form.displayName(), form.agencyId(), form.roles(), form.password()));
				redirect.addFlashAttribute("saved", true);
				return "redirect:/organization/staff/" + created.id();
			}
			catch (UnigovException ex) {
				model.addAttribute("problem", ex);
			}
		}
		model.addAttribute("page", this.staff.list(actor, null, null, Pageable.ofSize(25)));
		return listView(actor, null, model);
	}

	@GetMapping("/organization/staff/{id}")
	String detail(@PathVariable UUID id, Model model) {
		Account account = this.staff.get(Actor.current(), id);
		if (!model.containsAttribute("edit")) {
			model.addAttribute("edit",
					new EditForm(account.displayName(), account.roles(), account.enabled(), account.version()));
		}
		return detailView(account, model);
	}

	@PostMapping("/organization/staff/{id}")
	@PreAuthorize(Access.AGENCY_ADMINS)
	String update(@PathVariable UUID id, @Valid @ModelAttribute("edit") EditForm form, BindingResult binding,
			Model model, RedirectAttributes redirect) {
		Account account = this.staff.get(Actor.current(), id);
		if (!binding.hasErrors()) {
			try {
				this.staff.update(Actor.current(), id,
						new StaffManagement.StaffChange(form.displayName(), form.roles(), form.enabled(), form.version()));
				redirect.addFlashAttribute("saved", true);
				return "redirect:/organization/staff/" + id;
			}
			catch (UnigovException ex) {
				model.addAttribute("problem", ex);
			}
		}
		return detailView(account, model);
	}

	@PostMapping("/organization/staff/{id}/unlock")
	@PreAuthorize(Access.AGENCY_ADMINS)
	String unlock(@PathVariable UUID id, RedirectAttributes redirect) {
		this.staff.unlock(Actor.current(), id);
		redirect.addFlashAttribute("saved", true);
		return "redirect:/organization/staff/" + id;
	}

	@PostMapping("/organization/staff/{id}/password")
	@PreAuthorize(Access.AGENCY_ADMINS)
	String resetPassword(@PathVariable UUID id, @RequestParam String password, Model model,
			RedirectAttributes redirect) {
		try {
			this.staff.resetPassword(Actor.current(), id, password);
			redirect.addFlashAttribute("saved", true);
			return "redirect:/organization/staff/" + id;
		}
		catch (UnigovException ex) {
			model.addAttribute("problem", ex);
			return detail(id, model);
		}
	}

	private String listView(Actor actor, @Nullable UUID agencyId, Model model) {
		List<Agency> manageable = this.directory.agencies(actor, null, null, true, Pageable.ofSize(500))
			.stream()
			.filter(agency -> this.staff.canManage(actor, agency))
			.sorted(Comparator.comparing(Agency::divisionCode).thenComparing(ChineseOrder.by(Agency::nameZh)))
			.toList();
		model.addAttribute("agencies", manageable);
		model.addAttribute("agency",
				agencyId == null ? null : this.directory.visibleAgency(actor, new AgencyId(agencyId)));
		model.addAttribute("grantable", grantable(actor));
		model.addAttribute("now", Instant.now());
		if (model.getAttribute("page") instanceof Page<?> page) {
			model.addAttribute("agencyNames", this.directory.agencies(page.getContent()
				.stream()
				.map(account -> ((Account) account).agencyId())
				.filter(Objects::nonNull)
				.collect(Collectors.toSet())));
		}
		return "identity/staff";
	}

	private String detailView(Account account, Model model) {
		Actor actor = Actor.current();
		Agency agency = this.directory.agency(new AgencyId(account.agencyId())).orElseThrow();
		model.addAttribute("account", account);
		model.addAttribute("agency", agency);
		model.addAttribute("canEdit", this.staff.canManage(actor, agency));
		model.addAttribute("grantable", grantable(actor));
		model.addAttribute("locked", account.isLocked(Instant.now()));
		model.addAttribute("history", this.journal.history("account", account.id().toString()));
		model.addAttribute("zone", ChinaTime.ZONE);
		return "identity/staff-detail";
	}

	private static Set<Role> grantable(Actor actor) {
		return actor.has(Role.PLATFORM_ADMIN)
				? EnumSet.of(Role.PLATFORM_ADMIN, Role.COORDINATOR, Role.AGENCY_ADMIN, Role.AGENCY_STAFF, Role.AUDITOR)
				: EnumSet.of(Role.AGENCY_ADMIN, Role.AGENCY_STAFF);
	}
}
