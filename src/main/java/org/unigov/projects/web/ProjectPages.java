package org.unigov.projects.web;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
import org.unigov.organization.Agency;
import org.unigov.projects.ReviewStep;
import org.unigov.projects.Stage;
import org.unigov.projects.StepStatus;
import org.unigov.projects.internal.BudgetKind;
import org.unigov.projects.internal.GateResult;
import org.unigov.projects.internal.IndicatorKind;
import org.unigov.projects.internal.Project;
import org.unigov.projects.internal.ProjectError;
import org.unigov.projects.internal.ProjectExecution;
import org.unigov.projects.internal.ProjectInput;
import org.unigov.projects.internal.ProjectOutcomes;
import org.unigov.projects.internal.ProjectPortfolio;
import org.unigov.projects.internal.ProjectSettingsStore;
import org.unigov.projects.internal.ProjectStatus;
import org.unigov.projects.internal.ProjectType;
import org.unigov.projects.internal.Projects;
import org.unigov.projects.internal.ProposalDrafting;
import org.unigov.projects.internal.ReviewDesk;
import org.unigov.projects.internal.StagePath;
import org.unigov.registry.FundingSource;
import org.unigov.registry.LoginMethod;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.ReusableSystems;
import org.unigov.registry.SystemId;
import org.unigov.registry.SystemRegistry;
import org.unigov.registry.Taxonomy;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.Amounts;
import org.unigov.shared.Coded;
import org.unigov.shared.NavigationEntry;
import org.unigov.shared.Role;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;
import org.unigov.shared.web.FormValues;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pages of project governance: the list, the proposal form, a project with its gates, reviews,
 * execution, acceptance and evaluation and every action its reader may take, the reviewer's queue
 * and the portfolio.
 */
@Controller
@PreAuthorize(ProjectsApi.STAFF)
class ProjectPages {

	static final ZoneId ZONE = WorkingCalendar.ZONE;

	private final Projects projects;

	private final ProposalDrafting drafting;

	private final ReviewDesk reviews;

	private final ProjectExecution execution;

	private final ProjectOutcomes outcomes;

	private final ProjectPortfolio portfolio;

	private final SystemRegistry registry;

	private final Taxonomy taxonomy;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	private final JsonMapper json;

	private final ProjectSettingsStore settings;

	private final ReusableSystems reusable;

	ProjectPages(Projects projects, ProposalDrafting drafting, ReviewDesk reviews, ProjectExecution execution, ProjectOutcomes outcomes,
			ProjectPortfolio portfolio, SystemRegistry registry, Taxonomy taxonomy, WorkingCalendar calendar,
			AuditJournal journal, JsonMapper json, ProjectSettingsStore settings,
			ReusableSystems reusable) {
		this.settings = settings;
		this.reusable = reusable;
		this.projects = projects;
		this.drafting = drafting;
		this.reviews = reviews;
		this.execution = execution;
		this.outcomes = outcomes;
		this.portfolio = portfolio;
		this.registry = registry;
		this.taxonomy = taxonomy;
		this.calendar = calendar;
		this.journal = journal;
		this.json = json;
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavigationEntry projectsNavigation() {
			return new NavigationEntry("projects", "/projects", Set.of(Role.PLATFORM_ADMIN, Role.COORDINATOR, Role.AUDITOR,
					Role.AGENCY_ADMIN, Role.AGENCY_STAFF));
		}
	}

	/** A project in a list, with its agency's name in the page's language. */
	public record Row(Project project, String agency) {
	}

	@ModelAttribute
	void common(Model model) {
		Actor actor = Actor.current();
		model.addAttribute("zone", ZONE);
		model.addAttribute("today", this.calendar.today());
		model.addAttribute("isAgency", actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF));
		model.addAttribute("isReviewer", actor.hasAny(Role.COORDINATOR, Role.AUDITOR));
		model.addAttribute("isOverseer", ProjectPortfolio.canView(actor));
	}

	List<Row> rows(List<Project> list) {
		Locale locale = LocaleContextHolder.getLocale();
		Map<UUID, Agency> agencies = this.projects.agencies(list.stream().map(Project::agencyId).toList());
		return list.stream()
			.map(p -> new Row(p, agencies.containsKey(p.agencyId()) ? agencies.get(p.agencyId()).name(locale) : p.agencyCode()))
			.toList();
	}

	@GetMapping("/projects")
	String index(@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String stage,
			@RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "0") int page, Model model) {
		Actor actor = Actor.current();
		ProjectStatus parsedStatus = Coded.parse(ProjectStatus.class, status).orElse(null);
		Stage parsedStage = Coded.parse(Stage.class, stage).orElse(null);
		var found = this.projects.find(actor, new Projects.ProjectFilter(parsedStatus, parsedStage, null, null,
				q == null ? null : q.length() > 100 ? q.substring(0, 100) : q, false), PageRequest.of(Math.max(0, page), 20));
		model.addAttribute("page", found);
		model.addAttribute("rows", rows(found.getContent()));
		model.addAttribute("statuses", ProjectStatus.values());
		model.addAttribute("stages", Stage.values());
		return "projects/index";
	}

	// ---- the proposal form --------------------------------------------------------------------

	private String form(Model model, @Nullable Project project) {
		Actor actor = Actor.current();
		Locale locale = LocaleContextHolder.getLocale();
		model.addAttribute("project", project);
		model.addAttribute("types", ProjectType.values());
		model.addAttribute("paths", StagePath.values());
		model.addAttribute("signIns", LoginMethod.values());
		model.addAttribute("kinds", BudgetKind.values());
		model.addAttribute("sources", FundingSource.values());
		model.addAttribute("indicators", IndicatorKind.values());
		model.addAttribute("capabilities", this.taxonomy.capabilities()
			.stream()
			.map(c -> Map.of("code", c.code(), "name", c.name(locale)))
			.toList());
		List<RegisteredSystem> own = actor.agencyId() == null ? List.of()
				: this.registry.findAll(actor, new SystemRegistry.SystemFilter(null, actor.agencyId(), null, null, null, null,
						null), Sort.by("name"));
		model.addAttribute("systems", own);
		// the registered systems the project reuses, for the registry's picker
		List<UUID> chosen = new ArrayList<>();
		if (model.getAttribute("form") instanceof ProjectForm f) {
			for (String s : f.getReuseSystemIds()) {
				try {
					chosen.add(UUID.fromString(s.strip()));
				}
				catch (IllegalArgumentException ex) {
					// the form reports it
				}
			}
		}
		model.addAttribute("reuseChosen", this.reusable.get(chosen));
		return "projects/form";
	}

	@GetMapping("/projects/new")
	@PreAuthorize(ProjectsApi.AGENCIES)
	String newProject(Model model) {
		if (!model.containsAttribute("form")) {
			ProjectForm form = new ProjectForm();
			form.getBudgetKind().set(0, "build");
			form.getBudgetYear().set(0, String.valueOf(this.calendar.today().getYear() + 1));
			form.getBudgetSource().set(0, "county-fiscal");
			model.addAttribute("form", form);
		}
		return form(model, null);
	}

	@PostMapping("/projects")
	@PreAuthorize(ProjectsApi.AGENCIES)
	String create(@ModelAttribute("form") ProjectForm form, Model model, RedirectAttributes redirect) {
		List<FieldProblem> problems = new ArrayList<>();
		ProjectInput input = form.input(problems);
		try {
			ActionForms.refuseIf(problems, ProjectError.INVALID_PROJECT);
			Project project = this.drafting.create(Actor.current(), input);
			redirect.addFlashAttribute("done", "created");
			return "redirect:/projects/" + project.id();
		}
		catch (UnigovException ex) {
			model.addAttribute("error", ex);
			return form(model, null);
		}
	}

	@GetMapping("/projects/{id}/edit")
	@PreAuthorize(ProjectsApi.AGENCIES)
	String edit(@PathVariable UUID id, Model model) {
		Project project = this.projects.visible(Actor.current(), id);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", ProjectForm.of(project));
		}
		return form(model, project);
	}

	@PostMapping("/projects/{id}")
	@PreAuthorize(ProjectsApi.AGENCIES)
	String update(@PathVariable UUID id, @RequestParam long version, @ModelAttribute("form") ProjectForm form, Model model,
			RedirectAttributes redirect) {
		Project project = this.projects.visible(Actor.current(), id);
		List<FieldProblem> problems = new ArrayList<>();
		ProjectInput input = form.input(problems);
		try {
			ActionForms.refuseIf(problems, ProjectError.INVALID_PROJECT);
			this.drafting.update(Actor.current(), id, input, version);
			redirect.addFlashAttribute("done", "updated");
			return "redirect:/projects/" + id;
		}
		catch (UnigovException ex) {
			model.addAttribute("error", ex);
			return form(model, project);
		}
	}

	// ---- one project --------------------------------------------------------------------------

	@GetMapping("/projects/{id}")
	String project(@PathVariable UUID id, Model model) {
		Actor actor = Actor.current();
		Project project = this.projects.visible(actor, id);
		Locale locale = LocaleContextHolder.getLocale();
		model.addAttribute("p", project);
		model.addAttribute("agency", rows(List.of(project)).getFirst().agency());
		List<ReviewStep> steps = project.round() == 0 ? List.of() : this.reviews.steps(id, project.round());
		model.addAttribute("steps", steps);
		// the gates: those of the submission under review, or as they would run now on a draft
		List<GateResult> gates = project.editable() ? this.reviews.preview(actor, id)
				: project.round() == 0 ? List.of() : this.reviews.gateResults(id, project.round());
		if (!model.containsAttribute("gates")) {
			model.addAttribute("gates", gates);
		}
		model.addAttribute("gatesPreview", project.editable());
		model.addAttribute("canEdit", Projects.canWrite(actor, project.agencyId()) && project.editable());
		model.addAttribute("canWithdraw", Projects.canWrite(actor, project.agencyId())
				&& Set.of(ProjectStatus.DRAFT, ProjectStatus.RETURNED, ProjectStatus.IN_REVIEW).contains(project.status()));
		ReviewStep mine = steps.stream()
			.filter(s -> s.status() == StepStatus.PENDING && s.divisionCode().equals(actor.divisionCode())
					&& (s.kind() == ReviewStep.Kind.APPROVAL ? actor.has(Role.COORDINATOR) : actor.has(Role.AUDITOR)))
			.findFirst()
			.orElse(null);
		model.addAttribute("myStep", mine);
		model.addAttribute("ownAgency", project.agencyId().equals(actor.agencyId()));
		boolean delivering = Set.of(ProjectStatus.APPROVED, ProjectStatus.ACCEPTED).contains(project.status());
		model.addAttribute("delivering", delivering);
		if (delivering) {
			ProjectExecution.Execution done = this.execution.execution(actor, id);
			model.addAttribute("execution", done);
			if (!model.containsAttribute("milestoneRows")) {
				model.addAttribute("milestoneRows", MilestoneRows.of(done.milestones()));
			}
			model.addAttribute("acceptance", this.outcomes.acceptance(actor, id));
			model.addAttribute("evaluations", this.outcomes.evaluations(actor, id));
			model.addAttribute("canExecute", Projects.canWrite(actor, project.agencyId()));
			model.addAttribute("decidesAcceptance", actor.has(Role.COORDINATOR)
					&& this.reviews.topDivision(project).equals(actor.divisionCode()));
			model.addAttribute("canEvaluate", actor.has(Role.COORDINATOR) && actor.covers(project.divisionCode()));
			model.addAttribute("systems", actor.agencyId() == null ? List.of()
					: this.registry.findAll(actor, new SystemRegistry.SystemFilter(null, project.agencyId(), null, null, null,
							null, null), Sort.by("name")));
		}
		model.addAttribute("delivered", project.deliveredSystemId() == null ? null
				: this.registry.get(new SystemId(project.deliveredSystemId())).orElse(null));
		model.addAttribute("capabilityNames", project.capabilities().stream().map(c -> this.taxonomy.name(c, locale)).toList());
		model.addAttribute("reused", this.reusable.get(project.reuseSystemIds()));
		model.addAttribute("history", this.journal.history("project", id.toString()));
		return "projects/project";
	}

	@PostMapping("/projects/{id}/{action}")
	String act(@PathVariable UUID id, @PathVariable String action, @RequestParam Map<String, String> form,
			RedirectAttributes redirect) {
		Actor actor = Actor.current();
		long version = FormValues.integer(form.get("version")) == null ? -1 : Long.parseLong(form.get("version").strip());
		try {
			perform(actor, id, action, version, form);
			redirect.addFlashAttribute("done", action);
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
			if ("milestones".equals(action)) {
				// the plan as the user typed it, to correct rather than type again
				redirect.addFlashAttribute("milestoneRows", MilestoneRows.withBlanks(MilestoneRows.read(form)));
			}
			Object gates = ex.properties().get("gates");
			if (gates != null) {
				redirect.addFlashAttribute("gates", gates);
			}
		}
		return "redirect:/projects/" + id;
	}

	private void perform(Actor actor, UUID id, String action, long version, Map<String, String> form) {
		switch (action) {
			case "submit" -> this.reviews.submit(actor, id, version);
			case "withdraw" -> this.drafting.withdraw(actor, id, version);
			case "decision" -> this.reviews.decide(actor, id, ActionForms.decision(form), form.get("comment"), version);
			case "spend" -> this.execution.recordSpend(actor, id, FormValues.date(form.get("spentOn")), form.get("kind"),
					ActionForms.spendFen(form), form.get("note"));
			case "milestones" -> this.execution.planMilestones(actor, id, ActionForms.milestones(form), version);
			case "delivered" -> this.execution.deliver(actor, id, ActionForms.uuid(form.get("systemId")),
					FormValues.date(form.get("goLiveDate")), version);
			case "acceptance" -> this.outcomes.requestAcceptance(actor, id, ActionForms.declarations(form));
			case "acceptance-decision" -> this.outcomes.decideAcceptance(actor, id, "accept".equals(form.get("decision")),
					form.get("comment"), version);
			case "evaluate" -> this.outcomes.evaluate(actor, id, ActionForms.reported(form));
			default -> throw new UnigovException(CommonError.NOT_FOUND, "No action " + action + ".");
		}
	}

	// ---- reviewers ----------------------------------------------------------------------------

	@GetMapping("/projects/reviews")
	@PreAuthorize("hasAnyRole('COORDINATOR','AUDITOR')")
	String queue(@RequestParam(defaultValue = "false") boolean overdue, @RequestParam(defaultValue = "0") int page,
			Model model) {
		model.addAttribute("overdue", overdue);
		model.addAttribute("page", this.reviews.queue(Actor.current(), overdue, PageRequest.of(Math.max(0, page), 20)));
		return "projects/queue";
	}

	/** The approval thresholds (P5) and review days: everyone reads them, the platform admin changes them. */
	@GetMapping("/projects/settings")
	String settings(Model model) {
		model.addAttribute("settings", this.settings.current());
		model.addAttribute("canChange", Actor.current().has(Role.PLATFORM_ADMIN));
		return "projects/settings";
	}

	@PostMapping("/projects/settings")
	@PreAuthorize(Access.PLATFORM_ADMIN)
	String changeSettings(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
		try {
			List<FieldProblem> problems = new ArrayList<>();
			var city = Amounts.fen("countyToCityFen", form.get("countyToCityYuan"));
			var province = Amounts.fen("toProvinceFen", form.get("toProvinceYuan"));
			for (var read : List.of(city, province)) {
				if (read.problem() != null) {
					problems.add(read.problem());
				}
			}
			Double threshold = null;
			try {
				threshold = Double.valueOf(form.getOrDefault("duplicateThreshold", "").strip());
			}
			catch (NumberFormatException ex) {
				problems.add(new FieldProblem("duplicateThreshold", "invalid_threshold", "Not a number."));
			}
			Integer days = FormValues.integer(form.get("reviewDays"));
			ActionForms.refuseIf(problems, ProjectError.INVALID_SETTINGS);
			this.settings.update(Actor.current(), city.value(), province.value(), threshold, days == null ? 0 : days,
					FormValues.integer(form.get("version")) == null ? -1 : Long.parseLong(form.get("version").strip()));
			redirect.addFlashAttribute("done", "settings");
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
		}
		return "redirect:/projects/settings";
	}

	@GetMapping("/projects/portfolio")
	@PreAuthorize(Access.OVERSEERS)
	String portfolio(@RequestParam(required = false) @Nullable String division, Model model) {
		String wanted = division != null && division.strip().matches("\\d{6}") ? division.strip() : null;
		ProjectPortfolio.Portfolio view = this.portfolio.portfolio(Actor.current(), wanted);
		model.addAttribute("portfolio", view);
		model.addAttribute("division", wanted);
		Map<String, Object> chart = new LinkedHashMap<>();
		Locale locale = LocaleContextHolder.getLocale();
		List<String> stages = new ArrayList<>();
		List<Long> counts = new ArrayList<>();
		for (Stage stage : Stage.values()) {
			stages.add("zh".equals(locale.getLanguage()) ? stage.labelZh() : stage.labelEn());
			counts.add(view.pipeline().stream().filter(s -> s.stage().equals(stage.code())).mapToLong(ProjectPortfolio.StageCount::projects).sum());
		}
		chart.put("stages", stages);
		chart.put("counts", counts);
		model.addAttribute("chart", this.json.writeValueAsString(chart));
		return "projects/portfolio";
	}
}
