package org.unigov.projects.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.organization.Agency;
import org.unigov.organization.AgencyId;
import org.unigov.organization.Division;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.registry.FundingSource;
import org.unigov.registry.LoginMethod;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemId;
import org.unigov.registry.SystemRegistry;
import org.unigov.registry.Taxonomy;
import org.unigov.shared.Amounts;
import org.unigov.shared.Coded;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/**
 * Checks a proposal as a whole and resolves its references against the organization directory,
 * the registry, the function taxonomy and the catalog; every problem is listed in one 422, in the
 * order of the form. Output-only targets alone give {@code output_only_targets} (P7).
 */
@Component
public class ProposalCheck {

	private static final int MAX_LIST = 100;

	private static final int MAX_TARGETS = 20;

	private final OrganizationDirectory directory;

	private final SystemRegistry registry;

	private final Taxonomy taxonomy;

	private final Catalog catalog;

	private final WorkingCalendar calendar;

	ProposalCheck(OrganizationDirectory directory, SystemRegistry registry, Taxonomy taxonomy, Catalog catalog,
			WorkingCalendar calendar) {
		this.directory = directory;
		this.registry = registry;
		this.taxonomy = taxonomy;
		this.catalog = catalog;
		this.calendar = calendar;
	}

	/** The proposal of {@code agencyId}, checked; {@code existing} is the saved version when revising. */
	public Checked check(ProjectInput in, UUID agencyId, @Nullable Project existing) {
		List<FieldProblem> problems = new ArrayList<>();
		Agency agency = this.directory.agency(new AgencyId(agencyId))
			.filter(Agency::active)
			.orElseThrow(() -> UnigovException.notFound(ProjectError.INVALID_PROJECT, "Agency", agencyId));
		Division division = this.directory.requireDivision(agency.divisionCode());
		Checked.Basics basics = basics(problems, in, existing);
		Checked.Reach reach = reach(problems, in, agencyId, basics.type());
		Checked.DataFlows flows = flows(problems, in);
		Checked.Money budget = budget(problems, in, basics.type());
		List<Project.Target> targets = targets(problems, in);
		boolean outputOnly = outputOnly(problems, targets, in.targets() == null ? 0 : in.targets().size());
		if (!problems.isEmpty()) {
			boolean onlyP7 = outputOnly && problems.size() == 1;
			throw UnigovException.invalid(onlyP7 ? ProjectError.OUTPUT_ONLY_TARGETS : ProjectError.INVALID_PROJECT,
					onlyP7 ? problems.getFirst().message()
							: "The proposal has " + problems.size() + " problem(s): " + UnigovException.messages(problems),
					problems);
		}
		return new Checked(agency, division, basics, reach, flows, budget, targets);
	}

	/** Name, summary, type and path; the path is fixed once submitted (P1). Null parts only with problems. */
	private Checked.Basics basics(List<FieldProblem> problems, ProjectInput in, @Nullable Project existing) {
		String name = text(problems, "name", in.name(), 100, true);
		String summary = text(problems, "summary", in.summary(), 2000, true);
		ProjectType type = coded(problems, "type", ProjectType.class, in.type(), "new-system, upgrade or om");
		StagePath path = coded(problems, "path", StagePath.class, in.path() == null ? "standard" : in.path(),
				"standard, in-plan or urgent");
		if (existing != null && existing.round() > 0 && path != null && path != existing.path()) {
			problems.add(new FieldProblem("path", "path_fixed",
					"The path through the stages is fixed once the project has been submitted (P1)."));
		}
		String planReference = text(problems, "planReference", in.planReference(), 200, path == StagePath.IN_PLAN);
		String urgencyReason = text(problems, "urgencyReason", in.urgencyReason(), 2000, path == StagePath.URGENT);
		if (path == StagePath.IN_PLAN && planReference == null
				&& problems.stream().noneMatch(p -> p.field().equals("planReference"))) {
			problems.add(new FieldProblem("planReference", "required", "planReference is required."));
		}
		return new Checked.Basics(name, summary, type, path, planReference, urgencyReason);
	}

	private Checked.Reach reach(List<FieldProblem> problems, ProjectInput in, UUID agencyId, @Nullable ProjectType type) {
		UUID targetSystemId = in.targetSystemId();
		targetSystem(problems, targetSystemId, agencyId, type);
		List<String> capabilities = capabilities(problems, in.capabilities(), type);
		if (in.publicFacing() == null) {
			problems.add(new FieldProblem("publicFacing", "required", "Say whether the system serves the public (P4)."));
		}
		LoginMethod signIn = coded(problems, "signIn", LoginMethod.class, in.signIn(),
				"unified-identity, own-accounts or none");
		String exemption = text(problems, "identityExemption", in.identityExemption(), 2000, false);
		String justification = text(problems, "overlapJustification", in.overlapJustification(), 2000, false);
		List<UUID> reuse = new ArrayList<>();
		List<UUID> reuseInput = in.reuseSystemIds() == null ? List.of() : in.reuseSystemIds();
		for (int i = 0; i < reuseInput.size() && i < MAX_LIST; i++) {
			UUID systemId = reuseInput.get(i);
			if (systemId == null || this.registry.get(new SystemId(systemId)).isEmpty()) {
				problems.add(new FieldProblem("reuseSystemIds[" + i + "]", "unknown_system",
						"A system to reuse must be in the registry."));
			}
			else if (!reuse.contains(systemId)) {
				reuse.add(systemId);
			}
		}
		return new Checked.Reach(targetSystemId, capabilities, Boolean.TRUE.equals(in.publicFacing()), signIn,
				signIn == LoginMethod.OWN_ACCOUNTS ? exemption : null, justification, reuse);
	}

	/** A new system names none; an upgrade or O&M names a registered system of the proposing agency. */
	private void targetSystem(List<FieldProblem> problems, @Nullable UUID targetSystemId, UUID agencyId,
			@Nullable ProjectType type) {
		if (type == ProjectType.NEW_SYSTEM && targetSystemId != null) {
			problems.add(new FieldProblem("targetSystemId", "not_for_new_system",
					"A new system has no target system; an upgrade or O&M names the registered system."));
		}
		else if ((type == ProjectType.UPGRADE || type == ProjectType.OM) && targetSystemId == null) {
			problems.add(new FieldProblem("targetSystemId", "required",
					"An upgrade or O&M project names the registered system it upgrades or maintains."));
		}
		else if (targetSystemId != null) {
			Optional<RegisteredSystem> system = this.registry.get(new SystemId(targetSystemId));
			if (system.isEmpty() || !system.get().agencyId().equals(agencyId)) {
				problems.add(new FieldProblem("targetSystemId", "unknown_system",
						"The target system must be a registered system of the proposing agency."));
			}
		}
	}

	/** Planned capabilities from the registry's function taxonomy; the duplicate check needs them (P3). */
	private List<String> capabilities(List<FieldProblem> problems, @Nullable List<String> input,
			@Nullable ProjectType type) {
		List<String> capabilities = new ArrayList<>();
		List<String> capabilityInput = input == null ? List.of() : input;
		for (int i = 0; i < capabilityInput.size() && i < MAX_LIST; i++) {
			String c = capabilityInput.get(i);
			Optional<String> resolved = c == null ? Optional.empty() : this.taxonomy.resolve(c);
			if (resolved.isEmpty()) {
				problems.add(new FieldProblem("capabilities[" + i + "]", "unknown_capability",
						"'" + c + "' is not in the registry's function taxonomy."));
			}
			else if (!capabilities.contains(resolved.get())) {
				capabilities.add(resolved.get());
			}
		}
		if (capabilityInput.size() > MAX_LIST) {
			problems.add(new FieldProblem("capabilities", "too_many", "At most " + MAX_LIST + " capabilities."));
		}
		if (capabilities.isEmpty() && type != ProjectType.OM
				&& problems.stream().noneMatch(p -> p.field().startsWith("capabilities"))) {
			problems.add(new FieldProblem("capabilities", "required",
					"Name at least one planned capability from the function taxonomy; the duplicate check needs them (P3)."));
		}
		return capabilities;
	}

	private Checked.DataFlows flows(List<FieldProblem> problems, ProjectInput in) {
		List<ProjectInput.Publication> publishInput = in.publishes() == null ? List.of() : in.publishes();
		List<ProjectInput.Acquisition> obtainInput = in.obtains() == null ? List.of() : in.obtains();
		List<String> collectInput = in.collects() == null ? List.of() : in.collects();
		List<Project.Publication> publishes = publishes(problems, publishInput);
		List<Project.Acquisition> obtains = new ArrayList<>();
		for (int i = 0; i < obtainInput.size() && i < MAX_LIST; i++) {
			obtain(problems, "obtains[" + i + "]", obtainInput.get(i)).ifPresent(obtains::add);
		}
		List<String> collects = new ArrayList<>();
		for (int i = 0; i < collectInput.size() && i < MAX_LIST; i++) {
			String value = text(problems, "collects[" + i + "]", collectInput.get(i), 50, true);
			if (value != null && !collects.contains(value)) {
				collects.add(value);
			}
		}
		int reuseCount = in.reuseSystemIds() == null ? 0 : in.reuseSystemIds().size();
		for (var list : List.of(Map.entry("publishes", publishInput.size()), Map.entry("obtains", obtainInput.size()),
				Map.entry("collects", collectInput.size()), Map.entry("reuseSystemIds", reuseCount))) {
			if (list.getValue() > MAX_LIST) {
				problems.add(new FieldProblem(list.getKey(), "too_many", "At most " + MAX_LIST + " entries."));
			}
		}
		return new Checked.DataFlows(publishes, obtains, collects);
	}

	private static List<Project.Publication> publishes(List<FieldProblem> problems,
			List<ProjectInput.Publication> publishInput) {
		List<Project.Publication> publishes = new ArrayList<>();
		for (int i = 0; i < publishInput.size() && i < MAX_LIST; i++) {
			ProjectInput.Publication p = publishInput.get(i);
			String field = "publishes[" + i + "]";
			String pName = text(problems, field + ".name", p == null ? null : p.name(), 50, true);
			String pDescription = text(problems, field + ".description", p == null ? null : p.description(), 256, false);
			if (pName != null) {
				publishes.add(new Project.Publication(pName, pDescription == null ? "" : pDescription));
			}
		}
		return publishes;
	}

	/** Data obtained through sharing names a resource of the catalog (P2). */
	private Optional<Project.Acquisition> obtain(List<FieldProblem> problems, String field,
			ProjectInput.@Nullable Acquisition a) {
		String code = text(problems, field + ".entryCode", a == null ? null : a.entryCode(), 100, true);
		String purpose = text(problems, field + ".purpose", a == null ? null : a.purpose(), 500, false);
		List<String> items = new ArrayList<>();
		if (a != null && a.items() != null) {
			for (String item : a.items()) {
				String value = text(problems, field + ".items", item, 50, true);
				if (value != null && !items.contains(value)) {
					items.add(value);
				}
			}
		}
		if (code == null) {
			return Optional.empty();
		}
		Optional<CatalogEntry> entry = this.catalog.byCode(code);
		if (entry.isEmpty()) {
			problems.add(new FieldProblem(field + ".entryCode", "unknown_resource",
					"'" + code + "' is not a resource of the catalog; data obtained through sharing must name one (P2)."));
			return Optional.empty();
		}
		return Optional.of(new Project.Acquisition(entry.get().id(), entry.get().code(), entry.get().content().name(),
				items, purpose == null ? "" : purpose));
	}

	/** The budget in fen, summed exactly; the total decides which levels approve (P5). */
	private static Checked.Money budget(List<FieldProblem> problems, ProjectInput in, @Nullable ProjectType type) {
		List<Project.Line> budget = new ArrayList<>();
		long build = 0;
		long om = 0;
		List<ProjectInput.BudgetLine> budgetInput = in.budgetLines() == null ? List.of() : in.budgetLines();
		if (budgetInput.isEmpty()) {
			problems.add(new FieldProblem("budgetLines", "required",
					"Give at least one budget line; the total decides which levels approve (P5)."));
		}
		if (budgetInput.size() > MAX_LIST) {
			problems.add(new FieldProblem("budgetLines", "too_many", "At most " + MAX_LIST + " budget lines."));
		}
		boolean overflow = false;
		for (int i = 0; i < budgetInput.size() && i < MAX_LIST; i++) {
			Project.Line line = budgetLine(problems, "budgetLines[" + i + "]", budgetInput.get(i), type);
			if (line == null) {
				continue;
			}
			budget.add(line);
			try {
				if (line.kind() == BudgetKind.BUILD) {
					build = Math.addExact(build, line.amountFen());
				}
				else {
					om = Math.addExact(om, line.amountFen());
				}
			}
			catch (ArithmeticException ex) {
				overflow = true;
			}
		}
		long total = 0;
		try {
			total = Math.addExact(build, om);
		}
		catch (ArithmeticException ex) {
			overflow = true;
		}
		if (overflow || total > Amounts.MAX_FEN) {
			problems.add(new FieldProblem("budgetLines", "amount_too_large",
					"The budget's total exceeds " + Amounts.MAX_FEN + " fen."));
		}
		return new Checked.Money(budget, build, om, total);
	}

	/** One budget line, or null when it has a problem. */
	private static Project.@Nullable Line budgetLine(List<FieldProblem> problems, String field,
			ProjectInput.@Nullable BudgetLine b, @Nullable ProjectType type) {
		if (b == null) {
			problems.add(new FieldProblem(field, "required", "A budget line cannot be empty."));
			return null;
		}
		BudgetKind kind = coded(problems, field + ".kind", BudgetKind.class, b.kind(), "build or om");
		FundingSource source = coded(problems, field + ".source", FundingSource.class, b.source(),
				"a funding source such as county-fiscal or central-fiscal");
		Integer year = b.year();
		if (year == null || year < 2000 || year > 2100) {
			problems.add(new FieldProblem(field + ".year", "invalid_year", "year is a calendar year between 2000 and 2100."));
		}
		Long amount = b.amountFen();
		boolean validAmount = amount != null && amount > 0 && amount <= Amounts.MAX_FEN;
		if (!validAmount) {
			problems.add(new FieldProblem(field + ".amountFen", "invalid_amount",
					"amountFen is a whole number of fen, more than 0 and at most " + Amounts.MAX_FEN + "."));
		}
		String note = text(problems, field + ".note", b.note(), 200, false);
		if (kind == BudgetKind.BUILD && type == ProjectType.OM) {
			problems.add(new FieldProblem(field + ".kind", "build_in_om_project",
					"An O&M project has O&M lines only; building belongs to a new-system or upgrade project."));
		}
		if (kind == null || source == null || year == null || !validAmount) {
			return null;
		}
		return new Project.Line(kind, year, source, amount, note == null ? "" : note);
	}

	/** P7: the outcome targets the evaluation compares with measured use. */
	private List<Project.Target> targets(List<FieldProblem> problems, ProjectInput in) {
		List<Project.Target> targets = new ArrayList<>();
		List<ProjectInput.Target> targetInput = in.targets() == null ? List.of() : in.targets();
		if (targetInput.isEmpty()) {
			problems.add(new FieldProblem("targets", "required",
					"Give at least one outcome target: the evaluation compares it with measured use (P7)."));
		}
		if (targetInput.size() > MAX_TARGETS) {
			problems.add(new FieldProblem("targets", "too_many", "At most " + MAX_TARGETS + " targets."));
		}
		for (int i = 0; i < targetInput.size() && i < MAX_TARGETS; i++) {
			Project.Target target = target(problems, "targets[" + i + "]", targetInput.get(i));
			if (target != null) {
				targets.add(target);
			}
		}
		return targets;
	}

	/** One target, or null when it has a problem. */
	private Project.@Nullable Target target(List<FieldProblem> problems, String field, ProjectInput.@Nullable Target t) {
		if (t == null) {
			problems.add(new FieldProblem(field, "required", "A target cannot be empty."));
			return null;
		}
		IndicatorKind kind = coded(problems, field + ".indicator", IndicatorKind.class, t.indicator(),
				"an indicator such as monthly-active-users or exchange-calls-served");
		String tName = text(problems, field + ".name", t.name(), 100, true);
		String unit = text(problems, field + ".unit", t.unit(), 20, false);
		for (var value : List.of(Map.entry("baseline", Optional.ofNullable(t.baseline())),
				Map.entry("target", Optional.ofNullable(t.target())))) {
			BigDecimal number = value.getValue().orElse(null);
			if (number == null) {
				problems.add(new FieldProblem(field + "." + value.getKey(), "required", value.getKey() + " is required."));
			}
			else if (number.signum() < 0 || number.scale() > 2 || number.compareTo(new BigDecimal("1e17")) >= 0) {
				problems.add(new FieldProblem(field + "." + value.getKey(), "invalid_number",
						value.getKey() + " is a number of zero or more with at most two decimals."));
			}
		}
		if (t.due() == null) {
			problems.add(new FieldProblem(field + ".due", "required", "due is the date the target is to be reached."));
		}
		else if (!t.due().isAfter(this.calendar.today())) {
			problems.add(new FieldProblem(field + ".due", "due_in_past", "due must be a date after today."));
		}
		if (kind == null || tName == null || t.baseline() == null || t.target() == null || t.due() == null) {
			return null;
		}
		return new Project.Target(kind, tName, unit == null ? "" : unit, t.baseline(), t.target(), t.due(),
				kind.source());
	}

	/**
	 * P7: targets that all count only things built or users registered are refused, with advice on
	 * what to measure instead; true when that problem was added.
	 */
	private static boolean outputOnly(List<FieldProblem> problems, List<Project.Target> targets, int inputSize) {
		if (targets.isEmpty() || targets.size() != inputSize
				|| !targets.stream().allMatch(t -> IndicatorKind.countsOutput(t.indicator(), t.name()))) {
			return false;
		}
		List<String> advice = new ArrayList<>();
		for (Project.Target t : targets) {
			boolean registrations = t.indicator() == IndicatorKind.USERS_REGISTERED
					|| t.indicator() == IndicatorKind.OTHER_OUTCOME && IndicatorKind.countsRegistrations(t.name());
			IndicatorKind instead = t.indicator().instead() != null ? t.indicator().instead()
					: registrations ? IndicatorKind.MONTHLY_ACTIVE_USERS : IndicatorKind.EXCHANGE_CALLS_SERVED;
			advice.add("'" + t.name() + "' only counts " + (registrations ? "users registered" : "things built")
					+ ": measure " + instead.code() + " (" + instead.labelEn() + ") instead");
		}
		problems.add(new FieldProblem("targets", "output_only_targets",
				"Targets that only count things built or users registered are not accepted on their own (P7): "
						+ String.join("; ", advice) + "."));
		return true;
	}

	private static @Nullable String text(List<FieldProblem> problems, String field, @Nullable String value, int max,
			boolean required) {
		String stripped = value == null ? "" : value.strip();
		if (stripped.isEmpty()) {
			if (required) {
				problems.add(new FieldProblem(field, "required", field + " is required."));
			}
			return null;
		}
		if (stripped.codePointCount(0, stripped.length()) > max) {
			problems.add(new FieldProblem(field, "too_long", field + " is at most " + max + " characters."));
			return null;
		}
		if (stripped.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t')) {
			problems.add(new FieldProblem(field, "control_characters", field + " contains control characters."));
			return null;
		}
		return stripped;
	}

	private static <E extends Enum<E> & Coded> @Nullable E coded(List<FieldProblem> problems, String field,
			Class<E> type, @Nullable String value, String expected) {
		if (value == null || value.isBlank()) {
			problems.add(new FieldProblem(field, "required", field + " is required: " + expected + "."));
			return null;
		}
		Optional<E> parsed = Coded.parse(type, value);
		if (parsed.isEmpty()) {
			problems.add(new FieldProblem(field, "invalid_value",
					"'" + value + "' is not valid for " + field + ": " + expected + "."));
		}
		return parsed.orElse(null);
	}
}
