package org.unigov.registry;

import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.Coded;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.organization.Agency;
import org.unigov.organization.AgencyId;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.jdbc.Queries;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * The inventory of government systems. Reading is scoped like the rest of the platform: platform
 * admins see everything, coordinators and auditors their division subtree, agency admins and
 * staff their own agency. Only agency admins and staff (their own agency's systems) and platform
 * admins write; only a platform admin marks a system as a shared platform. Every change is audited
 * in the transaction that makes it, and announced with {@link SystemsChanged}.
 */
@Service
@Transactional
public class SystemRegistry {

	/** Largest amount accepted, in fen: ¥1 trillion. */

	static final RowMapper<RegisteredSystem> ROWS = SystemRegistry::row;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final OrganizationDirectory organizations;

	private final Taxonomy taxonomy;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final DuplicateGuard duplicates;

	SystemRegistry(JdbcClient jdbc, JdbcTemplate template, OrganizationDirectory organizations, Taxonomy taxonomy, AuditJournal journal,
			ApplicationEventPublisher events, Clock clock, ObjectProvider<DuplicateFinder> finder) {
		this.duplicates = new DuplicateGuard(finder);
		this.jdbc = jdbc;
		this.template = template;
		this.organizations = organizations;
		this.taxonomy = taxonomy;
		this.journal = journal;
		this.events = events;
		this.clock = clock;
	}

	/** What a list of systems is narrowed to; every part is optional. */
	public record SystemFilter(@Nullable String divisionCode, @Nullable UUID agencyId, @Nullable String capability,
			@Nullable SystemStatus status, @Nullable LoginMethod loginMethod, @Nullable String text,
			@Nullable Boolean sharedPlatform) {
	}

	/** Whether the actor may read the registry at all. */
	public static boolean canRead(Actor actor) {
		return actor.hasAny(Role.PLATFORM_ADMIN, Role.COORDINATOR, Role.AUDITOR, Role.AGENCY_ADMIN, Role.AGENCY_STAFF);
	}

	/** Whether the actor may register or edit systems of this agency. */
	public static boolean canWrite(Actor actor, UUID agencyId) {
		return actor.has(Role.PLATFORM_ADMIN) || actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF)
				&& agencyId.equals(actor.agencyId());
	}

	@Transactional(readOnly = true)
	public Page<RegisteredSystem> find(Actor actor, SystemFilter filter, Pageable pageable) {
		List<Object> params = new ArrayList<>();
		String where = SystemQueries.where(actor, filter, params);
		Page<RegisteredSystem> page = Queries.page(this.jdbc, "reg_system", where, params, SystemQueries.order(pageable.getSort()),
				ROWS, pageable);
		return new org.springframework.data.domain.PageImpl<>(withAgencies(page.getContent()), pageable,
				page.getTotalElements());
	}

	/**
	 * Totals over the systems the actor may read that match: how many, what they cost, and how
	 * many still run their own accounts (public-facing ones should use unified identity, P4).
	 * Unknown costs are left out of the sums, not counted as zero; {@code unknownCosts} says how
	 * many systems lack a build or O&amp;M cost.
	 */
	public record Summary(long systems, long live, long buildCostFen, long annualOmCostFen, long ownAccounts,
			long publicOwnAccounts, long unknownCosts) {
	}

	@Transactional(readOnly = true)
	public Summary summary(Actor actor, SystemFilter filter) {
		List<Object> params = new ArrayList<>();
		String where = SystemQueries.where(actor, filter, params);
		return this.jdbc.sql("""
				select count(*), count(*) filter (where status = 'live'), coalesce(sum(build_cost_fen), 0),
				       coalesce(sum(annual_om_cost_fen), 0), count(*) filter (where login_method = 'own-accounts'),
				       count(*) filter (where login_method = 'own-accounts' and public_facing),
				       count(*) filter (where build_cost_fen is null or annual_om_cost_fen is null)
				from reg_system""" + " " + where)
			.params(params)
			.query((rs, n) -> new Summary(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
					rs.getLong(6), rs.getLong(7)))
			.single();
	}

	/**
	 * All systems the actor may read that match, for exports and selects; by name, in pinyin order
	 * (the ICU collation of {@link org.unigov.shared.ChineseOrder#SQL_COLLATION}).
	 */
	@Transactional(readOnly = true)
	public List<RegisteredSystem> findAll(Actor actor, SystemFilter filter, Sort sort) {
		List<Object> params = new ArrayList<>();
		String where = SystemQueries.where(actor, filter, params);
		List<RegisteredSystem> systems = withAgencies(this.jdbc.sql("select * from reg_system " + where + " order by " + SystemQueries.order(sort))
			.params(params)
			.query(ROWS)
			.list());
		return systems;
	}

	/** Any system, unscoped: for the platform's own use (the duplicate finder, other modules). */
	@Transactional(readOnly = true)
	public Optional<RegisteredSystem> get(UUID id) {
		return this.jdbc.sql("select * from reg_system where id = ?")
			.param(id)
			.query(ROWS)
			.optional()
			.map(s -> withAgencies(List.of(s)).getFirst());
	}

	@Transactional(readOnly = true)
	public List<RegisteredSystem> get(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return withAgencies(this.jdbc.sql("select * from reg_system where id = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query(ROWS)
			.list());
	}

	/** The system if the actor may read it; 404 otherwise, so that existence does not leak. */
	@Transactional(readOnly = true)
	public RegisteredSystem visible(Actor actor, UUID id) {
		return get(id).filter(s -> isVisible(actor, s))
			.orElseThrow(() -> UnigovException.notFound(RegistryError.SYSTEM_NOT_FOUND, "System", id));
	}

	public static boolean isVisible(Actor actor, RegisteredSystem system) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return true;
		}
		if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.covers(system.divisionCode())) {
			return true;
		}
		return actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && system.agencyId().equals(actor.agencyId());
	}

	/** Registers a system unless it looks like a registered one (409 {@code possible_duplicate}). */
	public RegisteredSystem create(Actor actor, SystemDraft draft) {
		return create(actor, draft, false);
	}

	/**
	 * Registers a system. The duplicate check runs first: when the draft scores at least the
	 * duplicate threshold against registered systems, it answers 409 {@code possible_duplicate}
	 * with the matches unless {@code confirmDuplicates}; a confirmed save records the matches in
	 * its audit entry.
	 */
	public RegisteredSystem create(Actor actor, SystemDraft draft, boolean confirmDuplicates) {
		Agency agency = requireWritable(actor, draft);
		if (draft.sharedPlatform() && !actor.has(Role.PLATFORM_ADMIN)) {
			throw sharedPlatformReserved();
		}
		List<FieldProblem> problems = validate(draft);
		if (!problems.isEmpty()) {
			throw invalid(problems);
		}
		requireFreeName(agency, draft.name(), null);
		Map<String, Object> duplicateCheck = this.duplicates.check(actor, draft, agency.divisionCode(), null,
				confirmDuplicates);
		UUID id = UUID.randomUUID();
		insert(List.of(new Insert(id, draft, agency)));
		Map<String, Object> details = details(draft, agency);
		if (duplicateCheck != null) {
			details.put("duplicateCheck", duplicateCheck);
		}
		this.journal.append(actor, AuditRecord.of("system.registered", "system", id, agency.divisionCode(), details));
		this.events.publishEvent(new SystemsChanged(Set.of(id)));
		return get(id).orElseThrow();
	}

	/**
	 * Registers many systems at once, all or nothing: the import's real run. The drafts are
	 * validated already; permission and uniqueness are checked again here.
	 */
	public List<UUID> createAll(Actor actor, List<SystemDraft> drafts, String source) {
		List<Insert> inserts = new ArrayList<>(drafts.size());
		Map<UUID, Agency> agencies = new LinkedHashMap<>();
		for (SystemDraft draft : drafts) {
			Agency agency = agencies.computeIfAbsent(draft.agencyId(), id -> requireWritable(actor, draft));
			if (draft.sharedPlatform() && !actor.has(Role.PLATFORM_ADMIN)) {
				throw sharedPlatformReserved();
			}
			inserts.add(new Insert(UUID.randomUUID(), draft, agency));
		}
		insert(inserts);
		List<AuditRecord> records = new ArrayList<>(inserts.size() + 1);
		for (Insert insert : inserts) {
			Map<String, Object> details = details(insert.draft(), insert.agency());
			details.put("source", source);
			records.add(AuditRecord.of("system.registered", "system", insert.id(), insert.agency().divisionCode(),
					details));
		}
		records.add(AuditRecord.of("systems.imported", "import", source, actor.divisionCode(),
				Map.of("rows", inserts.size(), "agencies",
						agencies.values().stream().map(Agency::creditCode).sorted().toList())));
		this.journal.appendAll(actor, records);
		List<UUID> ids = inserts.stream().map(Insert::id).toList();
		this.events.publishEvent(new SystemsChanged(new LinkedHashSet<>(ids)));
		return ids;
	}

	public RegisteredSystem update(Actor actor, UUID id, SystemDraft draft, long version) {
		return update(actor, id, draft, version, false);
	}

	/**
	 * Changes a system. When the edit changes what the duplicate finder compares (name, summary,
	 * capabilities, agency), the duplicate check runs as for {@link #create(Actor, SystemDraft, boolean)}.
	 */
	public RegisteredSystem update(Actor actor, UUID id, SystemDraft draft, long version, boolean confirmDuplicates) {
		RegisteredSystem before = visible(actor, id);
		if (!canWrite(actor, before.agencyId())) {
			throw new UnigovException(RegistryError.SYSTEM_OUT_OF_SCOPE,
					"Only the owning agency's admins and staff, or a platform admin, may edit this system.");
		}
		Agency agency = requireWritable(actor, draft);
		if (draft.sharedPlatform() != before.sharedPlatform() && !actor.has(Role.PLATFORM_ADMIN)) {
			throw sharedPlatformReserved();
		}
		List<FieldProblem> problems = validate(draft);
		if (!problems.isEmpty()) {
			throw invalid(problems);
		}
		requireFreeName(agency, draft.name(), id);
		Map<String, Object> duplicateCheck = DuplicateGuard.changesWhatIsCompared(before.draft(), draft)
				? this.duplicates.check(actor, draft, agency.divisionCode(), id, confirmDuplicates) : null;
		int updated;
		try {
			updated = this.jdbc.sql("""
					update reg_system set name = ?, aliases = ?, agency_id = ?, division_code = ?, summary = ?,
					    capabilities = ?, status = ?, go_live_date = ?, build_cost_fen = ?, annual_om_cost_fen = ?,
					    funding_source = ?, vendor = ?, hosting = ?, registered_users = ?, monthly_active_users = ?,
					    login_method = ?, integrations = ?, public_facing = ?, shared_platform = ?,
					    version = version + 1, change_seq = nextval('reg_system_change'), updated_at = now()
					where id = ? and version = ?""")
				.params(values(draft, agency, id, version))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw exists(draft.name());
		}
		if (updated == 0) {
			throw new UnigovException(CommonError.STALE_VERSION,
					"System " + id + " was changed by someone else; reload it and try again.");
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("changes", changes(before.draft(), draft));
		if (duplicateCheck != null) {
			details.put("duplicateCheck", duplicateCheck);
		}
		this.journal.append(actor, AuditRecord.of("system.updated", "system", id, agency.divisionCode(), details));
		this.events.publishEvent(new SystemsChanged(Set.of(id)));
		return get(id).orElseThrow();
	}

	/**
	 * Everything wrong with a draft apart from permissions, each problem with its field: the same
	 * checks for the API, the pages and every import row.
	 */
	public List<FieldProblem> validate(SystemDraft draft) {
		return SystemValidation.validate(draft, this.taxonomy, LocalDate.now(this.clock));
	}

	static UnigovException invalid(List<FieldProblem> problems) {
		return UnigovException.invalid(RegistryError.INVALID_SYSTEM,
				"The system record has " + problems.size() + " problem(s).", problems);
	}

	private static UnigovException sharedPlatformReserved() {
		return new UnigovException(RegistryError.SHARED_PLATFORM_RESERVED,
				"Only a platform admin may mark a system as a shared platform.");
	}

	private static UnigovException exists(String name) {
		return new UnigovException(RegistryError.SYSTEM_EXISTS,
				"The agency already has a system named '" + SystemNames.clean(name) + "'.");
	}

	private Agency requireWritable(Actor actor, SystemDraft draft) {
		Agency agency = this.organizations.agency(new AgencyId(draft.agencyId()))
			.filter(Agency::active)
			.orElseThrow(() -> new UnigovException(RegistryError.INVALID_SYSTEM,
					"Agency " + draft.agencyId() + " does not exist or is inactive.",
					Map.of("errors", List.of(Map.of("field", "agencyId", "code", "unknown_agency", "message",
							"Unknown or inactive agency.")))));
		if (!canWrite(actor, agency.id().value())) {
			throw new UnigovException(RegistryError.SYSTEM_OUT_OF_SCOPE,
					"You may register systems only for your own agency.");
		}
		return agency;
	}

	/** 409 {@code system_exists} when another system of the agency has this name (whitespace aside). */
	private void requireFreeName(Agency agency, String name, @Nullable UUID excludeId) {
		String key = SystemNames.key(name);
		boolean taken = this.jdbc.sql("select name from reg_system where agency_id = ? and id <> ?")
			.params(agency.id().value(), excludeId == null ? new UUID(0, 0) : excludeId)
			.query(String.class)
			.list()
			.stream()
			.anyMatch(n -> SystemNames.key(n).equals(key));
		if (taken) {
			throw exists(name);
		}
	}

	private record Insert(UUID id, SystemDraft draft, Agency agency) {
	}

	private void insert(List<Insert> inserts) {
		String sql = """
				insert into reg_system (name, aliases, agency_id, division_code, summary, capabilities, status,
				    go_live_date, build_cost_fen, annual_om_cost_fen, funding_source, vendor, hosting, registered_users,
				    monthly_active_users, login_method, integrations, public_facing, shared_platform, id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
		try {
			if (inserts.size() == 1) {
				Insert one = inserts.getFirst();
				this.jdbc.sql(sql).params(values(one.draft(), one.agency(), one.id(), null)).update();
				return;
			}
			List<Object[]> batch = inserts.stream()
				.map(i -> values(i.draft(), i.agency(), i.id(), null).toArray())
				.toList();
			this.template.batchUpdate(sql, batch);
		}
		catch (DuplicateKeyException ex) {
			throw exists(inserts.size() == 1 ? inserts.getFirst().draft().name() : "(one of the imported names)");
		}
	}


	private static List<Object> values(SystemDraft d, Agency agency, UUID id, @Nullable Long version) {
		List<Object> v = new ArrayList<>(Arrays.asList(SystemNames.clean(d.name()), d.aliases().stream().map(SystemNames::clean).toArray(String[]::new),
				agency.id().value(), agency.divisionCode(), d.summary().strip(), d.capabilities().toArray(String[]::new),
				d.status().code(), d.goLiveDate(), d.buildCostFen(), d.annualOmCostFen(), d.fundingSource().code(),
				d.vendor().strip(), d.hosting().code(), d.registeredUsers(), d.monthlyActiveUsers(),
				d.loginMethod().code(), d.integrations().toArray(String[]::new), d.publicFacing(), d.sharedPlatform(), id));
		if (version != null) {
			v.add(version);
		}
		return v;
	}

	private static Map<String, Object> details(SystemDraft d, Agency agency) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("name", SystemNames.clean(d.name()));
		details.put("agency", agency.creditCode());
		details.put("capabilities", d.capabilities());
		details.put("status", d.status().code());
		details.put("buildCostFen", d.buildCostFen() == null ? "unknown" : d.buildCostFen());
		details.put("annualOmCostFen", d.annualOmCostFen() == null ? "unknown" : d.annualOmCostFen());
		details.put("loginMethod", d.loginMethod().code());
		details.put("sharedPlatform", d.sharedPlatform());
		return details;
	}

	private static Map<String, Object> changes(SystemDraft before, SystemDraft after) {
		Map<String, Object> changes = new LinkedHashMap<>();
		for (var component : SystemDraft.class.getRecordComponents()) {
			try {
				Object from = normalize(component.getAccessor().invoke(before));
				Object to = normalize(component.getAccessor().invoke(after));
				if (!Objects.equals(from, to)) {
					Map<String, Object> change = new LinkedHashMap<>();
					change.put("from", from == null ? "" : from);
					change.put("to", to == null ? "" : to);
					changes.put(component.getName(), change);
				}
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return changes;
	}

	private static @Nullable Object normalize(@Nullable Object value) {
		if (value instanceof Coded coded) {
			return coded.code();
		}
		if (value instanceof String s) {
			return s.strip();
		}
		if (value instanceof LocalDate || value instanceof UUID) {
			return value.toString();
		}
		return value;
	}

	private static RegisteredSystem row(ResultSet rs, int n) throws SQLException {
		return new RegisteredSystem(rs.getObject("id", UUID.class), rs.getString("name"), strings(rs.getArray("aliases")),
				rs.getObject("agency_id", UUID.class), "", "", "", rs.getString("division_code"), rs.getString("summary"),
				strings(rs.getArray("capabilities")), Coded.parse(SystemStatus.class, rs.getString("status")).orElseThrow(),
				rs.getObject("go_live_date", LocalDate.class), rs.getObject("build_cost_fen", Long.class),
				rs.getObject("annual_om_cost_fen", Long.class),
				Coded.parse(FundingSource.class, rs.getString("funding_source")).orElse(FundingSource.OTHER),
				rs.getString("vendor"), Coded.parse(Hosting.class, rs.getString("hosting")).orElse(Hosting.OTHER),
				rs.getObject("registered_users", Long.class), rs.getObject("monthly_active_users", Long.class),
				Coded.parse(LoginMethod.class, rs.getString("login_method")).orElse(LoginMethod.NONE),
				strings(rs.getArray("integrations")), rs.getBoolean("public_facing"), rs.getBoolean("shared_platform"),
				rs.getLong("version"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	/** Fills in each system's agency code and names from the organization module. */
	private List<RegisteredSystem> withAgencies(List<RegisteredSystem> systems) {
		Map<UUID, Agency> agencies = this.organizations
			.agencies(systems.stream().map(RegisteredSystem::agencyId).collect(Collectors.toSet()));
		List<RegisteredSystem> result = new ArrayList<>(systems.size());
		for (RegisteredSystem s : systems) {
			Agency a = agencies.get(s.agencyId());
			result.add(a == null ? s : new RegisteredSystem(s.id(), s.name(), s.aliases(), s.agencyId(), a.creditCode(),
					a.nameZh(), a.nameEn(), s.divisionCode(), s.summary(), s.capabilities(), s.status(), s.goLiveDate(),
					s.buildCostFen(), s.annualOmCostFen(), s.fundingSource(), s.vendor(), s.hosting(), s.registeredUsers(),
					s.monthlyActiveUsers(), s.loginMethod(), s.integrations(), s.publicFacing(), s.sharedPlatform(),
					s.version(), s.createdAt(), s.updatedAt()));
		}
		return result;
	}

	private static List<String> strings(@Nullable Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		return List.of((String[]) array.getArray());
	}
}
