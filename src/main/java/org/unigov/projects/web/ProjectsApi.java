package org.unigov.projects.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.unigov.audit.AuditEntry;
import org.unigov.audit.AuditJournal;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.organization.Agency;
import org.unigov.projects.ProjectReviews;
import org.unigov.projects.ReviewStep;
import org.unigov.projects.Stage;
import org.unigov.projects.internal.GateResult;
import org.unigov.projects.internal.Project;
import org.unigov.projects.internal.ProjectInput;
import org.unigov.projects.internal.ProjectSettings;
import org.unigov.projects.internal.ProjectSettingsStore;
import org.unigov.projects.internal.ProjectStatus;
import org.unigov.projects.internal.Projects;
import org.unigov.projects.internal.ProposalDrafting;
import org.unigov.projects.internal.ReviewDesk;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.Coded;
import org.unigov.shared.ident.PlainText;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/** Project governance over JSON: proposals, gates, submission, reviews up the hierarchy, thresholds. */
@RestController
@RequestMapping("/api/v1/projects")
@Tag(name = "Project governance", description = "Proposals through the stages (P1), gates on submission (P2-P5), "
		+ "approval up the hierarchy with a budget review (P5), outcome targets (P7)")
class ProjectsApi {

	static final String STAFF = Access.ANY_STAFF;

	static final String AGENCIES = "hasAnyRole('AGENCY_ADMIN','AGENCY_STAFF')";

	private final Projects projects;

	private final ProposalDrafting drafting;

	private final ReviewDesk reviews;

	private final ProjectSettingsStore settings;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	ProjectsApi(Projects projects, ProposalDrafting drafting, ReviewDesk reviews, ProjectSettingsStore settings, WorkingCalendar calendar,
			AuditJournal journal) {
		this.projects = projects;
		this.drafting = drafting;
		this.reviews = reviews;
		this.settings = settings;
		this.calendar = calendar;
		this.journal = journal;
	}

	/**
	 * A project with its agency's names, the steps of its current round (with whether each is
	 * overdue) and the gates that round was submitted through.
	 */
	record ProjectView(Project project, String agencyNameZh, String agencyNameEn, List<StepView> steps,
			List<GateResult> gates) {
	}

	record StepView(ReviewStep step, boolean overdue) {
	}

	record VersionRequest(@NotNull Long version) {
	}

	record UpdateRequest(@Valid @NotNull ProjectInput project, @NotNull Long version) {
	}

	record DecisionRequest(@NotNull @Size(max = 10) String decision,
			@Nullable @Size(max = 2000) @PlainText(multiline = true) String comment, @NotNull Long version) {
	}

	record SettingsRequest(@NotNull Long countyToCityFen, @NotNull Long toProvinceFen, @NotNull Double duplicateThreshold,
			@NotNull Integer reviewDays, @NotNull Long version) {
	}

	ProjectView view(Project project) {
		Agency agency = this.projects.agencies(List.of(project.agencyId())).get(project.agencyId());
		var today = this.calendar.today();
		List<StepView> steps = project.round() == 0 ? List.of()
				: this.reviews.steps(project.id(), project.round()).stream().map(s -> new StepView(s, s.overdue(today))).toList();
		return new ProjectView(project, agency == null ? project.agencyCode() : agency.nameZh(),
				agency == null ? project.agencyCode() : agency.nameEn(), steps,
				project.round() == 0 ? List.of() : this.reviews.gateResults(project.id(), project.round()));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize(AGENCIES)
	@Operation(summary = "Write a proposal (项目申报) as a draft (audited: project.created)",
			description = "Every problem is listed in one 422 (invalid_project); targets that only count things built or "
					+ "users registered are refused on their own (output_only_targets, P7). Money is in fen.")
	ProjectView create(@Valid @RequestBody ProjectInput input) {
		return view(this.drafting.create(Actor.current(), input));
	}

	@GetMapping
	@PreAuthorize(STAFF)
	@Operation(summary = "Projects you may see, newest first",
			description = "status, stage, agencyId, division (a division's subtree), q (name, code, summary), mine=true "
					+ "(your agency's).")
	PagedModel<ProjectView> list(@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String stage, @RequestParam(required = false) @Nullable UUID agencyId,
			@RequestParam(required = false) @Nullable @Size(max = 12) String division,
			@RequestParam(required = false) @Nullable @Size(max = 100) String q,
			@RequestParam(defaultValue = "false") boolean mine, @RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		ProjectStatus parsedStatus = status == null || status.isBlank() ? null
				: Coded.parse(ProjectStatus.class, status)
					.orElseThrow(() -> new UnigovException(CommonError.INVALID_PARAMETER,
							"status is draft, in-review, returned, rejected, approved or withdrawn."));
		Stage parsedStage = stage == null || stage.isBlank() ? null
				: Coded.parse(Stage.class, stage)
					.orElseThrow(() -> new UnigovException(CommonError.INVALID_PARAMETER,
							"stage is proposal, feasibility, preliminary-design or feasibility-design."));
		if (division != null && !division.isBlank() && !division.strip().matches("\\d{6}")) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "division is a six-digit GB/T 2260 code.");
		}
		return new PagedModel<>(this.projects
			.find(Actor.current(), new Projects.ProjectFilter(parsedStatus, parsedStage, agencyId, division, q, mine),
					PageRequest.of(page, size))
			.map(this::view));
	}

	@GetMapping("/{id}")
	@PreAuthorize(STAFF)
	@Operation(summary = "A project with its current review steps and gates")
	ProjectView get(@PathVariable UUID id) {
		return view(this.projects.visible(Actor.current(), id));
	}

	@PutMapping("/{id}")
	@PreAuthorize(AGENCIES)
	@Operation(summary = "Revise a draft or returned proposal (audited: project.updated); 409 on a stale version")
	ProjectView update(@PathVariable UUID id, @Valid @RequestBody UpdateRequest request) {
		return view(this.drafting.update(Actor.current(), id, request.project(), request.version()));
	}

	@GetMapping("/{id}/gates")
	@PreAuthorize(STAFF)
	@Operation(summary = "Run the gates now without submitting: duplicate (P3), sharing (P2, C8), identity (P4), budget (P5)")
	List<GateResult> gates(@PathVariable UUID id) {
		return this.reviews.preview(Actor.current(), id);
	}

	@PostMapping("/{id}/submit")
	@PreAuthorize(AGENCIES)
	@Operation(summary = "Submit the current stage for review (audited: project.submitted)",
			description = "Returns the gate results and the review steps. A failing gate refuses the submission with 422 "
					+ "gates_failed, every gate's result under gates, and nothing written.")
	ReviewDesk.Submission submit(@PathVariable UUID id, @Valid @RequestBody VersionRequest request) {
		return this.reviews.submit(Actor.current(), id, request.version());
	}

	@PostMapping("/{id}/withdraw")
	@PreAuthorize(AGENCIES)
	@Operation(summary = "Withdraw a proposal not yet approved (audited: project.withdrawn)")
	ProjectView withdraw(@PathVariable UUID id, @Valid @RequestBody VersionRequest request) {
		return view(this.drafting.withdraw(Actor.current(), id, request.version()));
	}

	@PostMapping("/{id}/decision")
	@PreAuthorize("hasAnyRole('COORDINATOR','AUDITOR')")
	@Operation(summary = "Decide your level's review step: approve, return (comments required) or reject (reason required)",
			description = "A coordinator decides the approval step of their division, an auditor the budget review. "
					+ "Refused: your own agency's project (own_agency_project), a level not yet reached (level_not_reached), "
					+ "a stale version (409 stale_version). Audited: project.reviewed.")
	ProjectView decide(@PathVariable UUID id, @Valid @RequestBody DecisionRequest request) {
		ReviewDesk.Decision decision = ReviewDesk.Decision.parse(request.decision());
		if (decision == null) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "decision is approve, return or reject.");
		}
		return view(this.reviews.decide(Actor.current(), id, decision, request.comment(), request.version()));
	}

	@GetMapping("/{id}/reviews")
	@PreAuthorize(STAFF)
	@Operation(summary = "Every review step of every round, newest round first")
	List<ReviewStep> reviewSteps(@PathVariable UUID id) {
		return this.reviews.allSteps(Actor.current(), id);
	}

	@GetMapping("/{id}/history")
	@PreAuthorize(STAFF)
	@Operation(summary = "The audit entries of a project, newest first: its full history")
	List<AuditEntry> history(@PathVariable UUID id) {
		Project project = this.projects.visible(Actor.current(), id);
		return this.journal.history("project", project.id().toString());
	}

	@GetMapping("/reviews/queue")
	@PreAuthorize("hasAnyRole('COORDINATOR','AUDITOR')")
	@Operation(summary = "Your review queue: steps pending with your division, oldest due first",
			description = "Approvals for a coordinator, budget reviews for an auditor; overdue=true narrows to those past due.")
	PagedModel<ProjectReviews.QueueItem> queue(@RequestParam(defaultValue = "false") boolean overdue,
			@RequestParam(defaultValue = "0") @Min(0) int page, @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return new PagedModel<>(this.reviews.queue(Actor.current(), overdue, PageRequest.of(page, size)));
	}

	@GetMapping("/settings")
	@PreAuthorize(STAFF)
	@Operation(summary = "The approval thresholds (P5, in fen), the duplicate threshold (P3) and the review days")
	ProjectSettings settings() {
		return this.settings.current();
	}

	@PutMapping("/settings")
	@PreAuthorize(Access.PLATFORM_ADMIN)
	@Operation(summary = "Change the thresholds (platform admin; audited: project-settings.changed)")
	ProjectSettings changeSettings(@Valid @RequestBody SettingsRequest request) {
		return this.settings.update(Actor.current(), request.countyToCityFen(), request.toProvinceFen(),
				request.duplicateThreshold(), request.reviewDays(), request.version());
	}
}
