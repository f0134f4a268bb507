package org.unigov.projects.internal;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.projects.Stage;
import org.unigov.registry.FundingSource;
import org.unigov.registry.LoginMethod;
import org.unigov.shared.Actor;
import org.unigov.shared.jdbc.Queries;
import org.unigov.shared.jdbc.Where;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The proposals ({@code prj_project}) with their budget lines and outcome targets: their SQL, row
 * mapping and who sees which (the agency its own, coordinators and auditors their division).
 */
@Repository
public class Proposals {

	private static final TypeReference<List<Project.Publication>> PUBLICATIONS = new TypeReference<>() {
	};

	private static final TypeReference<List<Project.Acquisition>> ACQUISITIONS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Proposals(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public Optional<Project> get(UUID id) {
		return load("where id = ?", List.of(id), "id", 1, 0).stream().findFirst();
	}

	/** The projects the actor may see narrowed by the filter, newest first. */
	public Page<Project> find(Actor actor, Projects.ProjectFilter filter, Pageable pageable) {
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
		long total = this.jdbc.sql("select count(*) from prj_project " + conditions.sql())
			.params(conditions.params())
			.query(Long.class)
			.single();
		List<Project> content = load(conditions.sql(), conditions.params(), "created_at desc, id",
				pageable.getPageSize(), pageable.getOffset());
		return new PageImpl<>(content, pageable, total);
	}

	/** The next number of the year's project codes. */
	public long nextNumber() {
		return this.jdbc.sql("select nextval('prj_project_number')").query(Long.class).single();
	}

	/** Stores a new draft with its lines; the draft as stored. */
	public Project insert(UUID id, String code, Checked c, String createdBy) {
		Checked.Basics b = c.basics();
		Checked.Reach r = c.reach();
		Project project = this.jdbc.sql("""
				insert into prj_project (id, code, name, summary, agency_id, agency_code, division_code, division_level,
				    type, path, plan_reference, urgency_reason, stage, status, target_system_id, capabilities,
				    public_facing, sign_in, identity_exemption, overlap_justification, reuse_system_ids, publishes,
				    obtains, collects, build_fen, om_fen, total_fen, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?)
				returning *""")
			.params(id, code, b.name(), b.summary(), c.agency().id().value(), c.agency().creditCode(),
					c.division().code(), c.division().level(), b.type().code(), b.path().code(), b.planReference(),
					b.urgencyReason(), Projects.firstStage(b.path()).code(), r.targetSystemId(),
					r.capabilities().toArray(String[]::new), r.publicFacing(), r.signIn().code(), r.identityExemption(),
					r.overlapJustification(), r.reuseSystemIds().toArray(UUID[]::new),
					this.json.writeValueAsString(c.flows().publishes()), this.json.writeValueAsString(c.flows().obtains()),
					c.flows().collects().toArray(String[]::new), c.money().buildFen(), c.money().omFen(),
					c.money().totalFen(), createdBy)
			.query((rs, n) -> new Row(rs).project(c.money().lines(), c.targets()))
			.single();
		writeLines(id, c);
		return project;
	}

	/** Stores a revision if the row is still at {@code expectedVersion}; empty when it was not. */
	public Optional<Project> update(UUID id, Checked c, long expectedVersion) {
		Checked.Basics b = c.basics();
		Checked.Reach r = c.reach();
		Optional<Project> updated = this.jdbc.sql("""
				update prj_project set name = ?, summary = ?, type = ?, path = ?, plan_reference = ?, urgency_reason = ?,
				    stage = case when round = 0 then ? else stage end, target_system_id = ?, capabilities = ?,
				    public_facing = ?, sign_in = ?, identity_exemption = ?, overlap_justification = ?,
				    reuse_system_ids = ?, publishes = ?::jsonb, obtains = ?::jsonb, collects = ?, build_fen = ?,
				    om_fen = ?, total_fen = ?, updated_at = now(), version = version + 1
				where id = ? and version = ?
				returning *""")
			.params(b.name(), b.summary(), b.type().code(), b.path().code(), b.planReference(), b.urgencyReason(),
					Projects.firstStage(b.path()).code(), r.targetSystemId(), r.capabilities().toArray(String[]::new),
					r.publicFacing(), r.signIn().code(), r.identityExemption(), r.overlapJustification(),
					r.reuseSystemIds().toArray(UUID[]::new), this.json.writeValueAsString(c.flows().publishes()),
					this.json.writeValueAsString(c.flows().obtains()), c.flows().collects().toArray(String[]::new),
					c.money().buildFen(), c.money().omFen(), c.money().totalFen(), id, expectedVersion)
			.query((rs, n) -> new Row(rs).project(c.money().lines(), c.targets()))
			.optional();
		if (updated.isEmpty()) {
			return updated;
		}
		this.jdbc.sql("delete from prj_budget_line where project_id = ?").param(id).update();
		this.jdbc.sql("delete from prj_target where project_id = ?").param(id).update();
		writeLines(id, c);
		return updated;
	}

	/** Marks a proposal withdrawn if still at {@code expectedVersion}; empty when it was not. */
	public Optional<Project> withdraw(Project project, long expectedVersion) {
		return write(project, """
				update prj_project set status = 'withdrawn', updated_at = now(), version = version + 1
				where id = ? and version = ?""", project.id(), expectedVersion);
	}

	/** Counts a change to the project (a review decided, a plan replaced) if still at {@code expectedVersion}. */
	public Optional<Project> touch(Project project, long expectedVersion) {
		return write(project, "update prj_project set updated_at = now(), version = version + 1 where id = ? and version = ?",
				project.id(), expectedVersion);
	}

	/** Puts a proposal in review for a new round along {@code route}, if still at {@code expectedVersion}. */
	public Optional<Project> submit(Project project, int round, List<Integer> route, long expectedVersion) {
		return write(project, """
				update prj_project set status = 'in-review', round = ?, route = ?, submitted_at = now(), updated_at = now(),
				    version = version + 1
				where id = ? and version = ?""", round, route.toArray(Integer[]::new), project.id(), expectedVersion);
	}

	/** The last stage approved: the project is approved. */
	public Project approve(Project project) {
		return write(project, "update prj_project set status = 'approved', decided_at = now() where id = ?", project.id())
			.orElseThrow();
	}

	/** A stage approved: the project is a draft again at the next stage (P1). */
	public Project nextStage(Project project, Stage next) {
		return write(project, "update prj_project set status = 'draft', stage = ? where id = ?", next.code(), project.id())
			.orElseThrow();
	}

	/** Returned for revision or rejected; a rejection is the final decision. */
	public Project close(Project project, boolean rejected) {
		return write(project,
				"update prj_project set status = ?, decided_at = case when ? then now() else decided_at end where id = ?",
				rejected ? "rejected" : "returned", rejected, project.id())
			.orElseThrow();
	}

	/** Acceptance decided (P6): accepted, or left approved when refused; if still at {@code expectedVersion}. */
	public Optional<Project> decideAcceptance(Project project, boolean accept, long expectedVersion) {
		return write(project, """
				update prj_project set status = case when ? then 'accepted' else status end,
				    accepted_at = case when ? then now() else accepted_at end, updated_at = now(), version = version + 1
				where id = ? and version = ?""", accept, accept, project.id(), expectedVersion);
	}

	/** Names the delivered system and its go-live date, if still at {@code expectedVersion}. */
	public Optional<Project> deliver(Project project, @Nullable UUID systemId, @Nullable LocalDate goLive,
			long expectedVersion) {
		return write(project, """
				update prj_project set delivered_system_id = ?, go_live_date = ?, updated_at = now(), version = version + 1
				where id = ? and version = ?""", systemId, goLive, project.id(), expectedVersion);
	}

	/** Adds a payment (or a negative correction) to the money spent. */
	public Project addSpent(Project project, long amountFen) {
		return write(project, "update prj_project set spent_fen = spent_fen + ?, updated_at = now() where id = ?", amountFen,
				project.id())
			.orElseThrow();
	}

	/** Locks the project's row until the transaction ends (one acceptance request at a time). */
	public void lock(UUID id) {
		this.jdbc.sql("select id from prj_project where id = ? for update").param(id).query(UUID.class).single();
	}

	/** Whether any project is stored (the demo seeder seeds an empty module only). */
	public boolean any() {
		return this.jdbc.sql("select exists (select 1 from prj_project)").query(Boolean.class).single();
	}

	/** Runs an update of one project row and returns the row as written, with the project's lines. */
	private Optional<Project> write(Project before, String update, @Nullable Object... params) {
		return this.jdbc.sql(update + " returning *")
			.params(params)
			.query((rs, n) -> new Row(rs).project(before.budgetLines(), before.targets()))
			.optional();
	}

	/** Keeps the worst outcome of the gates run on the saved proposal. */
	public Project recordGateOutcome(Project project, GateOutcome outcome) {
		return write(project, "update prj_project set gate_outcome = ?, gates_checked_at = now() where id = ?",
				outcome.code(), project.id())
			.orElseThrow();
	}

	private void writeLines(UUID id, Checked c) {
		int line = 0;
		for (Project.Line l : c.money().lines()) {
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

	/** Projects with their budget lines and targets, three queries for the lot. */
	private List<Project> load(String where, List<Object> params, String orderBy, int limit, long offset) {
		List<Object> all = new ArrayList<>(params);
		all.add(limit);
		all.add(offset);
		List<Row> rows = this.jdbc.sql("select * from prj_project " + where + " order by " + orderBy + " limit ? offset ?")
			.params(all)
			.query((rs, n) -> new Row(rs))
			.list();
		if (rows.isEmpty()) {
			return List.of();
		}
		UUID[] ids = rows.stream().map(r -> r.id).toArray(UUID[]::new);
		Map<UUID, List<Project.Line>> lines = lines(ids);
		Map<UUID, List<Project.Target>> targets = targets(ids);
		return rows.stream()
			.map(r -> r.project(lines.getOrDefault(r.id, List.of()), targets.getOrDefault(r.id, List.of())))
			.toList();
	}

	private Map<UUID, List<Project.Line>> lines(UUID[] ids) {
		Map<UUID, List<Project.Line>> lines = new HashMap<>();
		this.jdbc.sql("select * from prj_budget_line where project_id = any(?) order by project_id, line")
			.param(ids)
			.query((rs, n) -> lines.computeIfAbsent(rs.getObject("project_id", UUID.class), k -> new ArrayList<>())
				.add(new Project.Line(Projects.code(BudgetKind.class, rs.getString("kind")), rs.getInt("year"),
						Projects.code(FundingSource.class, rs.getString("source")), rs.getLong("amount_fen"),
						rs.getString("note"))))
			.list();
		return lines;
	}

	private Map<UUID, List<Project.Target>> targets(UUID[] ids) {
		Map<UUID, List<Project.Target>> targets = new HashMap<>();
		this.jdbc.sql("select * from prj_target where project_id = any(?) order by project_id, line")
			.param(ids)
			.query((rs, n) -> {
				IndicatorKind kind = Projects.code(IndicatorKind.class, rs.getString("indicator"));
				return targets.computeIfAbsent(rs.getObject("project_id", UUID.class), k -> new ArrayList<>())
					.add(new Project.Target(kind, rs.getString("name"), rs.getString("unit"), rs.getBigDecimal("baseline"),
							rs.getBigDecimal("target"), rs.getObject("due", LocalDate.class), kind.source()));
			})
			.list();
		return targets;
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
			return value instanceof Timestamp at ? at.toInstant() : null;
		}

		@Nullable LocalDate date(String column) {
			Object value = this.columns.get(column);
			return value instanceof Date day ? day.toLocalDate() : (LocalDate) value;
		}

		long number(String column) {
			return ((Number) this.columns.get(column)).longValue();
		}

		List<String> strings(String column) {
			return Arrays.stream((Object[]) this.columns.get(column)).map(String::valueOf).toList();
		}

		Project project(List<Project.Line> lines, List<Project.Target> targets) {
			Object[] reuse = (Object[]) this.columns.get("reuse_system_ids");
			Object[] route = (Object[]) this.columns.get("route");
			return new Project(this.id, string("code"), string("name"), string("summary"),
					(UUID) this.columns.get("agency_id"), string("agency_code"), string("division_code"),
					(int) number("division_level"), Projects.code(ProjectType.class, string("type")),
					Projects.code(StagePath.class, string("path")), text("plan_reference"), text("urgency_reason"),
					Projects.code(Stage.class, string("stage")),
					Projects.code(ProjectStatus.class, string("status")), (UUID) this.columns.get("target_system_id"),
					strings("capabilities"), (Boolean) this.columns.get("public_facing"),
					Projects.code(LoginMethod.class, string("sign_in")), text("identity_exemption"),
					text("overlap_justification"), Arrays.stream(reuse).map(o -> (UUID) o).toList(),
					Proposals.this.json.readValue(string("publishes"), PUBLICATIONS),
					Proposals.this.json.readValue(string("obtains"), ACQUISITIONS), strings("collects"),
					number("build_fen"), number("om_fen"), number("total_fen"),
					Arrays.stream(route).map(o -> ((Number) o).intValue()).toList(), (int) number("round"), lines,
					targets, instant("submitted_at"), instant("decided_at"),
					text("gate_outcome") == null ? null : Projects.code(GateOutcome.class, string("gate_outcome")),
					(UUID) this.columns.get("delivered_system_id"), date("go_live_date"), instant("accepted_at"),
					string("created_by"), Objects.requireNonNull(instant("created_at")),
					Objects.requireNonNull(instant("updated_at")), number("version"));
		}
	}
}
