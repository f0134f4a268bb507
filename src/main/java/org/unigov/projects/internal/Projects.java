package org.unigov.projects.internal;

import org.unigov.projects.ProjectReviews;
import org.unigov.projects.Stage;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Year;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.unigov.shared.Amounts;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
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
import org.unigov.registry.SystemRegistry;
import org.unigov.registry.Taxonomy;
import org.unigov.shared.Actor;
import org.unigov.shared.Coded;
import org.unigov.shared.Role;
import org.unigov.shared.jdbc.Queries;
import org.unigov.shared.jdbc.Where;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proposals (项目申报): written and revised by the proposing agency, checked as a whole on every
 * save (every problem listed at once, P7's output-only targets refused), submitted through the
 * gates of {@link ProjectGates} into the reviews of {@link ProjectReviews}. Who may see a project:
 * its agency, the coordinators and auditors over its division, the platform admin. Every change is
 * audited under subject type {@code project}.
 */
@Service
@Transactional
public class Projects {


	public static final String SUBJECT = "project";

	private static final TypeReference<List<Project.Publication>> PUBLICATIONS = new TypeReference<>() {
	};

	private static final TypeReference<List<Project.Acquisition>> ACQUISITIONS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final OrganizationDirectory directory;

	private final SystemRegistry registry;

	private final Taxonomy taxonomy;

	private final Catalog catalog;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	private final JsonMapper json;

	private final ProjectGates gates;

	Projects(JdbcClient jdbc, OrganizationDirectory directory, SystemRegistry registry, Taxonomy taxonomy,
			Catalog catalog, WorkingCalendar calendar, AuditJournal journal, JsonMapper json, ProjectGates gates) {
		this.gates = gates;
		this.jdbc = jdbc;
		this.directory = directory;
		this.registry = registry;
		this.taxonomy = taxonomy;
		this.catalog = catalog;
		this.calendar = calendar;
		this.journal = journal;
		this.json = json;
	}

	/** What a list of projects is narrowed to; every field optional. */
	public record ProjectFilter(@Nullable ProjectStatus status, @Nullable Stage stage, @Nullable UUID agencyId,
			@Nullable String divisionCode, @Nullable String text, boolean mine) {
	}

	// ---- who may ------------------------------------------------------------------------------

	public static boolean canRead(Actor actor) {
		return actor.hasAny(Role.PLATFORM_ADMIN, Role.COORDINATOR, Role.AUDITOR, Role.AGENCY_ADMIN, Role.AGENCY_STAFF);
	}

	public static boolean isVisible(Actor actor, Project project) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return true;
		}
		if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.covers(project.divisionCode())) {
			return true;
		}
		return actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && project.agencyId().equals(actor.agencyId());
	}

	/** The proposing agency's admins and staff write its proposals. */
	public static boolean canWrite(Actor actor, UUID agencyId) {
		return actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && agencyId.equals(actor.agencyId());
	}

	// ---- reading ------------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public Optional<Project> get(UUID id) {
		List<Project> found = load("where id = ?", List.of(id), "id", 1, 0);
		return found.stream().findFirst();
	}

	@Transactional(readOnly = true)
	public Project visible(Actor actor, UUID id) {
		return get(id).filter(p -> isVisible(actor, p))
			.orElseThrow(() -> UnigovException.notFound(ProjectError.PROJECT_NOT_FOUND, "Project", id));
	}

	/** The projects the actor may see, newest first. */
	@Transactional(readOnly = true)
	public Page<Project> find(Actor actor, ProjectFilter filter, Pageable pageable) {
		if (!canRead(actor)) {
			throw new UnigovException(CommonError.FORBIDDEN, "Projects are for government staff.");
		}
		boolean division = filter.divisionCode() != null && !filter.divisionCode().isBlank();
		boolean text = filter.text() != null && !filter.text().isBlank();
		String like = text ? Queries.contains(filter.text()) : null;
		Where conditions = Where.start()
			.visibleTo(actor, null, List.of("division_code"), List.of("agency_id"))
			.andIf(filter.mine() && actor.agencyId() != null, "agency_id = ?", actor.agencyId())
			.andIf(filter.status() != null, "status = ?", filter.status() == null ? null : filter.status().code())
			.andIf(filter.stage() != null, "stage = ?", filter.stage() == null ? null : filter.stage().code())
			.andIf(filter.agencyId() != null, "agency_id = ?", filter.agencyId())
			.andIf(division, "division_code like ?",
					division ? Queries.startsWith(Actor.significantPrefix(filter.divisionCode().strip())) : null)
			.andIf(text, "name ilike ? or code ilike ? or summary ilike ?", like, like, like);
		String where = conditions.sql();
		List<Object> params = conditions.params();
		long total = this.jdbc.sql("select count(*) from prj_project " + where).params(params).query(Long.class).single();
		List<Project> content = load(where.toString(), params, "created_at desc, id", pageable.getPageSize(),
				pageable.getOffset());
		return new PageImpl<>(content, pageable, total);
	}

	/** Projects with their budget lines and targets, two queries for the lot. */
	private List<Project> load(String where, List<Object> params, String orderBy, int limit, long offset) {
		List<Object> all = new ArrayList<>(params);
		all.add(limit);
		all.add(offset);
		List<Row> rows = this.jdbc.sql("select * from prj_project " + where + " order by " + orderBy + " limit ? offset ?")
			.params(all)
			.query((rs, n) -> row(rs))
			.list();
		if (rows.isEmpty()) {
			return List.of();
		}
		UUID[] ids = rows.stream().map(r -> r.id).toArray(UUID[]::new);
		Map<UUID, List<Project.Line>> lines = new HashMap<>();
		this.jdbc.sql("select * from prj_budget_line where project_id = any(?) order by project_id, line")
			.param(ids)
			.query((rs, n) -> lines.computeIfAbsent(rs.getObject("project_id", UUID.class), k -> new ArrayList<>())
				.add(new Project.Line(code(BudgetKind.class, rs.getString("kind")), rs.getInt("year"),
						code(FundingSource.class, rs.getString("source")), rs.getLong("amount_fen"), rs.getString("note"))))
			.list();
		Map<UUID, List<Project.Target>> targets = new HashMap<>();
		this.jdbc.sql("select * from prj_target where project_id = any(?) order by project_id, line")
			.param(ids)
			.query((rs, n) -> {
				IndicatorKind kind = code(IndicatorKind.class, rs.getString("indicator"));
				return targets.computeIfAbsent(rs.getObject("project_id", UUID.class), k -> new ArrayList<>())
					.add(new Project.Target(kind, rs.getString("name"), rs.getString("unit"), rs.getBigDecimal("baseline"),
							rs.getBigDecimal("target"), rs.getObject("due", LocalDate.class), kind.source()));
			})
			.list();
		return rows.stream()
			.map(r -> r.project(lines.getOrDefault(r.id, List.of()), targets.getOrDefault(r.id, List.of())))
			.toList();
	}

	public static <E extends Enum<E> & Coded> E code(Class<E> type, String code) {
		return Coded.parse(type, code).orElseThrow(() -> new IllegalStateException("Unknown " + type.getSimpleName() + " " + code));
	}

	/** A project row before its lines are attached. */
	private final class Row {

		final UUID id;

		private final Map<String, Object> columns = new HashMap<>();

		Row(ResultSet rs) throws SQLException {
			this.id = rs.getObject("id", UUID.class);
			var meta = rs.getMetaData();
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				Object value = rs.getObject(i);
				if (value instanceof Array array) {
					value = array.getArray();
				}
				this.columns.put(meta.getColumnLabel(i), value);
			}
		}

		@Nullable String text(String column) {
			Object value = this.columns.get(column);
			return value == null ? null : value.toString();
		}

		String string(String column) {
			return Objects.requireNonNull(text(column), column);
		}

		@Nullable Instant instant(String column) {
			Object value = this.columns.get(column);
			if (value instanceof OffsetDateTime at) {
				return at.toInstant();
			}
			return value instanceof java.sql.Timestamp at ? at.toInstant() : null;
		}

		@Nullable LocalDate date(String column) {
			Object value = this.columns.get(column);
			return value instanceof java.sql.Date day ? day.toLocalDate() : (LocalDate) value;
		}

		Project project(List<Project.Line> lines, List<Project.Target> targets) {
			Object[] capabilities = (Object[]) this.columns.get("capabilities");
			Object[] reuse = (Object[]) this.columns.get("reuse_system_ids");
			Object[] collects = (Object[]) this.columns.get("collects");
			Object[] route = (Object[]) this.columns.get("route");
			Object target = this.columns.get("target_system_id");
			return new Project(this.id, string("code"), string("name"), string("summary"),
					(UUID) this.columns.get("agency_id"), string("agency_code"), string("division_code"),
					((Number) this.columns.get("division_level")).intValue(), code(ProjectType.class, string("type")),
					code(StagePath.class, string("path")), text("plan_reference"), text("urgency_reason"),
					code(Stage.class, string("stage")), code(ProjectStatus.class, string("status")),
					target == null ? null : (UUID) target,
					java.util.Arrays.stream(capabilities).map(String::valueOf).toList(),
					(Boolean) this.columns.get("public_facing"), code(LoginMethod.class, string("sign_in")),
					text("identity_exemption"), text("overlap_justification"),
					java.util.Arrays.stream(reuse).map(o -> (UUID) o).toList(),
					Projects.this.json.readValue(string("publishes"), PUBLICATIONS),
					Projects.this.json.readValue(string("obtains"), ACQUISITIONS),
					java.util.Arrays.stream(collects).map(String::valueOf).toList(),
					((Number) this.columns.get("build_fen")).longValue(), ((Number) this.columns.get("om_fen")).longValue(),
					((Number) this.columns.get("total_fen")).longValue(),
					java.util.Arrays.stream(route).map(o -> ((Number) o).intValue()).toList(),
					((Number) this.columns.get("round")).intValue(), lines, targets, instant("submitted_at"),
					instant("decided_at"), text("gate_outcome") == null ? null : code(GateOutcome.class, string("gate_outcome")),
					(UUID) this.columns.get("delivered_system_id"), date("go_live_date"), instant("accepted_at"),
					string("created_by"), Objects.requireNonNull(instant("created_at")),
					Objects.requireNonNull(instant("updated_at")), ((Number) this.columns.get("version")).longValue());
		}
	}

	private Row row(ResultSet rs) throws SQLException {
		return new Row(rs);
	}

	// ---- writing ------------------------------------------------------------------------------

	/** A proposal checked and resolved: what is stored. */
	record Checked(Agency agency, Division division, ProjectType type, StagePath path, @Nullable String planReference,
			@Nullable String urgencyReason, @Nullable UUID targetSystemId, List<String> capabilities,
			boolean publicFacing, LoginMethod signIn, @Nullable String identityExemption,
			@Nullable String overlapJustification, List<UUID> reuseSystemIds, List<Project.Publication> publishes,
			List<Project.Acquisition> obtains, List<String> collects, List<Project.Line> budgetLines,
			List<Project.Target> targets, long buildFen, long omFen, long totalFen, String name, String summary) {
	}

	/** Writes a new draft proposal for the actor's agency (audited: project.created). */
	public Project create(Actor actor, ProjectInput input) {
		UUID agencyId = input.agencyId() != null ? input.agencyId() : actor.agencyId();
		if (agencyId == null || !canWrite(actor, agencyId)) {
			throw new UnigovException(ProjectError.NOT_YOUR_PROJECT,
					"Only the admins and staff of the proposing agency write its proposals.");
		}
		Checked c = check(input, agencyId, null);
		UUID id = UUID.randomUUID();
		long number = this.jdbc.sql("select nextval('prj_project_number')").query(Long.class).single();
		String code = "XM-%s-%d-%05d".formatted(c.division().code(), Year.now(WorkingCalendar.ZONE).getValue(), number);
		this.jdbc.sql("""
				insert into prj_project (id, code, name, summary, agency_id, agency_code, division_code, division_level,
				    type, path, plan_reference, urgency_reason, stage, status, target_system_id, capabilities,
				    public_facing, sign_in, identity_exemption, overlap_justification, reuse_system_ids, publishes,
				    obtains, collects, build_fen, om_fen, total_fen, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?)""")
			.params(id, code, c.name(), c.summary(), c.agency().id().value(), c.agency().creditCode(), c.division().code(),
					c.division().level(), c.type().code(), c.path().code(), c.planReference(), c.urgencyReason(),
					firstStage(c.path()).code(), c.targetSystemId(), c.capabilities().toArray(String[]::new),
					c.publicFacing(), c.signIn().code(), c.identityExemption(), c.overlapJustification(),
					c.reuseSystemIds().toArray(UUID[]::new), this.json.writeValueAsString(c.publishes()),
					this.json.writeValueAsString(c.obtains()), c.collects().toArray(String[]::new), c.buildFen(), c.omFen(),
					c.totalFen(), actor.username())
			.update();
		writeLines(id, c);
		this.journal.append(actor, AuditRecord.of("project.created", SUBJECT, id, c.division().code(),
				summary(code, c)));
		return checkGates(actor, id);
	}

	/** Revises a draft or a returned proposal (audited: project.updated). */
	public Project update(Actor actor, UUID id, ProjectInput input, long expectedVersion) {
		Project project = visible(actor, id);
		if (!canWrite(actor, project.agencyId())) {
			throw new UnigovException(ProjectError.NOT_YOUR_PROJECT,
					"Only the admins and staff of the proposing agency revise its proposals.");
		}
		if (!project.editable()) {
			throw new UnigovException(ProjectError.NOT_EDITABLE, "Project " + project.code() + " is "
					+ project.status().code() + ": only a draft or a returned proposal can be revised.");
		}
		if (input.agencyId() != null && !input.agencyId().equals(project.agencyId())) {
			throw UnigovException.invalid(ProjectError.INVALID_PROJECT, "A project stays with the agency that proposed it.",
					List.of(new FieldProblem("agencyId", "agency_fixed", "A project stays with the agency that proposed it.")));
		}
		Checked c = check(input, project.agencyId(), project);
		int updated = this.jdbc.sql("""
				update prj_project set name = ?, summary = ?, type = ?, path = ?, plan_reference = ?, urgency_reason = ?,
				    stage = case when round = 0 then ? else stage end, target_system_id = ?, capabilities = ?,
				    public_facing = ?, sign_in = ?, identity_exemption = ?, overlap_justification = ?,
				    reuse_system_ids = ?, publishes = ?::jsonb, obtains = ?::jsonb, collects = ?, build_fen = ?,
				    om_fen = ?, total_fen = ?, updated_at = now(), version = version + 1
				where id = ? and version = ?""")
			.params(c.name(), c.summary(), c.type().code(), c.path().code(), c.planReference(), c.urgencyReason(),
					firstStage(c.path()).code(), c.targetSystemId(), c.capabilities().toArray(String[]::new),
					c.publicFacing(), c.signIn().code(), c.identityExemption(), c.overlapJustification(),
					c.reuseSystemIds().toArray(UUID[]::new), this.json.writeValueAsString(c.publishes()),
					this.json.writeValueAsString(c.obtains()), c.collects().toArray(String[]::new), c.buildFen(), c.omFen(),
					c.totalFen(), id, expectedVersion)
			.update();
		requireUpdated(updated, project, expectedVersion);
		this.jdbc.sql("delete from prj_budget_line where project_id = ?").param(id).update();
		this.jdbc.sql("delete from prj_target where project_id = ?").param(id).update();
		writeLines(id, c);
		this.journal.append(actor, AuditRecord.of("project.updated", SUBJECT, id, project.divisionCode(),
				summary(project.code(), c)));
		return checkGates(actor, id);
	}

	/** Withdraws a proposal not yet approved; its open reviews are cancelled (audited: project.withdrawn). */
	public Project withdraw(Actor actor, UUID id, long expectedVersion) {
		Project project = visible(actor, id);
		if (!canWrite(actor, project.agencyId())) {
			throw new UnigovException(ProjectError.NOT_YOUR_PROJECT, "Only the proposing agency withdraws its proposal.");
		}
		if (!Set.of(ProjectStatus.DRAFT, ProjectStatus.RETURNED, ProjectStatus.IN_REVIEW).contains(project.status())) {
			throw new UnigovException(ProjectError.WRONG_STATE,
					"Project " + project.code() + " is " + project.status().code() + " and can no longer be withdrawn.");
		}
		int updated = this.jdbc.sql("""
				update prj_project set status = 'withdrawn', updated_at = now(), version = version + 1
				where id = ? and version = ?""").params(id, expectedVersion).update();
		requireUpdated(updated, project, expectedVersion);
		this.jdbc.sql("update prj_review_step set status = 'cancelled' where project_id = ? and status in ('waiting', 'pending')")
			.param(id)
			.update();
		this.journal.append(actor, AuditRecord.of("project.withdrawn", SUBJECT, id, project.divisionCode(),
				Map.of("code", project.code(), "from", project.status().code())));
		return get(id).orElseThrow();
	}

	/**
	 * Runs the gates on a saved proposal and keeps their worst outcome, so coordinators see which
	 * proposals would fail before they are submitted (the portfolio's "failing gates").
	 */
	private Project checkGates(Actor actor, UUID id) {
		Project project = get(id).orElseThrow();
		GateOutcome outcome = GateResult.worst(this.gates.run(actor, project));
		this.jdbc.sql("update prj_project set gate_outcome = ?, gates_checked_at = now() where id = ?")
			.params(outcome.code(), id)
			.update();
		return get(id).orElseThrow();
	}

	public static void requireUpdated(int updated, Project project, long expectedVersion) {
		if (updated == 0) {
			throw new UnigovException(CommonError.STALE_VERSION, "Project " + project.code()
					+ " was changed by someone else (you had version " + expectedVersion + "): reload it and try again.");
		}
	}

	public static Stage firstStage(StagePath path) {
		return switch (path) {
			case STANDARD -> Stage.PROPOSAL;
			case IN_PLAN -> Stage.FEASIBILITY;
			case URGENT -> Stage.FEASIBILITY_DESIGN;
		};
	}

	/** P1: the stage after an approved one, or null when the approved one was the last. */
	public static @Nullable Stage nextStage(StagePath path, Stage stage) {
		return switch (stage) {
			case PROPOSAL -> Stage.FEASIBILITY;
			case FEASIBILITY -> Stage.PRELIMINARY_DESIGN;
			case PRELIMINARY_DESIGN, FEASIBILITY_DESIGN -> null;
		};
	}

	private void writeLines(UUID id, Checked c) {
		int line = 0;
		for (Project.Line l : c.budgetLines()) {
			this.jdbc.sql("insert into prj_budget_line (project_id, line, kind, year, source, amount_fen, note) values (?, ?, ?, ?, ?, ?, ?)")
				.params(id, ++line, l.kind().code(), l.year(), l.source().code(), l.amountFen(), l.note())
				.update();
		}
		line = 0;
		for (Project.Target t : c.targets()) {
			this.jdbc.sql("insert into prj_target (project_id, line, indicator, name, unit, baseline, target, due) values (?, ?, ?, ?, ?, ?, ?, ?)")
				.params(id, ++line, t.indicator().code(), t.name(), t.unit(), t.baseline(), t.target(), t.due())
				.update();
		}
	}

	private static Map<String, Object> summary(String code, Checked c) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("code", code);
		details.put("name", c.name());
		details.put("type", c.type().code());
		details.put("path", c.path().code());
		details.put("buildFen", c.buildFen());
		details.put("omFen", c.omFen());
		details.put("totalFen", c.totalFen());
		details.put("capabilities", c.capabilities());
		details.put("targets", c.targets().stream().map(t -> t.indicator().code()).toList());
		return details;
	}

	// ---- checking -----------------------------------------------------------------------------

	private static final int MAX_LIST = 100;

	/**
	 * Checks a proposal as a whole and resolves its references; every problem is listed in one
	 * 422. Output-only targets alone give {@code output_only_targets} (P7).
	 */
	Checked check(ProjectInput in, UUID agencyId, @Nullable Project existing) {
		List<FieldProblem> problems = new ArrayList<>();
		Agency agency = this.directory.agency(new AgencyId(agencyId))
			.filter(Agency::active)
			.orElseThrow(() -> UnigovException.notFound(ProjectError.INVALID_PROJECT, "Agency", agencyId));
		Division division = this.directory.requireDivision(agency.divisionCode());
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
		if (path == StagePath.IN_PLAN && planReference == null && problems.stream().noneMatch(p -> p.field().equals("planReference"))) {
			problems.add(new FieldProblem("planReference", "required", "planReference is required."));
		}
		UUID targetSystemId = in.targetSystemId();
		if (type == ProjectType.NEW_SYSTEM && targetSystemId != null) {
			problems.add(new FieldProblem("targetSystemId", "not_for_new_system",
					"A new system has no target system; an upgrade or O&M names the registered system."));
		}
		else if ((type == ProjectType.UPGRADE || type == ProjectType.OM) && targetSystemId == null) {
			problems.add(new FieldProblem("targetSystemId", "required",
					"An upgrade or O&M project names the registered system it upgrades or maintains."));
		}
		else if (targetSystemId != null) {
			Optional<RegisteredSystem> system = this.registry.get(targetSystemId);
			if (system.isEmpty() || !system.get().agencyId().equals(agencyId)) {
				problems.add(new FieldProblem("targetSystemId", "unknown_system",
						"The target system must be a registered system of the proposing agency."));
			}
		}
		List<String> capabilities = new ArrayList<>();
		List<String> capabilityInput = in.capabilities() == null ? List.of() : in.capabilities();
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
		if (capabilities.isEmpty() && type != ProjectType.OM && problems.stream().noneMatch(p -> p.field().startsWith("capabilities"))) {
			problems.add(new FieldProblem("capabilities", "required",
					"Name at least one planned capability from the function taxonomy; the duplicate check needs them (P3)."));
		}
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
			if (systemId == null || this.registry.get(systemId).isEmpty()) {
				problems.add(new FieldProblem("reuseSystemIds[" + i + "]", "unknown_system",
						"A system to reuse must be in the registry."));
			}
			else if (!reuse.contains(systemId)) {
				reuse.add(systemId);
			}
		}
		List<Project.Publication> publishes = new ArrayList<>();
		List<ProjectInput.Publication> publishInput = in.publishes() == null ? List.of() : in.publishes();
		for (int i = 0; i < publishInput.size() && i < MAX_LIST; i++) {
			ProjectInput.Publication p = publishInput.get(i);
			String field = "publishes[" + i + "]";
			String pName = text(problems, field + ".name", p == null ? null : p.name(), 50, true);
			String pDescription = text(problems, field + ".description", p == null ? null : p.description(), 256, false);
			if (pName != null) {
				publishes.add(new Project.Publication(pName, pDescription == null ? "" : pDescription));
			}
		}
		List<Project.Acquisition> obtains = new ArrayList<>();
		List<ProjectInput.Acquisition> obtainInput = in.obtains() == null ? List.of() : in.obtains();
		for (int i = 0; i < obtainInput.size() && i < MAX_LIST; i++) {
			ProjectInput.Acquisition a = obtainInput.get(i);
			String field = "obtains[" + i + "]";
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
			if (code != null) {
				Optional<CatalogEntry> entry = this.catalog.byCode(code);
				if (entry.isEmpty()) {
					problems.add(new FieldProblem(field + ".entryCode", "unknown_resource",
							"'" + code + "' is not a resource of the catalog; data obtained through sharing must name one (P2)."));
				}
				else {
					obtains.add(new Project.Acquisition(entry.get().id(), entry.get().code(), entry.get().content().name(),
							items, purpose == null ? "" : purpose));
				}
			}
		}
		List<String> collects = new ArrayList<>();
		List<String> collectInput = in.collects() == null ? List.of() : in.collects();
		for (int i = 0; i < collectInput.size() && i < MAX_LIST; i++) {
			String value = text(problems, "collects[" + i + "]", collectInput.get(i), 50, true);
			if (value != null && !collects.contains(value)) {
				collects.add(value);
			}
		}
		for (var list : List.of(Map.entry("publishes", publishInput.size()), Map.entry("obtains", obtainInput.size()),
				Map.entry("collects", collectInput.size()), Map.entry("reuseSystemIds", reuseInput.size()))) {
			if (list.getValue() > MAX_LIST) {
				problems.add(new FieldProblem(list.getKey(), "too_many", "At most " + MAX_LIST + " entries."));
			}
		}
		// budget, in fen, summed exactly
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
			ProjectInput.BudgetLine b = budgetInput.get(i);
			String field = "budgetLines[" + i + "]";
			if (b == null) {
				problems.add(new FieldProblem(field, "required", "A budget line cannot be empty."));
				continue;
			}
			BudgetKind kind = coded(problems, field + ".kind", BudgetKind.class, b.kind(), "build or om");
			FundingSource source = coded(problems, field + ".source", FundingSource.class, b.source(),
					"a funding source such as county-fiscal or central-fiscal");
			Integer year = b.year();
			if (year == null || year < 2000 || year > 2100) {
				problems.add(new FieldProblem(field + ".year", "invalid_year", "year is a calendar year between 2000 and 2100."));
			}
			Long amount = b.amountFen();
			if (amount == null || amount <= 0 || amount > Amounts.MAX_FEN) {
				problems.add(new FieldProblem(field + ".amountFen", "invalid_amount",
						"amountFen is a whole number of fen, more than 0 and at most " + Amounts.MAX_FEN + "."));
			}
			String note = text(problems, field + ".note", b.note(), 200, false);
			if (kind == BudgetKind.BUILD && type == ProjectType.OM) {
				problems.add(new FieldProblem(field + ".kind", "build_in_om_project",
						"An O&M project has O&M lines only; building belongs to a new-system or upgrade project."));
			}
			if (kind != null && source != null && year != null && amount != null && amount > 0 && amount <= Amounts.MAX_FEN) {
				budget.add(new Project.Line(kind, year, source, amount, note == null ? "" : note));
				try {
					if (kind == BudgetKind.BUILD) {
						build = Math.addExact(build, amount);
					}
					else {
						om = Math.addExact(om, amount);
					}
				}
				catch (ArithmeticException ex) {
					overflow = true;
				}
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
			problems.add(new FieldProblem("budgetLines", "amount_too_large", "The budget's total exceeds " + Amounts.MAX_FEN + " fen."));
		}
		// P7: outcome targets
		List<Project.Target> targets = new ArrayList<>();
		List<ProjectInput.Target> targetInput = in.targets() == null ? List.of() : in.targets();
		if (targetInput.isEmpty()) {
			problems.add(new FieldProblem("targets", "required",
					"Give at least one outcome target: the evaluation compares it with measured use (P7)."));
		}
		if (targetInput.size() > 20) {
			problems.add(new FieldProblem("targets", "too_many", "At most 20 targets."));
		}
		for (int i = 0; i < targetInput.size() && i < 20; i++) {
			ProjectInput.Target t = targetInput.get(i);
			String field = "targets[" + i + "]";
			if (t == null) {
				problems.add(new FieldProblem(field, "required", "A target cannot be empty."));
				continue;
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
			if (kind != null && tName != null && t.baseline() != null && t.target() != null && t.due() != null) {
				targets.add(new Project.Target(kind, tName, unit == null ? "" : unit, t.baseline(), t.target(), t.due(),
						kind.source()));
			}
		}
		boolean p7 = false;
		if (!targets.isEmpty() && targets.size() == targetInput.size()
				&& targets.stream().allMatch(t -> IndicatorKind.countsOutput(t.indicator(), t.name()))) {
			p7 = true;
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
		}
		if (!problems.isEmpty()) {
			boolean onlyP7 = p7 && problems.size() == 1;
			throw UnigovException.invalid(onlyP7 ? ProjectError.OUTPUT_ONLY_TARGETS : ProjectError.INVALID_PROJECT,
					onlyP7 ? problems.getFirst().message()
							: "The proposal has " + problems.size() + " problem(s): " + UnigovException.messages(problems),
					problems);
		}
		return new Checked(agency, division, Objects.requireNonNull(type), Objects.requireNonNull(path), planReference,
				urgencyReason, targetSystemId, capabilities, Boolean.TRUE.equals(in.publicFacing()),
				Objects.requireNonNull(signIn), signIn == LoginMethod.OWN_ACCOUNTS ? exemption : null, justification, reuse, publishes, obtains, collects, budget,
				targets, build, om, total, Objects.requireNonNull(name), Objects.requireNonNull(summary));
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

	private static <E extends Enum<E> & Coded> @Nullable E coded(List<FieldProblem> problems, String field, Class<E> type,
			@Nullable String value, String expected) {
		if (value == null || value.isBlank()) {
			problems.add(new FieldProblem(field, "required", field + " is required: " + expected + "."));
			return null;
		}
		Optional<E> parsed = Coded.parse(type, value);
		if (parsed.isEmpty()) {
			problems.add(new FieldProblem(field, "invalid_value", "'" + value + "' is not valid for " + field + ": " + expected + "."));
		}
		return parsed.orElse(null);
	}

	/** Agencies by id for views. */
	@Transactional(readOnly = true)
	public Map<UUID, Agency> agencies(Collection<UUID> ids) {
		return this.directory.agencies(new LinkedHashSet<>(ids));
	}
}
