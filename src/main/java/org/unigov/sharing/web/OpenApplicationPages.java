package org.unigov.sharing.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
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
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.CatalogLabels;
import org.unigov.organization.AgencyId;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.problem.UnigovException;
import org.unigov.sharing.internal.OpenApplication;
import org.unigov.sharing.internal.OpenApplicationInput;
import org.unigov.sharing.internal.OpenApplications;

/**
 * Applying for conditionally open data (有条件开放): the form and "my applications" for signed-in
 * citizens, and the list of received applications with the reply form for the provider's staff
 * (coordinators and auditors over them read it).
 */
@Controller
class OpenApplicationPages {

	private final OpenApplications applications;

	private final CatalogLabels labels;

	private final OrganizationDirectory organizations;

	OpenApplicationPages(OpenApplications applications, CatalogLabels labels, OrganizationDirectory organizations) {
		this.applications = applications;
		this.labels = labels;
		this.organizations = organizations;
	}

	/** The form's fields as the browser posts them. */
	public static class ApplicationForm {

		private String entryId = "";

		private String applicantKind = "person";

		private String organizationName = "";

		private String organizationCode = "";

		private String contact = "";

		private String purpose = "";

		private List<String> items = new ArrayList<>();

		// ISO on the way out too: a date input shows nothing for a value in the locale's format
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
		private @Nullable LocalDate periodFrom;

		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
		private @Nullable LocalDate periodTo;

		public String getEntryId() {
			return this.entryId;
		}

		public void setEntryId(String entryId) {
			this.entryId = entryId;
		}

		public String getApplicantKind() {
			return this.applicantKind;
		}

		public void setApplicantKind(String applicantKind) {
			this.applicantKind = applicantKind;
		}

		public String getOrganizationName() {
			return this.organizationName;
		}

		public void setOrganizationName(String organizationName) {
			this.organizationName = organizationName;
		}

		public String getOrganizationCode() {
			return this.organizationCode;
		}

		public void setOrganizationCode(String organizationCode) {
			this.organizationCode = organizationCode;
		}

		public String getContact() {
			return this.contact;
		}

		public void setContact(String contact) {
			this.contact = contact;
		}

		public String getPurpose() {
			return this.purpose;
		}

		public void setPurpose(String purpose) {
			this.purpose = purpose;
		}

		public List<String> getItems() {
			return this.items;
		}

		public void setItems(List<String> items) {
			this.items = items;
		}

		public @Nullable LocalDate getPeriodFrom() {
			return this.periodFrom;
		}

		public void setPeriodFrom(@Nullable LocalDate periodFrom) {
			this.periodFrom = periodFrom;
		}

		public @Nullable LocalDate getPeriodTo() {
			return this.periodTo;
		}

		public void setPeriodTo(@Nullable LocalDate periodTo) {
			this.periodTo = periodTo;
		}

		OpenApplicationInput input() {
			UUID entry;
			try {
				entry = UUID.fromString(this.entryId);
			}
			catch (IllegalArgumentException ex) {
				entry = null;
			}
			return new OpenApplicationInput(entry, this.applicantKind, this.organizationName, this.organizationCode,
					this.contact, this.purpose, this.items, this.periodFrom, this.periodTo);
		}
	}

	@GetMapping("/open-applications/new")
	String form(@RequestParam UUID entry, Model model) {
		CatalogEntry dataset = this.applications.applicable(entry);
		if (!model.containsAttribute("form")) {
			ApplicationForm form = new ApplicationForm();
			form.setEntryId(entry.toString());
			model.addAttribute("form", form);
		}
		return form(dataset, model);
	}

	private String form(CatalogEntry dataset, Model model) {
		model.addAttribute("entry", dataset);
		model.addAttribute("labels", this.labels);
		model.addAttribute("isApplicant", OpenApplications.isApplicant(Actor.current()));
		return "sharing/open-application-form";
	}

	@PostMapping("/open-applications")
	String apply(@ModelAttribute("form") ApplicationForm form, Model model, RedirectAttributes redirect) {
		try {
			OpenApplication created = this.applications.apply(Actor.current(), form.input());
			redirect.addFlashAttribute("filed", created.number());
			return "redirect:/open-applications";
		}
		catch (UnigovException ex) {
			model.addAttribute("error", ex);
			UUID entry = form.input().entryId();
			if (entry == null) {
				throw ex;
			}
			return form(this.applications.applicable(entry), model);
		}
	}

	@GetMapping("/open-applications")
	String mine(@RequestParam(defaultValue = "0") int page, Model model) {
		Actor actor = Actor.current();
		model.addAttribute("isApplicant", OpenApplications.isApplicant(actor));
		model.addAttribute("results", this.applications.mine(actor, Math.max(0, page), 20));
		model.addAttribute("providers", new Names(this.organizations));
		return "sharing/open-applications-mine";
	}

	@PostMapping("/open-applications/{id}/withdraw")
	String withdraw(@PathVariable UUID id, @RequestParam long version, RedirectAttributes redirect) {
		try {
			OpenApplication a = this.applications.withdraw(Actor.current(), id, version);
			redirect.addFlashAttribute("withdrawn", a.number());
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
		}
		return "redirect:/open-applications";
	}

	@GetMapping("/sharing/open-applications")
	@PreAuthorize(Access.ANY_STAFF)
	String received(@RequestParam(defaultValue = "0") int page, Model model) {
		Actor actor = Actor.current();
		model.addAttribute("isAgency", actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF));
		model.addAttribute("isOverseer", actor.hasAny(Role.PLATFORM_ADMIN, Role.COORDINATOR, Role.AUDITOR));
		model.addAttribute("results", this.applications.received(actor, Math.max(0, page), 20));
		model.addAttribute("providers", new Names(this.organizations));
		model.addAttribute("actor", actor);
		return "sharing/open-applications";
	}

	@PostMapping("/sharing/open-applications/{id}/reply")
	@PreAuthorize(Access.AGENCY_WORKERS)
	String reply(@PathVariable UUID id, @RequestParam String decision, @RequestParam(required = false) @Nullable String reply,
			@RequestParam long version, RedirectAttributes redirect) {
		try {
			OpenApplication a = this.applications.reply(Actor.current(), id, "approve".equals(decision), reply, version);
			redirect.addFlashAttribute("replied", a.number());
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
		}
		return "redirect:/sharing/open-applications";
	}

	/** Agency names for the tables, by id, in the page's language. */
	public static final class Names {

		private final OrganizationDirectory organizations;

		Names(OrganizationDirectory organizations) {
			this.organizations = organizations;
		}

		public String of(UUID agency, Locale locale) {
			return this.organizations.agency(new AgencyId(agency))
				.map(a -> "zh".equals(locale.getLanguage()) ? a.nameZh() : a.nameEn())
				.orElse("");
		}
	}

	public static boolean canReply(Actor actor, OpenApplication a) {
		return OpenApplications.canReply(actor, a);
	}
}
