package org.unigov.projects.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.organization.Division;
import org.unigov.projects.ProjectDecided;
import org.unigov.projects.ProjectReviews;
import org.unigov.projects.ReviewAwaited;
import org.unigov.projects.ReviewStep;
import org.unigov.projects.Stage;
import org.unigov.projects.StepStatus;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.problem.UnigovException;

/**
 * The review of submissions (P1, P5). Submitting runs the gates; a {@code fail} refuses it and
 * nothing is written. A submission that passes gets one approval step per level on its route,
 * lowest first, each pending only once the one below has approved (no level is skipped), and a
 * budget review by the auditor of the highest level beside them. A coordinator decides the step of
 * their own division, an auditor the budget step of theirs — never for a project of their own
 * agency. Return for revision (comment required) and reject (reason required) end the round; a
 * returned project is revised and submitted again. When every step of a round has approved, the
 * project moves to its next stage, or is approved after the last (P1). Each decision names the
 * version it was made on: a decision on a stale version gets 409.
 */
@Service
@Transactional
public class ReviewDesk {

	private final Projects projects;

	private final ProjectGates gates;

	private final ProjectSettingsStore settings;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	private final Proposals proposals;

	private final ReviewSteps reviewSteps;

	private final GateResults gateResults;

	ReviewDesk(Projects projects, ProjectGates gates, ProjectSettingsStore settings, WorkingCalendar calendar,
			AuditJournal journal, ApplicationEventPublisher events, Proposals proposals, ReviewSteps reviewSteps,
			GateResults gateResults) {
		this.proposals = proposals;
		this.gateResults = gateResults;
		this.reviewSteps = reviewSteps;
		this.projects = projects;
		this.gates = gates;
		this.settings = settings;
		this.calendar = calendar;
		this.journal = journal;
		this.events = events;
	}

	/** What a reviewer decides. */
	public enum Decision {

		APPROVE, RETURN, REJECT;

		/** The status the decided step gets. */
		String stepStatus() {
			return switch (this) {
				case APPROVE -> "approved";
				case RETURN -> "returned";
				case REJECT -> "rejected";
			};
		}

		public static @Nullable Decision parse(@Nullable String text) {
			if (text == null) {
				return null;
			}
			for (Decision d : values()) {
				if (d.name().equalsIgnoreCase(text.strip())) {
					return d;
				}
			}
			return null;
		}
	}

	/** A submission's outcome: the project as it now is and the gates it passed. */
	public record Submission(Project project, List<GateResult> gates, List<ReviewStep> steps) {
	}

	// ---- submitting ---------------------------------------------------------------------------

	/** The gates as they would run now, without submitting (the agency's check before it submits). */
	@Transactional(readOnly = true)
	public List<GateResult> preview(Actor actor, UUID id) {
		Project project = this.projects.visible(actor, id);
		return this.gates.run(actor, project);
	}

	/**
	 * Submits the current stage's document for review (audited: project.submitted). A failing gate
	 * refuses the submission with every gate's result and writes nothing.
	 */
	public Submission submit(Actor actor, UUID id, long expectedVersion) {
		Project project = this.projects.visible(actor, id);
		if (!Projects.canWrite(actor, project.agencyId())) {
			throw new UnigovException(ProjectError.NOT_YOUR_PROJECT, "Only the proposing agency submits its proposal.");
		}
		if (!project.editable()) {
			throw new UnigovException(ProjectError.WRONG_STATE, "Project " + project.code() + " is "
					+ project.status().code() + ": only a draft or a returned proposal is submitted.");
		}
		if (project.version() != expectedVersion) {
			Projects.requireUpdated(0, project, expectedVersion);
		}
		List<GateResult> results = this.gates.run(actor, project);
		if (GateResult.worst(results) == GateOutcome.FAIL) {
			List<String> failed = results.stream().filter(g -> g.outcome() == GateOutcome.FAIL).map(GateResult::gate).toList();
			throw new UnigovException(ProjectError.GATES_FAILED, "The submission is refused: the " + String.join(", ", failed)
					+ " gate(s) failed. Correct the proposal and submit again.", Map.of("gates", results));
		}
		ProjectSettings current = this.settings.current();
		List<Integer> route = current.route(project.divisionLevel(), project.totalFen());
		List<Division> divisions = this.gates.divisions(project.divisionCode(), route);
		int round = project.round() + 1;
		Project submitted = this.proposals.submit(project, round, route, expectedVersion).orElse(null);
		Projects.requireUpdated(submitted == null ? 0 : 1, project, expectedVersion);
		this.gateResults.insert(id, round, results);
		LocalDate due = this.calendar.addWorkingDays(this.calendar.today(), current.reviewDays()).due();
		List<ReviewStep> steps = new ArrayList<>();
		for (int i = 0; i < route.size(); i++) {
			steps.add(this.reviewSteps.insert(id, round, project.stage(), ReviewStep.Kind.APPROVAL, route.get(i),
					divisions.get(i).code(), i, i == 0, due));
		}
		steps.add(this.reviewSteps.insert(id, round, project.stage(), ReviewStep.Kind.BUDGET, route.getLast(),
				divisions.getLast().code(), 0, true, due));
		this.events.publishEvent(new ReviewAwaited(id, project.code(), project.name(), project.agencyId(),
				divisions.getFirst().code(), ReviewStep.Kind.APPROVAL.code(), due));
		this.events.publishEvent(new ReviewAwaited(id, project.code(), project.name(), project.agencyId(),
				divisions.getLast().code(), ReviewStep.Kind.BUDGET.code(), due));
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("code", project.code());
		details.put("round", round);
		details.put("stage", project.stage().code());
		details.put("totalFen", project.totalFen());
		details.put("route", divisions.stream().map(Division::code).toList());
		Map<String, String> outcomes = new LinkedHashMap<>();
		results.forEach(g -> outcomes.put(g.gate(), g.outcome().code()));
		details.put("gates", outcomes);
		this.journal.append(actor, AuditRecord.of("project.submitted", Projects.SUBJECT, id, project.divisionCode(), details));
		return new Submission(submitted, results, steps);
	}

	// ---- deciding -----------------------------------------------------------------------------

	/**
	 * A coordinator's decision on their level's approval step, or an auditor's on the budget step
	 * (audited: project.reviewed). {@code comment} is required to return or reject.
	 */
	public Project decide(Actor actor, UUID id, Decision decision, @Nullable String comment, long expectedVersion) {
		Project project = this.projects.visible(actor, id);
		ReviewStep step = reviewersStep(actor, project, expectedVersion);
		String note = note(decision, comment);
		Project current = this.proposals.touch(project, expectedVersion).orElse(null);
		Projects.requireUpdated(current == null ? 0 : 1, project, expectedVersion);
		this.reviewSteps.decide(step.id(), decision.stepStatus(), actor, note);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("code", project.code());
		details.put("round", project.round());
		details.put("stage", project.stage().code());
		details.put("step", step.kind().code());
		details.put("level", step.level());
		details.put("decision", decision.name().toLowerCase(Locale.ROOT));
		if (note != null) {
			details.put("comment", note);
		}
		if (decision == Decision.APPROVE) {
			current = approved(current, step, details);
		}
		else {
			this.reviewSteps.cancelRound(id, project.round());
			current = this.proposals.close(current, decision == Decision.REJECT);
			details.put("result", decision == Decision.RETURN ? "returned" : "rejected");
		}
		this.journal.append(actor, AuditRecord.of("project.reviewed", Projects.SUBJECT, id, project.divisionCode(), details));
		if (details.get("result") instanceof String result) {
			this.events.publishEvent(new ProjectDecided(id, project.code(), project.name(), project.agencyId(), result));
		}
		return current;
	}

	/**
	 * The actor's pending step of the project's round: a coordinator's approval or an auditor's
	 * budget review for their division, never on their own agency's project, no level skipped (P5).
	 */
	private ReviewStep reviewersStep(Actor actor, Project project, long expectedVersion) {
		Set<ReviewStep.Kind> kinds = EnumSet.noneOf(ReviewStep.Kind.class);
		if (actor.has(Role.COORDINATOR)) {
			kinds.add(ReviewStep.Kind.APPROVAL);
		}
		if (actor.has(Role.AUDITOR)) {
			kinds.add(ReviewStep.Kind.BUDGET);
		}
		if (kinds.isEmpty()) {
			throw new UnigovException(ProjectError.NOT_YOUR_REVIEW,
					"Projects are approved by coordinators (统筹部门) and their budgets reviewed by auditors.");
		}
		if (project.status() != ProjectStatus.IN_REVIEW) {
			throw new UnigovException(ProjectError.WRONG_STATE,
					"Project " + project.code() + " is " + project.status().code() + ", not in review.");
		}
		if (project.version() != expectedVersion) {
			Projects.requireUpdated(0, project, expectedVersion);
		}
		// the actor's step of this round: a pending one first, for someone who both approves and audits
		List<ReviewStep> mine = this.reviewSteps.round(project.id(), project.round()).stream()
			.filter(s -> kinds.contains(s.kind()) && s.divisionCode().equals(actor.divisionCode()))
			.sorted(Comparator.comparing((ReviewStep s) -> s.status() != StepStatus.PENDING))
			.toList();
		if (mine.isEmpty()) {
			throw new UnigovException(ProjectError.NOT_YOUR_REVIEW, "Project " + project.code()
					+ " has no review step for your division and role in this round (P5).");
		}
		ReviewStep step = mine.getFirst();
		if (project.agencyId().equals(actor.agencyId())) {
			throw new UnigovException(ProjectError.OWN_AGENCY,
					"No one decides on their own agency's project (P5): another reviewer of this level must decide.");
		}
		if (step.status() == StepStatus.WAITING) {
			throw new UnigovException(ProjectError.LEVEL_NOT_REACHED, "The " + ProjectGates.levelName(step.level() + 1)
					+ " level has not yet approved project " + project.code() + ": no level is skipped (P5).");
		}
		if (step.status() != StepStatus.PENDING) {
			throw new UnigovException(ProjectError.WRONG_STATE,
					"Your step on project " + project.code() + " is already " + step.status().code() + ".");
		}
		return step;
	}

	/** The reviewer's comment, stripped; required to return or reject. */
	private static @Nullable String note(Decision decision, @Nullable String comment) {
		String note = comment == null || comment.isBlank() ? null : comment.strip();
		if (decision != Decision.APPROVE && note == null) {
			throw new UnigovException(ProjectError.COMMENT_REQUIRED, decision == Decision.RETURN
					? "Say what to revise: a return for revision needs comments." : "A rejection needs its reason.");
		}
		if (note != null && note.length() > 2000) {
			throw new UnigovException(ProjectError.COMMENT_REQUIRED, "A comment is at most 2000 characters.");
		}
		return note;
	}

	/**
	 * After an approval the next level's step becomes pending; when no step of the round is open,
	 * the stage is approved (P1): the project goes on to the next stage or is approved.
	 */
	private Project approved(Project project, ReviewStep step, Map<String, Object> details) {
		UUID id = project.id();
		if (step.kind() == ReviewStep.Kind.APPROVAL) {
			LocalDate due = this.calendar.addWorkingDays(this.calendar.today(), this.settings.current().reviewDays()).due();
			this.reviewSteps.activateNext(id, project.round(), step.position() + 1, due)
				.ifPresent(next -> this.events.publishEvent(new ReviewAwaited(id, project.code(), project.name(),
						project.agencyId(), next, ReviewStep.Kind.APPROVAL.code(), due)));
		}
		if (this.reviewSteps.openCount(id, project.round()) > 0) {
			return project;
		}
		Stage next = Projects.nextStage(project.path(), project.stage());
		if (next == null) {
			details.put("result", "approved");
			return this.proposals.approve(project);
		}
		details.put("result", "stage-approved");
		details.put("nextStage", next.code());
		return this.proposals.nextStage(project, next);
	}

	/** The division of the highest level that approved (or is to approve) the project. */
	public String topDivision(Project project) {
		List<Integer> route = project.route().isEmpty()
				? this.settings.current().route(project.divisionLevel(), project.totalFen()) : project.route();
		return this.gates.divisions(project.divisionCode(), route).getLast().code();
	}

	// ---- reading ------------------------------------------------------------------------------

	/** The steps of one round, approvals lowest level first, then the budget review. */
	@Transactional(readOnly = true)
	public List<ReviewStep> steps(UUID projectId, int round) {
		return this.reviewSteps.round(projectId, round);
	}

	/** Every step of every round, newest round first: the project's review history. */
	@Transactional(readOnly = true)
	public List<ReviewStep> allSteps(Actor actor, UUID projectId) {
		this.projects.visible(actor, projectId);
		return this.reviewSteps.all(projectId);
	}

	/** The gates of one submission as they were run then (empty before the first). */
	@Transactional(readOnly = true)
	public List<GateResult> gateResults(UUID projectId, int round) {
		return this.gateResults.round(projectId, round);
	}

	/**
	 * The reviewer's queue: the steps pending with the actor's division — approvals for a
	 * coordinator, budget reviews for an auditor — oldest due first; {@code overdue} narrows to
	 * those past their due date.
	 */
	@Transactional(readOnly = true)
	public Page<ProjectReviews.QueueItem> queue(Actor actor, boolean overdue, Pageable pageable) {
		List<String> kinds = new ArrayList<>();
		if (actor.has(Role.COORDINATOR)) {
			kinds.add("approval");
		}
		if (actor.has(Role.AUDITOR)) {
			kinds.add("budget");
		}
		if (kinds.isEmpty() || actor.divisionCode() == null) {
			return Page.empty(pageable);
		}
		LocalDate today = this.calendar.today();
		return this.reviewSteps.queue(actor.divisionCode(), kinds, overdue ? today : null, today, pageable);
	}
}
