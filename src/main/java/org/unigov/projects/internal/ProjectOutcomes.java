package org.unigov.projects.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.exchange.ExchangeTraffic;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemId;
import org.unigov.registry.SystemRegistry;
import org.unigov.registry.SystemStatus;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/**
 * Acceptance (验收, P6) and performance evaluation (绩效评价, P7), both from facts the platform
 * holds rather than the agency's word.
 * <ul>
 * <li><b>Acceptance</b>: a checklist computed from the registry, the catalog and the exchange — the
 * delivered system is registered and live, the data the proposal promised is published from it,
 * a public-facing system signs people in through the unified identity service, its data services
 * are registered with the exchange. What only the agency can state (the security assessment, the
 * final accounts) is kept apart, marked {@code declared}. The coordinator of the project's highest
 * approving level accepts only when every verified item passes.</li>
 * <li><b>Evaluation</b>: each outcome target against its value, measured where the platform can
 * measure it (the exchange's access log), otherwise taken from the registry or the agency and
 * marked self-reported; a live system with near-zero use for three months is flagged as a
 * zombie.</li>
 * </ul>
 */
@Service
@Transactional
public class ProjectOutcomes {

	/** Months after go-live when the evaluation is due. */
	public static final int EVALUATION_MONTHS = 12;

	/** A month with fewer measured calls than this (and fewer reported active users) counts as idle. */
	public static final long IDLE_CALLS = 10;

	/** Idle months in a row that make a live system a zombie. */
	public static final int ZOMBIE_MONTHS = 3;

	private final Proposals proposals;

	private final Acceptances acceptances;

	private final Evaluations evaluations;

	private final Projects projects;

	private final ReviewDesk reviews;

	private final SystemRegistry registry;

	private final AcceptanceChecklist checks;

	private final ExchangeTraffic traffic;

	private final ObjectProvider<ServiceApplicationCounts> applications;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	ProjectOutcomes(Proposals proposals, Acceptances acceptances, Evaluations evaluations, Projects projects,
			ReviewDesk reviews, SystemRegistry registry, AcceptanceChecklist checks, ExchangeTraffic traffic,
			ObjectProvider<ServiceApplicationCounts> applications, WorkingCalendar calendar, AuditJournal journal) {
		this.proposals = proposals;
		this.acceptances = acceptances;
		this.evaluations = evaluations;
		this.projects = projects;
		this.reviews = reviews;
		this.registry = registry;
		this.checks = checks;
		this.traffic = traffic;
		this.applications = applications;
		this.calendar = calendar;
		this.journal = journal;
	}

	// ---- acceptance ---------------------------------------------------------------------------

	/**
	 * One item of the acceptance checklist. {@code basis} is {@code verified} (read from platform
	 * data, with links to it) or {@code declared} (the agency's word, never counted as verified).
	 */
	public record CheckItem(String code, String basis, boolean passed, String message, List<String> evidence,
			@Nullable String messageKey, @Nullable List<String> messageArgs) {

		/** An item with the English {@code message} and, for pages, its message key and arguments. */
		static CheckItem of(String code, String basis, boolean passed, String message, List<String> evidence,
				String messageKey, String... messageArgs) {
			return new CheckItem(code, basis, passed, message, evidence, messageKey, List.of(messageArgs));
		}
	}

	public record Acceptance(@Nullable UUID id, String status, List<CheckItem> checklist, boolean verifiedOk,
			@Nullable String requestedBy, @Nullable Instant requestedAt, @Nullable String decidedBy,
			@Nullable Instant decidedAt, @Nullable String comment) {
	}

	/** The checklist as the platform's facts stand now (nothing stored). */
	@Transactional(readOnly = true)
	public List<CheckItem> checklist(Actor actor, UUID id) {
		return this.checks.check(this.projects.visible(actor, id), Map.of());
	}


	/**
	 * The latest acceptance request and its decision, with the checklist as the platform's facts
	 * stand now (P6) and the agency's declarations kept: a resource published after the request
	 * passes at once. Only an accepted project keeps the checklist it was accepted on.
	 */
	@Transactional(readOnly = true)
	public Acceptance acceptance(Actor actor, UUID id) {
		Project project = this.projects.visible(actor, id);
		Acceptance latest = this.acceptances.latest(id).orElse(null);
		if (latest != null && latest.status().equals("accepted")) {
			return latest;
		}
		List<CheckItem> items = this.checks.check(project,
				latest == null ? Map.of() : AcceptanceChecklist.declarations(latest.checklist()));
		return latest == null ? new Acceptance(null, "not-requested", items, verifiedOk(items), null, null, null, null, null)
				: new Acceptance(latest.id(), latest.status(), items, verifiedOk(items), latest.requestedBy(),
						latest.requestedAt(), latest.decidedBy(), latest.decidedAt(), latest.comment());
	}

	static boolean verifiedOk(List<CheckItem> items) {
		return items.stream().filter(i -> i.basis().equals("verified")).allMatch(CheckItem::passed);
	}

	/**
	 * The agency asks for acceptance (audited: project.acceptance-requested): the checklist is
	 * computed and kept with its declarations.
	 */
	public Acceptance requestAcceptance(Actor actor, UUID id, Map<String, String> declarations) {
		Project project = this.projects.visible(actor, id);
		if (!Projects.canWrite(actor, project.agencyId())) {
			throw new UnigovException(ProjectError.NOT_YOUR_PROJECT, "Only the proposing agency asks for acceptance.");
		}
		if (project.status() != ProjectStatus.APPROVED) {
			throw new UnigovException(ProjectError.WRONG_STATE, "Project " + project.code() + " is "
					+ project.status().code() + ": acceptance is asked for an approved project.");
		}
		// one request at a time: the project row is locked until this transaction ends
		this.proposals.lock(id);
		if (this.acceptances.latest(id).filter(a -> a.status().equals("requested")).isPresent()) {
			throw new UnigovException(ProjectError.WRONG_STATE, "Acceptance of " + project.code() + " is already requested.");
		}
		Map<String, String> kept = new LinkedHashMap<>();
		declarations.forEach((k, v) -> {
			if (List.of("security_assessment", "final_accounts").contains(k) && v != null && !v.isBlank()) {
				kept.put(k, v.strip().length() > 500 ? v.strip().substring(0, 500) : v.strip());
			}
		});
		List<CheckItem> items = this.checks.check(project, kept);
		Acceptance requested = this.acceptances.request(id, items, verifiedOk(items), actor.username());
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("code", project.code());
		details.put("verifiedOk", verifiedOk(items));
		details.put("failed", items.stream().filter(i -> !i.passed()).map(CheckItem::code).toList());
		this.journal.append(actor, AuditRecord.of("project.acceptance-requested", Projects.SUBJECT, id,
				project.divisionCode(), details));
		return requested;
	}

	/**
	 * The coordinator of the project's highest approving level accepts or refuses (audited:
	 * project.acceptance-decided). Acceptance needs every verified item to pass; the checklist is
	 * computed again at the decision, from the facts as they stand then.
	 */
	public Acceptance decideAcceptance(Actor actor, UUID id, boolean accept, @Nullable String comment, long expectedVersion) {
		Project project = this.projects.visible(actor, id);
		String top = this.reviews.topDivision(project);
		if (!actor.has(Role.COORDINATOR) || !top.equals(actor.divisionCode())) {
			throw new UnigovException(ProjectError.NOT_YOUR_REVIEW,
					"Acceptance is decided by the coordinator of the level that approved the project (" + top + ").");
		}
		if (project.agencyId().equals(actor.agencyId())) {
			throw new UnigovException(ProjectError.OWN_AGENCY, "No one decides on their own agency's project (P5).");
		}
		Acceptance pending = this.acceptances.latest(id).filter(a -> a.status().equals("requested"))
			.orElseThrow(() -> new UnigovException(ProjectError.WRONG_STATE,
					"No acceptance of " + project.code() + " is waiting for a decision."));
		String note = comment == null || comment.isBlank() ? null : comment.strip();
		if (!accept && note == null) {
			throw new UnigovException(ProjectError.COMMENT_REQUIRED, "A refusal of acceptance needs its reason.");
		}
		List<CheckItem> now = this.checks.check(project, AcceptanceChecklist.declarations(pending.checklist()));
		if (accept && !verifiedOk(now)) {
			throw new UnigovException(ProjectError.ACCEPTANCE_UNVERIFIED, "Acceptance needs every verified item to pass (P6); "
					+ "failing now: " + String.join(", ", now.stream().filter(i -> i.basis().equals("verified") && !i.passed())
						.map(CheckItem::code).toList()) + ".", Map.of("checklist", now));
		}
		boolean updated = this.proposals.decideAcceptance(project, accept, expectedVersion).isPresent();
		Projects.requireUpdated(updated ? 1 : 0, project, expectedVersion);
		Acceptance decided = this.acceptances.decide(pending.id(), accept, now, verifiedOk(now), actor.username(), note);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("code", project.code());
		details.put("decision", accept ? "accepted" : "refused");
		if (note != null) {
			details.put("comment", note);
		}
		this.journal.append(actor, AuditRecord.of("project.acceptance-decided", Projects.SUBJECT, id, project.divisionCode(),
				details));
		return decided;
	}

	// ---- evaluation ---------------------------------------------------------------------------

	/**
	 * One target's result. {@code basis}: {@code measured} (the exchange's access log),
	 * {@code self-reported} (the registry's figures or the agency's report) or {@code none}.
	 */
	public record TargetResult(int line, String indicator, String name, String unit, BigDecimal baseline,
			BigDecimal target, @Nullable BigDecimal value, String basis, String source, @Nullable Boolean met,
			@Nullable Integer progressPct) {
	}

	public record MonthCalls(String month, long served, long made) {
	}

	public record Evaluation(@Nullable UUID id, UUID projectId, @Nullable UUID systemId, LocalDate evaluatedOn,
			@Nullable LocalDate due, boolean interim, List<TargetResult> targets, List<MonthCalls> use,
			@Nullable Long reportedMonthlyActiveUsers, boolean zombie, String zombieReason, @Nullable String evaluatedBy,
			@Nullable Instant evaluatedAt, @Nullable String reasonKey, @Nullable List<String> reasonArgs) {
	}

	/** The evaluation reports of a project, newest first. */
	@Transactional(readOnly = true)
	public List<Evaluation> evaluations(Actor actor, UUID id) {
		this.projects.visible(actor, id);
		return this.evaluations.of(id);
	}

	/**
	 * Evaluates the project's targets now and keeps the report (audited: project.evaluated): by a
	 * coordinator over the project's division, once the delivered system is named. {@code reported}
	 * holds the agency's values for targets the platform cannot measure, by target line (1-based).
	 */
	public Evaluation evaluate(Actor actor, UUID id, Map<Integer, BigDecimal> reported) {
		Project project = this.projects.visible(actor, id);
		if (!actor.has(Role.COORDINATOR) || !actor.covers(project.divisionCode())) {
			throw new UnigovException(ProjectError.NOT_YOUR_REVIEW, "A coordinator over the project's division evaluates it.");
		}
		if (project.deliveredSystemId() == null
				|| project.status() != ProjectStatus.APPROVED && project.status() != ProjectStatus.ACCEPTED) {
			throw new UnigovException(ProjectError.WRONG_STATE, "Project " + project.code()
					+ " has no delivered system yet: evaluation compares targets with the system's measured use.");
		}
		List<FieldProblem> problems = new ArrayList<>();
		reported.forEach((line, value) -> {
			if (line == null || line < 1 || line > project.targets().size()) {
				problems.add(new FieldProblem("reported", "unknown_target",
						"reported names target lines 1 to " + project.targets().size() + "."));
			}
			else if (value == null || value.signum() < 0 || value.stripTrailingZeros().scale() > 2
					|| value.compareTo(new BigDecimal("1e17")) >= 0) {
				problems.add(new FieldProblem("reported[" + line + "]", "invalid_number",
						"A reported value is a number of zero or more with at most two decimals."));
			}
		});
		if (!problems.isEmpty()) {
			throw UnigovException.invalid(ProjectError.INVALID_PROJECT, UnigovException.messages(problems), problems);
		}
		Evaluation report = measure(project, reported, this.calendar.today());
		Evaluation kept = this.evaluations.insert(id, report, actor.username());
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("code", project.code());
		details.put("interim", report.interim());
		details.put("zombie", report.zombie());
		details.put("met", report.targets().stream().filter(t -> Boolean.TRUE.equals(t.met())).count());
		details.put("targets", report.targets().size());
		this.journal.append(actor, AuditRecord.of("project.evaluated", Projects.SUBJECT, id, project.divisionCode(), details));
		return kept;
	}

	Evaluation measure(Project project, Map<Integer, BigDecimal> reported, LocalDate today) {
		UUID systemId = Objects.requireNonNull(project.deliveredSystemId());
		RegisteredSystem system = this.registry.get(new SystemId(systemId)).orElse(null);
		YearMonth last = YearMonth.from(today).minusMonths(1);
		List<ExchangeTraffic.MonthUse> months = this.traffic.monthlyUse(systemId, last.minusMonths(ZOMBIE_MONTHS - 1), last);
		long served = months.stream().mapToLong(ExchangeTraffic.MonthUse::served).sum() / months.size();
		long made = months.stream().mapToLong(ExchangeTraffic.MonthUse::made).sum() / months.size();
		Usage usage = new Usage(systemId, system, last, served, made,
				this.applications.getIfAvailable(() -> ServiceApplicationCounts.NONE));
		List<TargetResult> results = new ArrayList<>();
		int line = 0;
		for (Project.Target t : project.targets()) {
			line++;
			results.add(result(line, t, measured(t, usage, reported.get(line))));
		}
		LocalDate goLive = project.goLiveDate() != null ? project.goLiveDate()
				: system == null ? null : system.goLiveDate();
		LocalDate due = goLive == null ? null : goLive.plusMonths(EVALUATION_MONTHS);
		Long mau = system == null ? null : system.monthlyActiveUsers();
		boolean live = system != null && system.status() == SystemStatus.LIVE;
		boolean oldEnough = goLive != null && !goLive.isAfter(last.minusMonths(ZOMBIE_MONTHS - 1).atDay(1));
		boolean idle = months.stream().allMatch(m -> m.served() + m.made() < IDLE_CALLS);
		boolean zombie = live && oldEnough && idle && (mau == null || mau < IDLE_CALLS);
		String reason = !live ? "The system is not live." : !oldEnough ? "Live for less than " + ZOMBIE_MONTHS + " months."
				: zombie ? "Fewer than " + IDLE_CALLS + " exchange calls in each of the last " + ZOMBIE_MONTHS
						+ " months and fewer than " + IDLE_CALLS + " monthly active users reported."
						: idle ? "No exchange use, but the agency reports " + mau + " monthly active users (self-reported)."
								: "In use.";
		String reasonKey = "projects.evaluation.reason." + (!live ? "not-live" : !oldEnough ? "too-new"
				: zombie ? "zombie" : idle ? "idle-but-users" : "in-use");
		List<String> reasonArgs = List.of(String.valueOf(ZOMBIE_MONTHS), String.valueOf(IDLE_CALLS), String.valueOf(mau));
		return new Evaluation(null, project.id(), systemId, today, due, due == null || today.isBefore(due), results,
				months.stream().map(m -> new MonthCalls(m.month().toString(), m.served(), m.made())).toList(), mau, zombie,
				reason, null, null, reasonKey, reasonArgs);
	}

	/** What a system was used for: the source of the measured targets. */
	private record Usage(UUID systemId, @Nullable RegisteredSystem system, YearMonth last, long served, long made,
			ServiceApplicationCounts counts) {
	}

	/** A target's value, whether it was measured or self-reported (or is unknown), and from where. */
	private record Measured(@Nullable BigDecimal value, String basis, String source) {
	}

	/** The value of one target: measured where the platform can, else the agency's figure. */
	private static Measured measured(Project.Target t, Usage usage, @Nullable BigDecimal reported) {
		return switch (t.indicator()) {
			case EXCHANGE_CALLS_SERVED -> new Measured(BigDecimal.valueOf(usage.served()), "measured",
					"exchange access log: calls answered by the system's data services, monthly average of the last "
							+ ZOMBIE_MONTHS + " months");
			case EXCHANGE_CALLS_MADE -> new Measured(BigDecimal.valueOf(usage.made()), "measured",
					"exchange access log: calls the system made as a consumer, monthly average of the last "
							+ ZOMBIE_MONTHS + " months");
			case MONTHLY_ACTIVE_USERS, USERS_REGISTERED -> {
				// the registry records an unknown figure as null, not zero
				RegisteredSystem system = usage.system();
				Long figure = system == null ? null : t.indicator() == IndicatorKind.MONTHLY_ACTIVE_USERS
						? system.monthlyActiveUsers() : system.registeredUsers();
				yield new Measured(figure == null ? null : BigDecimal.valueOf(figure),
						figure == null ? "none" : "self-reported", "registry usage figures, as the agency registered them");
			}
			case SERVICE_APPLICATIONS -> {
				OptionalLong measured = usage.counts().applications(usage.systemId(), usage.last());
				yield measured.isPresent()
						? new Measured(BigDecimal.valueOf(measured.getAsLong()), "measured",
								"service applications of " + usage.last())
						: new Measured(reported, reported == null ? "none" : "self-reported",
								"reported by the agency (service applications are not measured yet)");
			}
			default -> new Measured(reported, reported == null ? "none" : "self-reported", "reported by the agency");
		};
	}

	/** Whether a target is met and how far from baseline to target the value went, in percent. */
	private static TargetResult result(int line, Project.Target t, Measured measured) {
		BigDecimal value = measured.value();
		Boolean met = null;
		Integer progress = null;
		if (value != null) {
			boolean higher = t.indicator().higherIsBetter();
			met = higher ? value.compareTo(t.target()) >= 0 : value.compareTo(t.target()) <= 0;
			BigDecimal span = t.target().subtract(t.baseline());
			if (span.signum() != 0) {
				progress = value.subtract(t.baseline())
					.multiply(BigDecimal.valueOf(100))
					.divide(span, 0, RoundingMode.HALF_UP)
					.intValue();
			}
		}
		return new TargetResult(line, t.indicator().code(), t.name(), t.unit(), t.baseline(), t.target(), value,
				measured.basis(), measured.source(), met, progress);
	}
}
