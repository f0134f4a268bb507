package org.unigov.projects.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
import org.unigov.calendar.WorkingCalendar;
import org.unigov.projects.internal.Project;
import org.unigov.projects.internal.ProjectExecution;
import org.unigov.projects.internal.ProjectOutcomes;
import org.unigov.projects.internal.ProjectPortfolio;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.ident.PlainText;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/** After approval over JSON: execution with variances (milestones, spend), acceptance (P6), evaluation (P7), portfolio. */
@RestController
@RequestMapping("/api/v1/projects")
@Tag(name = "Project governance")
class ProjectDeliveryApi {

	private final ProjectExecution execution;

	private final ProjectOutcomes outcomes;

	private final ProjectPortfolio portfolio;

	private final WorkingCalendar calendar;

	ProjectDeliveryApi(ProjectExecution execution, ProjectOutcomes outcomes, ProjectPortfolio portfolio,
			WorkingCalendar calendar) {
		this.calendar = calendar;
		this.execution = execution;
		this.outcomes = outcomes;
		this.portfolio = portfolio;
	}

	record MilestonesRequest(@NotNull @Size(max = 50) List<ProjectExecution.@Valid MilestoneInput> milestones,
			@NotNull Long version) {
	}

	record SpendRequest(@Nullable LocalDate spentOn, @Nullable @Size(max = 10) String kind, @Nullable Long amountFen,
			@Nullable @Size(max = 200) @PlainText String note) {
	}

	record DeliveredRequest(@NotNull UUID systemId, @Nullable LocalDate goLiveDate, @NotNull Long version) {
	}

	record AcceptanceRequest(@Nullable @Size(max = 500) @PlainText(multiline = true) String securityAssessment,
			@Nullable @Size(max = 500) @PlainText(multiline = true) String finalAccounts) {
	}

	record AcceptanceDecision(@NotNull @Size(max = 10) String decision,
			@Nullable @Size(max = 2000) @PlainText(multiline = true) String comment, @NotNull Long version) {
	}

	record EvaluationRequest(@Nullable @Size(max = 20) Map<Integer, BigDecimal> reported) {
	}

	// ---- execution ----------------------------------------------------------------------------

	@GetMapping("/{id}/execution")
	@PreAuthorize(ProjectsApi.STAFF)
	@Operation(summary = "Milestones, spend, and the variances and risk rating computed from them (docs/projects.md)")
	ProjectExecution.Execution execution(@PathVariable UUID id) {
		return this.execution.execution(Actor.current(), id);
	}

	@PutMapping("/{id}/milestones")
	@PreAuthorize(ProjectsApi.AGENCIES)
	@Operation(summary = "Plan the milestones of an approved project: weights in whole percents summing to 100 (audited)")
	ProjectExecution.Execution milestones(@PathVariable UUID id, @Valid @RequestBody MilestonesRequest request) {
		return this.execution.planMilestones(Actor.current(), id, request.milestones(), request.version());
	}

	@PostMapping("/{id}/spend")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize(ProjectsApi.AGENCIES)
	@Operation(summary = "Record money spent, in fen; a correction is negative with a note (audited: project.spend-recorded)")
	ProjectExecution.Execution spend(@PathVariable UUID id, @Valid @RequestBody SpendRequest request) {
		return this.execution.recordSpend(Actor.current(), id, request.spentOn(), request.kind(), request.amountFen(),
				request.note());
	}

	@PostMapping("/{id}/delivered")
	@PreAuthorize(ProjectsApi.AGENCIES)
	@Operation(summary = "Name the registered system the project delivered and its go-live date (audited: project.delivered)")
	Project delivered(@PathVariable UUID id, @Valid @RequestBody DeliveredRequest request) {
		return this.execution.deliver(Actor.current(), id, request.systemId(), request.goLiveDate(), request.version());
	}

	// ---- acceptance (P6) ----------------------------------------------------------------------

	@GetMapping("/{id}/acceptance")
	@PreAuthorize(ProjectsApi.STAFF)
	@Operation(summary = "The latest acceptance request with its checklist, or the checklist as the facts stand now (P6)")
	ProjectOutcomes.Acceptance acceptance(@PathVariable UUID id) {
		return this.outcomes.acceptance(Actor.current(), id);
	}

	@PostMapping("/{id}/acceptance")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize(ProjectsApi.AGENCIES)
	@Operation(summary = "Ask for acceptance (验收): the checklist is computed from platform facts; declarations are kept as declared")
	ProjectOutcomes.Acceptance requestAcceptance(@PathVariable UUID id, @Valid @RequestBody AcceptanceRequest request) {
		Map<String, String> declarations = new LinkedHashMap<>();
		if (request.securityAssessment() != null) {
			declarations.put("security_assessment", request.securityAssessment());
		}
		if (request.finalAccounts() != null) {
			declarations.put("final_accounts", request.finalAccounts());
		}
		return this.outcomes.requestAcceptance(Actor.current(), id, declarations);
	}

	@PostMapping("/{id}/acceptance/decision")
	@PreAuthorize("hasRole('COORDINATOR')")
	@Operation(summary = "Accept or refuse (reason required); accepting needs every verified item to pass (P6)")
	ProjectOutcomes.Acceptance decideAcceptance(@PathVariable UUID id, @Valid @RequestBody AcceptanceDecision request) {
		String decision = request.decision().strip().toLowerCase(Locale.ROOT);
		if (!List.of("accept", "refuse").contains(decision)) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "decision is accept or refuse.");
		}
		return this.outcomes.decideAcceptance(Actor.current(), id, decision.equals("accept"), request.comment(),
				request.version());
	}

	// ---- evaluation (P7) ----------------------------------------------------------------------

	@GetMapping("/{id}/evaluations")
	@PreAuthorize(ProjectsApi.STAFF)
	@Operation(summary = "The project's evaluation reports, newest first")
	List<ProjectOutcomes.Evaluation> evaluations(@PathVariable UUID id) {
		return this.outcomes.evaluations(Actor.current(), id);
	}

	@PostMapping("/{id}/evaluations")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasRole('COORDINATOR')")
	@Operation(summary = "Evaluate the outcome targets against measured use and keep the report (P7; audited)",
			description = "reported: the agency's values for targets the platform cannot measure, by target line (1-based); "
					+ "they are marked self-reported.")
	ProjectOutcomes.Evaluation evaluate(@PathVariable UUID id, @Valid @RequestBody EvaluationRequest request) {
		return this.outcomes.evaluate(Actor.current(), id, request.reported() == null ? Map.of() : request.reported());
	}

	// ---- portfolio ----------------------------------------------------------------------------

	@GetMapping("/portfolio")
	@PreAuthorize(Access.OVERSEERS)
	@Operation(summary = "Portfolio of your division's subtree: pipeline, spend by division, agency and capability, "
			+ "overdue reviews, failing gates, zombies")
	ProjectPortfolio.Portfolio portfolio(@RequestParam(required = false) @Nullable @Size(max = 12) String division) {
		checkDivision(division);
		return this.portfolio.portfolio(Actor.current(), division);
	}

	@GetMapping("/portfolio/export")
	@PreAuthorize(Access.OVERSEERS)
	@Operation(summary = "Every project of your scope as an XLSX workbook (amounts in yuan); lang=zh-CN (default) or en")
	void export(@RequestParam(required = false) @Nullable @Size(max = 12) String division,
			@RequestParam(defaultValue = "zh-CN") String lang, HttpServletResponse response) throws IOException {
		checkDivision(division);
		Locale locale = lang.toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
		// the scope check runs before anything is written to the response
		this.portfolio.scope(Actor.current(), division);
		response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
			.filename("unigov-projects-" + this.calendar.today() + ".xlsx")
			.build()
			.toString());
		this.portfolio.xlsx(Actor.current(), division, locale, response.getOutputStream());
	}

	private static void checkDivision(@Nullable String division) {
		if (division != null && !division.isBlank() && !division.strip().matches("\\d{6}")) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "division is a six-digit GB/T 2260 code.");
		}
	}
}
