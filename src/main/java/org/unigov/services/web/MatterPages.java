package org.unigov.services.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
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
import org.unigov.catalog.EntryNames;
import org.unigov.organization.Agency;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.services.internal.Applicant;
import org.unigov.services.internal.FieldType;
import org.unigov.services.internal.LifeEvent;
import org.unigov.services.internal.Matter;
import org.unigov.services.internal.MatterDesk;
import org.unigov.services.internal.MatterStatus;
import org.unigov.services.internal.ServiceError;
import org.unigov.shared.Actor;
import org.unigov.shared.ChinaTime;
import org.unigov.shared.NavigationEntry;
import org.unigov.shared.problem.UnigovException;

/** Pages for service matters: browsing by life event and text, one matter, and the agency's editing. */
@Controller
@PreAuthorize("isAuthenticated()")
class MatterPages {

	/** Empty rows a form offers beyond the matter's own fields and materials. */
	static final int SPARE_ROWS = 3;

	private final MatterDesk desk;

	private final OrganizationDirectory directory;

	private final EntryNames entryNames;

	private final AuditJournal journal;

	MatterPages(MatterDesk desk, OrganizationDirectory directory, EntryNames entryNames, AuditJournal journal) {
		this.desk = desk;
		this.directory = directory;
		this.entryNames = entryNames;
		this.journal = journal;
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavigationEntry servicesNavigation() {
			return new NavigationEntry("services", "/services", Set.of());
		}
	}

	/** One row of the form's fields; a row with no label is ignored. */
	record FieldRow(@Nullable String label, @Nullable String labelEn, @Nullable String type, @Nullable Boolean required,
			@Nullable String entryCode, @Nullable String itemName) {

		boolean isRequired() {
			return Boolean.TRUE.equals(this.required);
		}
	}

	/** One row of the form's materials; a row with no name is ignored. */
	record MaterialRow(@Nullable String name, @Nullable Boolean required, @Nullable Boolean licence) {

		boolean isRequired() {
			return Boolean.TRUE.equals(this.required);
		}

		boolean isLicence() {
			return Boolean.TRUE.equals(this.licence);
		}
	}

	/** The matter form; read into a {@code MatterInput} that {@link MatterDesk} checks. */
	record MatterForm(@Nullable String name, @Nullable String nameEn, @Nullable String summary,
			@Nullable String legalBasis, @Nullable Integer timeLimitDays, @Nullable String applicant,
			@Nullable List<String> lifeEvents, @Nullable List<FieldRow> fields, @Nullable List<MaterialRow> materials,
			@Nullable Long version) {
	}

	@GetMapping("/services")
	String index(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String lifeEvent,
			@RequestParam(required = false) @Nullable String status, @PageableDefault(size = 20) Pageable pageable,
			Model model) {
		Actor actor = Actor.current();
		LifeEvent event = MatterParams.lifeEvent(lifeEvent);
		var page = this.desk.find(actor, q, event, MatterParams.status(status), null, pageable);
		model.addAttribute("page", page);
		model.addAttribute("lifeEvents", LifeEvent.values());
		model.addAttribute("counts", this.desk.publishedByLifeEvent());
		model.addAttribute("selectedEvent", event);
		model.addAttribute("statuses", actor.kind() == Actor.Kind.STAFF ? MatterStatus.values() : new MatterStatus[0]);
		model.addAttribute("agencies", agencyNames(page.getContent().stream().map(Matter::agencyId).toList()));
		model.addAttribute("canDraft", MatterDesk.canDraft(actor));
		return "services/index";
	}

	@GetMapping("/services/matters/{id}")
	String matter(@PathVariable UUID id, Model model) {
		return detail(this.desk.visible(Actor.current(), id), model);
	}

	@GetMapping("/services/matters/new")
	String newMatter(Model model) {
		Actor actor = Actor.current();
		if (!MatterDesk.canDraft(actor)) {
			throw new UnigovException(ServiceError.MATTER_NOT_YOURS,
					"Matters are drafted by the staff of the agency that offers them.");
		}
		model.addAttribute("form", new MatterForm("", "", "", "", 20, Applicant.CITIZEN.code(), List.of(),
				rows(List.of()), materialRows(List.of()), null));
		return form(null, model);
	}

	@PostMapping("/services/matters")
	String create(@ModelAttribute("form") MatterForm form, Model model, RedirectAttributes redirect) {
		try {
			Matter matter = this.desk.create(Actor.current(), MatterForms.input(form));
			redirect.addFlashAttribute("saved", true);
			return "redirect:/services/matters/" + matter.id();
		}
		catch (UnigovException ex) {
			model.addAttribute("problem", ex);
			model.addAttribute("form", MatterForms.padded(form));
			return form(null, model);
		}
	}

	@GetMapping("/services/matters/{id}/edit")
	String edit(@PathVariable UUID id, Model model) {
		Matter matter = this.desk.visible(Actor.current(), id);
		if (!MatterDesk.canEdit(Actor.current(), matter.agencyId()) || matter.status() == MatterStatus.WITHDRAWN) {
			return "redirect:/services/matters/" + id;
		}
		model.addAttribute("form", new MatterForm(matter.name(), matter.nameEn(), matter.summary(), matter.legalBasis(),
				matter.timeLimitDays(), matter.applicant().code(), matter.lifeEvents().stream().map(LifeEvent::code).toList(),
				rows(matter.fields()), materialRows(matter.materials()), matter.version()));
		return form(matter, model);
	}

	@PostMapping("/services/matters/{id}")
	String update(@PathVariable UUID id, @ModelAttribute("form") MatterForm form, Model model,
			RedirectAttributes redirect) {
		Matter matter = this.desk.visible(Actor.current(), id);
		try {
			this.desk.update(Actor.current(), id, MatterForms.input(form), Objects.requireNonNullElse(form.version(), -1L));
			redirect.addFlashAttribute("saved", true);
			return "redirect:/services/matters/" + id;
		}
		catch (UnigovException ex) {
			model.addAttribute("problem", ex);
			model.addAttribute("form", MatterForms.padded(form));
			return form(matter, model);
		}
	}

	@PostMapping("/services/matters/{id}/publish")
	String publish(@PathVariable UUID id, @RequestParam long version, Model model, RedirectAttributes redirect) {
		return move(id, model, redirect, () -> this.desk.publish(Actor.current(), id, version));
	}

	@PostMapping("/services/matters/{id}/withdraw")
	String withdraw(@PathVariable UUID id, @RequestParam long version, Model model, RedirectAttributes redirect) {
		return move(id, model, redirect, () -> this.desk.withdraw(Actor.current(), id, version));
	}

	private String move(UUID id, Model model, RedirectAttributes redirect, Supplier<Matter> action) {
		try {
			action.get();
			redirect.addFlashAttribute("saved", true);
			return "redirect:/services/matters/" + id;
		}
		catch (UnigovException ex) {
			model.addAttribute("problem", ex);
			return detail(this.desk.visible(Actor.current(), id), model);
		}
	}

	private String detail(Matter matter, Model model) {
		Actor actor = Actor.current();
		model.addAttribute("matter", matter);
		model.addAttribute("agencies", agencyNames(List.of(matter.agencyId(), matter.decidingAgencyId())));
		model.addAttribute("entryNames", this.entryNames.byCode(
				matter.fields().stream().map(Matter.Field::entryCode).filter(Objects::nonNull).collect(Collectors.toSet())));
		boolean editor = MatterDesk.canEdit(actor, matter.agencyId());
		model.addAttribute("canEdit", editor && matter.status() != MatterStatus.WITHDRAWN);
		model.addAttribute("canPublish", MatterDesk.canPublish(actor, matter.agencyId()));
		model.addAttribute("history", editor ? this.journal.history("matter", matter.id().toString()) : List.of());
		model.addAttribute("zone", ChinaTime.ZONE);
		return "services/matter";
	}

	private String form(@Nullable Matter matter, Model model) {
		model.addAttribute("matter", matter);
		model.addAttribute("lifeEvents", LifeEvent.values());
		model.addAttribute("fieldTypes", FieldType.values());
		model.addAttribute("applicants", Applicant.values());
		return "services/form";
	}

	private Map<UUID, Agency> agencyNames(Collection<UUID> ids) {
		return this.directory.agencies(new LinkedHashSet<>(ids));
	}

	static List<FieldRow> rows(List<Matter.Field> fields) {
		List<FieldRow> rows = new ArrayList<>(fields.stream()
			.map(f -> new FieldRow(f.label(), f.labelEn(), f.type().code(), f.required(), f.entryCode(), f.itemName()))
			.toList());
		for (int i = 0; i < SPARE_ROWS; i++) {
			rows.add(new FieldRow("", "", FieldType.TEXT.code(), false, "", ""));
		}
		return rows;
	}

	static List<MaterialRow> materialRows(List<Matter.Material> materials) {
		List<MaterialRow> rows = new ArrayList<>(
				materials.stream().map(m -> new MaterialRow(m.name(), m.required(), m.licence())).toList());
		for (int i = 0; i < SPARE_ROWS; i++) {
			rows.add(new MaterialRow("", false, false));
		}
		return rows;
	}
}
