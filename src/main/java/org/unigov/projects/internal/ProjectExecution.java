package org.unigov.projects.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemId;
import org.unigov.registry.SystemRegistry;
import org.unigov.shared.Actor;
import org.unigov.shared.Amounts;
import org.unigov.shared.Coded;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/**
 * Execution of an approved project: milestones with their share of the budget and planned and
 * actual dates, money actually spent, and the variances and risk rating computed from them — never
 * typed in (docs/projects.md explains the formula). The proposing agency plans and records; every
 * change is audited.
 */
@Service
@Transactional
public class ProjectExecution {

	static final int MAX_MILESTONES = 50;

	private final Proposals proposals;

	private final Milestones milestones;

	private final Spending spending;

	private final Projects projects;

	private final SystemRegistry registry;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	ProjectExecution(Proposals proposals, Milestones milestones, Spending spending, Projects projects,
			SystemRegistry registry, WorkingCalendar calendar, AuditJournal journal) {
		this.proposals = proposals;
		this.milestones = milestones;
		this.spending = spending;
		this.projects = projects;
		this.registry = registry;
		this.calendar = calendar;
		this.journal = journal;
	}

	public record Milestone(String name, LocalDate planned, @Nullable LocalDate actual, int weightPct) {
	}

	public record MilestoneInput(@Nullable String name, @Nullable LocalDate planned, @Nullable LocalDate actual,
			@Nullable Integer weightPct) {
	}

	public record Spend(UUID id, LocalDate spentOn, BudgetKind kind, long amountFen, String note, String recordedBy,
			Instant recordedAt) {
	}

	/**
	 * Earned-value figures in fen (budget at completion, planned value, earned value, actual cost
	 * and the two variances), their indices, the cost overrun and schedule slip in percent, and the
	 * risk rating 1 (high) to 5 (low) derived from the worse of the two; {@code riskRating} is null
	 * while no milestone is planned.
	 */
	public record Variance(long budgetAtCompletionFen, long plannedValueFen, long earnedValueFen, long actualCostFen,
			long costVarianceFen, long scheduleVarianceFen, @Nullable BigDecimal costPerformanceIndex,
			@Nullable BigDecimal schedulePerformanceIndex, int costOverrunPct, int scheduleSlipPct, int maxSlipDays,
			@Nullable Integer riskRating, String riskLevel, long omBudgetFen, long omSpentFen) {
	}

	public record Execution(UUID projectId, List<Milestone> milestones, List<Spend> spend, Variance variance) {
	}

	// ---- reading ------------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public Execution execution(Actor actor, UUID id) {
		return execution(this.projects.visible(actor, id));
	}

	Execution execution(Project project) {
		return execution(project, this.milestones.of(project.id()), this.spending.of(project.id()));
	}

	private Execution execution(Project project, List<Milestone> milestones, List<Spend> spend) {
		LocalDate start = project.decidedAt() == null ? this.calendar.today()
				: LocalDate.ofInstant(project.decidedAt(), WorkingCalendar.ZONE);
		return new Execution(project.id(), milestones, spend,
				variance(project, milestones, spend, start, this.calendar.today()));
	}

	/**
	 * The variances as of {@code today}. The budget at completion is the build budget (the O&M
	 * budget for an O&M project); planned value is its share for the milestones planned by today,
	 * earned value for those done; cost overrun compares the money spent with the larger of the
	 * two (and with a tenth of the budget, which may be paid in advance before the first
	 * milestone), and with the whole budget; schedule slip is the longest delay of a milestone (done
	 * late, or due and not done) as a share of the planned schedule, from approval (or the first
	 * milestone, if planned earlier) to the last milestone. The rating takes the worse: under 10 % is 5,
	 * under 20 % 4, under 30 % 3, under 50 % 2, otherwise 1.
	 */
	static Variance variance(Project project, List<Milestone> milestones, List<Spend> spend, LocalDate start,
			LocalDate today) {
		boolean build = project.buildFen() > 0;
		long bac = build ? project.buildFen() : project.omFen();
		BudgetKind measured = build ? BudgetKind.BUILD : BudgetKind.OM;
		long actual = 0;
		long omSpent = 0;
		for (Spend s : spend) {
			if (s.kind() == measured) {
				actual += s.amountFen();
			}
			if (s.kind() == BudgetKind.OM) {
				omSpent += s.amountFen();
			}
		}
		int plannedPct = 0;
		int earnedPct = 0;
		int maxSlipDays = 0;
		// the planned schedule runs from approval (or the first milestone, if planned earlier) to the last milestone
		LocalDate first = start;
		LocalDate lastPlanned = start;
		for (Milestone m : milestones) {
			first = m.planned().isBefore(first) ? m.planned() : first;
			lastPlanned = m.planned().isAfter(lastPlanned) ? m.planned() : lastPlanned;
		}
		long duration = Math.max(1, ChronoUnit.DAYS.between(first, lastPlanned));
		for (Milestone m : milestones) {
			if (!m.planned().isAfter(today)) {
				plannedPct += m.weightPct();
			}
			if (m.actual() != null) {
				earnedPct += m.weightPct();
			}
			LocalDate end = m.actual() != null ? m.actual() : today.isAfter(m.planned()) ? today : null;
			if (end != null && end.isAfter(m.planned())) {
				maxSlipDays = Math.max(maxSlipDays, (int) ChronoUnit.DAYS.between(m.planned(), end));
			}
		}
		int slipPct = (int) Math.min(1000, maxSlipDays * 100L / duration);
		long pv = share(bac, plannedPct);
		long ev = share(bac, earnedPct);
		long base = Math.max(Math.max(ev, pv), bac / 10);
		int overrunPct = 0;
		if (actual > 0 && base > 0 && actual > base) {
			overrunPct = (int) Math.min(1000, (actual - base) * 100 / base);
		}
		if (bac > 0 && actual > bac) {
			overrunPct = Math.max(overrunPct, (int) Math.min(1000, (actual - bac) * 100 / bac));
		}
		Integer rating = milestones.isEmpty() ? null : rating(Math.max(overrunPct, slipPct));
		String level = rating == null ? "unplanned" : rating >= 4 ? "low" : rating == 3 ? "medium" : "high";
		return new Variance(bac, pv, ev, actual, ev - actual, ev - pv, ratio(ev, actual), ratio(ev, pv), overrunPct, slipPct,
				maxSlipDays, rating, level, project.omFen(), omSpent);
	}

	public static int rating(int worstPct) {
		if (worstPct < 10) {
			return 5;
		}
		if (worstPct < 20) {
			return 4;
		}
		if (worstPct < 30) {
			return 3;
		}
		return worstPct < 50 ? 2 : 1;
	}

	/** {@code pct} percent of {@code fen}, rounded down to the fen. */
	static long share(long fen, int pct) {
		return Math.multiplyExact(fen, (long) pct) / 100;
	}

	private static @Nullable BigDecimal ratio(long numerator, long denominator) {
		return denominator == 0 ? null
				: BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP);
	}

	// ---- writing ------------------------------------------------------------------------------

	private Project executing(Actor actor, UUID id, Set<ProjectStatus> allowed) {
		Project project = this.projects.visible(actor, id);
		if (!Projects.canWrite(actor, project.agencyId())) {
			throw new UnigovException(ProjectError.NOT_YOUR_PROJECT, "Only the proposing agency records its project's execution.");
		}
		if (!allowed.contains(project.status())) {
			throw new UnigovException(ProjectError.WRONG_STATE, "Project " + project.code() + " is "
					+ project.status().code() + ": execution is recorded once it is approved.");
		}
		return project;
	}

	/**
	 * Replaces the milestone plan (audited: project.milestones-planned). Weights are whole percents
	 * of the budget summing to 100; actual dates cannot lie in the future.
	 */
	public Execution planMilestones(Actor actor, UUID id, List<MilestoneInput> input, long expectedVersion) {
		Project project = executing(actor, id, Set.of(ProjectStatus.APPROVED));
		List<Milestone> milestones = checkMilestones(input, this.calendar.today());
		Project touched = this.proposals.touch(project, expectedVersion).orElse(null);
		Projects.requireUpdated(touched == null ? 0 : 1, project, expectedVersion);
		List<Milestone> planned = this.milestones.replace(id, milestones);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("code", project.code());
		details.put("milestones", milestones.stream()
			.map(m -> m.name() + " " + m.planned() + (m.actual() == null ? "" : " done " + m.actual()) + " " + m.weightPct() + "%")
			.toList());
		this.journal.append(actor, AuditRecord.of("project.milestones-planned", Projects.SUBJECT, id, project.divisionCode(),
				details));
		return execution(touched, planned, this.spending.of(id));
	}

	/** The plan checked as a whole: every problem in one 422; the weights sum to 100. */
	private static List<Milestone> checkMilestones(List<MilestoneInput> input, LocalDate today) {
		List<FieldProblem> problems = new ArrayList<>();
		List<Milestone> milestones = new ArrayList<>();
		if (input.size() > MAX_MILESTONES) {
			problems.add(new FieldProblem("milestones", "too_many", "At most " + MAX_MILESTONES + " milestones."));
		}
		int total = 0;
		for (int i = 0; i < input.size() && i < MAX_MILESTONES; i++) {
			MilestoneInput m = input.get(i);
			String field = "milestones[" + i + "]";
			if (m == null) {
				problems.add(new FieldProblem(field, "required", "A milestone cannot be empty."));
				continue;
			}
			int weight = m.weightPct() == null ? -1 : m.weightPct();
			if (weight >= 0 && weight <= 100) {
				total += weight;
			}
			Milestone milestone = milestone(problems, field, m, today);
			if (milestone != null) {
				milestones.add(milestone);
			}
		}
		if (!input.isEmpty() && total != 100 && problems.stream().noneMatch(p -> p.code().equals("invalid_weight"))) {
			problems.add(new FieldProblem("milestones", "weights_not_100",
					"The milestones' weights sum to " + total + " %; they share the budget, so they sum to 100 %."));
		}
		if (!problems.isEmpty()) {
			throw UnigovException.invalid(ProjectError.INVALID_PROJECT, UnigovException.messages(problems), problems);
		}
		return milestones;
	}

	/** One milestone, or null when it has a problem (added to {@code problems}). */
	private static @Nullable Milestone milestone(List<FieldProblem> problems, String field, MilestoneInput m,
			LocalDate today) {
		String name = m.name() == null ? "" : m.name().strip();
		if (name.isEmpty() || name.length() > 100) {
			problems.add(new FieldProblem(field + ".name", "required", "name is required, at most 100 characters."));
		}
		if (m.planned() == null) {
			problems.add(new FieldProblem(field + ".planned", "required", "planned is the date it is due."));
		}
		if (m.actual() != null && m.actual().isAfter(today)) {
			problems.add(new FieldProblem(field + ".actual", "actual_in_future", "actual cannot be after today."));
		}
		int weight = m.weightPct() == null ? -1 : m.weightPct();
		if (weight < 0 || weight > 100) {
			problems.add(new FieldProblem(field + ".weightPct", "invalid_weight", "weightPct is a whole percent from 0 to 100."));
		}
		if (!name.isEmpty() && name.length() <= 100 && m.planned() != null && weight >= 0 && weight <= 100) {
			return new Milestone(name, m.planned(), m.actual(), weight);
		}
		return null;
	}

	/** Records money spent (audited: project.spend-recorded); a correction is negative and says why. */
	public Execution recordSpend(Actor actor, UUID id, @Nullable LocalDate spentOn, @Nullable String kind,
			@Nullable Long amountFen, @Nullable String note) {
		Project project = executing(actor, id, Set.of(ProjectStatus.APPROVED, ProjectStatus.ACCEPTED));
		List<FieldProblem> problems = new ArrayList<>();
		if (spentOn == null || spentOn.isAfter(this.calendar.today()) || spentOn.getYear() < 2000) {
			problems.add(new FieldProblem("spentOn", "invalid_date", "spentOn is the day of payment, not after today."));
		}
		BudgetKind parsed = kind == null ? null : Coded.parse(BudgetKind.class, kind).orElse(null);
		if (parsed == null) {
			problems.add(new FieldProblem("kind", "invalid_value", "kind is build or om."));
		}
		String text = note == null ? "" : note.strip();
		if (text.length() > 200) {
			problems.add(new FieldProblem("note", "too_long", "note is at most 200 characters."));
		}
		if (amountFen == null || amountFen == 0 || amountFen > Amounts.MAX_FEN || amountFen < -Amounts.MAX_FEN) {
			problems.add(new FieldProblem("amountFen", "invalid_amount", "amountFen is a whole number of fen, not 0."));
		}
		else if (amountFen < 0 && text.isEmpty()) {
			problems.add(new FieldProblem("note", "correction_needs_note", "A correction (a negative amount) says why in note."));
		}
		if (!problems.isEmpty()) {
			throw UnigovException.invalid(ProjectError.INVALID_PROJECT, UnigovException.messages(problems), problems);
		}
		Spend recorded = this.spending.insert(id, spentOn, parsed, amountFen, text, actor.username());
		Project updated = this.proposals.addSpent(project, amountFen);
		UUID spendId = recorded.id();
		this.journal.append(actor, AuditRecord.of("project.spend-recorded", Projects.SUBJECT, id, project.divisionCode(),
				Map.of("code", project.code(), "spendId", spendId.toString(), "kind", parsed.code(), "amountFen", amountFen,
						"spentOn", spentOn.toString(), "note", text)));
		return execution(updated);
	}

	/**
	 * Names the registered system the project delivered and its go-live date (audited:
	 * project.delivered): a system of the proposing agency; for an upgrade or O&M, its target.
	 */
	public Project deliver(Actor actor, UUID id, @Nullable UUID systemId, @Nullable LocalDate goLive, long expectedVersion) {
		Project project = executing(actor, id, Set.of(ProjectStatus.APPROVED));
		List<FieldProblem> problems = new ArrayList<>();
		RegisteredSystem system = systemId == null ? null : this.registry.get(new SystemId(systemId)).orElse(null);
		if (system == null || !system.agencyId().equals(project.agencyId())) {
			problems.add(new FieldProblem("systemId", "unknown_system",
					"The delivered system must be registered in the registry under the proposing agency."));
		}
		else if (project.targetSystemId() != null && !project.targetSystemId().equals(systemId)) {
			problems.add(new FieldProblem("systemId", "not_target_system",
					"An upgrade or O&M project delivers the system it names as its target."));
		}
		if (goLive != null && goLive.isAfter(this.calendar.today())) {
			problems.add(new FieldProblem("goLiveDate", "actual_in_future", "goLiveDate cannot be after today."));
		}
		if (!problems.isEmpty()) {
			throw UnigovException.invalid(ProjectError.INVALID_PROJECT, UnigovException.messages(problems), problems);
		}
		Project delivered = this.proposals.deliver(project, systemId, goLive, expectedVersion).orElse(null);
		Projects.requireUpdated(delivered == null ? 0 : 1, project, expectedVersion);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("code", project.code());
		details.put("systemId", String.valueOf(systemId));
		details.put("goLiveDate", goLive == null ? null : goLive.toString());
		this.journal.append(actor, AuditRecord.of("project.delivered", Projects.SUBJECT, id, project.divisionCode(), details));
		return delivered;
	}
}
