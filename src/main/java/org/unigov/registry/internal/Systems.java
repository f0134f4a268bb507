package org.unigov.registry.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.organization.Agency;
import org.unigov.registry.FundingSource;
import org.unigov.registry.Hosting;
import org.unigov.registry.LoginMethod;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemRegistry.SystemFilter;
import org.unigov.registry.SystemStatus;
import org.unigov.shared.Actor;
import org.unigov.shared.ChineseOrder;
import org.unigov.shared.Coded;
import org.unigov.shared.jdbc.Queries;
import org.unigov.shared.jdbc.Where;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * The registered systems (reg_system): the reader's scope and the filter as SQL, the rows, and
 * writes that answer with what they wrote. Agency codes and names are left blank here; the
 * services fill them in from the organization module.
 */
@Repository
public class Systems {

	static final Map<String, String> SORTS = Map.of("name", "name collate " + ChineseOrder.SQL_COLLATION, "division",
			"division_code", "status", "status", "goLiveDate", "go_live_date", "annualOmCostFen", "annual_om_cost_fen",
			"buildCostFen", "build_cost_fen", "updatedAt", "updated_at", "monthlyActiveUsers", "monthly_active_users");

	private static final RowMapper<RegisteredSystem> ROWS = Systems::row;

	private static final String INSERT = """
			insert into reg_system (name, aliases, agency_id, division_code, summary, capabilities, status,
			    go_live_date, build_cost_fen, annual_om_cost_fen, funding_source, vendor, hosting, registered_users,
			    monthly_active_users, login_method, integrations, public_facing, shared_platform, id)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private static final String OFFERS = """
			select id, name, agency_id, division_code, status, shared_platform, capabilities from reg_system
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	Systems(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** A new system's row: its id, what was stated, and the agency it belongs to. */
	public record NewSystem(UUID id, SystemDraft draft, Agency agency) {
	}

	/** Totals over the systems a reader may see that match a filter. */
	public record Totals(long systems, long live, long buildCostFen, long annualOmCostFen, long ownAccounts,
			long publicOwnAccounts, long unknownCosts) {
	}

	public Page<RegisteredSystem> page(Actor actor, SystemFilter filter, Pageable pageable) {
		List<Object> params = new ArrayList<>();
		String where = where(actor, filter, params);
		return Queries.page(this.jdbc, "reg_system", where, params, order(pageable.getSort()), ROWS, pageable);
	}

	public List<RegisteredSystem> all(Actor actor, SystemFilter filter, Sort sort) {
		List<Object> params = new ArrayList<>();
		String where = where(actor, filter, params);
		return this.jdbc.sql("select * from reg_system " + where + " order by " + order(sort))
			.params(params)
			.query(ROWS)
			.list();
	}

	public Totals totals(Actor actor, SystemFilter filter) {
		List<Object> params = new ArrayList<>();
		String where = where(actor, filter, params);
		return this.jdbc.sql("""
				select count(*), count(*) filter (where status = 'live'), coalesce(sum(build_cost_fen), 0),
				       coalesce(sum(annual_om_cost_fen), 0), count(*) filter (where login_method = 'own-accounts'),
				       count(*) filter (where login_method = 'own-accounts' and public_facing),
				       count(*) filter (where build_cost_fen is null or annual_om_cost_fen is null)
				from reg_system""" + " " + where)
			.params(params)
			.query((rs, n) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
					rs.getLong(6), rs.getLong(7)))
			.single();
	}

	public Optional<RegisteredSystem> get(UUID id) {
		return this.jdbc.sql("select * from reg_system where id = ?").param(id).query(ROWS).optional();
	}

	public List<RegisteredSystem> get(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select * from reg_system where id = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query(ROWS)
			.list();
	}

	/** Whether any system is registered at all. */
	public boolean any() {
		return this.jdbc.sql("select exists (select 1 from reg_system)").query(Boolean.class).single();
	}

	/** The names of the agency's systems, leaving out one system (or none). */
	public List<String> names(UUID agencyId, @Nullable UUID excludeId) {
		return this.jdbc.sql("select name from reg_system where agency_id = ? and id <> ?")
			.params(agencyId, excludeId == null ? new UUID(0, 0) : excludeId)
			.query(String.class)
			.list();
	}

	/** What a reuse search shows of a system. */
	public record Offer(UUID id, String name, UUID agencyId, String divisionCode, SystemStatus status,
			boolean sharedPlatform, List<String> capabilities) {
	}

	/**
	 * Systems that are planned, being built or live whose name, alias or summary contains the text
	 * (already cleaned), shared platforms first; with blank text, the shared platforms.
	 */
	public List<Offer> offers(String text, int limit) {
		List<Object> params = new ArrayList<>();
		String where = "where status in ('planned', 'under_construction', 'live')";
		if (text.isEmpty()) {
			where += " and shared_platform";
		}
		else {
			where += " and (name ilike ? escape '\\' or array_to_string(aliases, ' ') ilike ? escape '\\' "
					+ "or summary ilike ? escape '\\')";
			String like = Queries.contains(text);
			params.addAll(List.of(like, like, like));
		}
		params.add(limit);
		return this.jdbc.sql(OFFERS + where + " order by shared_platform desc, name, id limit ?")
			.params(params)
			.query(Systems::offer)
			.list();
	}

	/** The offers of these systems (any status), in no particular order. */
	public List<Offer> offers(Collection<UUID> ids) {
		return this.jdbc.sql(OFFERS + "where id = any(?)").param(ids.toArray(UUID[]::new)).query(Systems::offer).list();
	}

	private static Offer offer(ResultSet rs, int n) throws SQLException {
		return new Offer(rs.getObject("id", UUID.class), rs.getString("name"), rs.getObject("agency_id", UUID.class),
				rs.getString("division_code"), Coded.parse(SystemStatus.class, rs.getString("status")).orElseThrow(),
				rs.getBoolean("shared_platform"), strings(rs.getArray("capabilities")));
	}

	/** Inserts one system and answers the row written. */
	public RegisteredSystem insert(NewSystem system) {
		return this.jdbc.sql(INSERT + " returning *")
			.params(values(system.draft(), system.agency(), system.id(), null))
			.query(ROWS)
			.single();
	}

	/** Inserts many systems in one batch. */
	public void insertAll(List<NewSystem> systems) {
		List<Object[]> batch = systems.stream()
			.map(s -> values(s.draft(), s.agency(), s.id(), null).toArray())
			.toList();
		this.template.batchUpdate(INSERT, batch);
	}

	/** Changes a system at the version read; empty when someone else changed it first. */
	public Optional<RegisteredSystem> update(UUID id, SystemDraft draft, Agency agency, long version) {
		return this.jdbc.sql("""
				update reg_system set name = ?, aliases = ?, agency_id = ?, division_code = ?, summary = ?,
				    capabilities = ?, status = ?, go_live_date = ?, build_cost_fen = ?, annual_om_cost_fen = ?,
				    funding_source = ?, vendor = ?, hosting = ?, registered_users = ?, monthly_active_users = ?,
				    login_method = ?, integrations = ?, public_facing = ?, shared_platform = ?,
				    version = version + 1, change_seq = nextval('reg_system_change'), updated_at = now()
				where id = ? and version = ? returning *""")
			.params(values(draft, agency, id, version))
			.query(ROWS)
			.optional();
	}

	private static List<Object> values(SystemDraft d, Agency agency, UUID id, @Nullable Long version) {
		List<Object> v = new ArrayList<>(Arrays.asList(SystemNames.clean(d.name()),
				d.aliases().stream().map(SystemNames::clean).toArray(String[]::new), agency.id().value(),
				agency.divisionCode(), d.summary().strip(), d.capabilities().toArray(String[]::new), d.status().code(),
				d.goLiveDate(), d.buildCostFen(), d.annualOmCostFen(), d.fundingSource().code(), d.vendor().strip(),
				d.hosting().code(), d.registeredUsers(), d.monthlyActiveUsers(), d.loginMethod().code(),
				d.integrations().toArray(String[]::new), d.publicFacing(), d.sharedPlatform(), id));
		if (version != null) {
			v.add(version);
		}
		return v;
	}

	static String where(Actor actor, SystemFilter filter, List<Object> params) {
		boolean division = filter.divisionCode() != null && !filter.divisionCode().isBlank();
		boolean capability = filter.capability() != null && !filter.capability().isBlank();
		boolean text = filter.text() != null && !filter.text().isBlank();
		String like = text ? Queries.contains(filter.text()) : null;
		Where where = Where.start()
			.visibleTo(actor, null, List.of("division_code"), List.of("agency_id"))
			.andIf(division, "division_code like ?",
					division ? Actor.significantPrefix(filter.divisionCode().strip()) + "%" : null)
			.andIf(filter.agencyId() != null, "agency_id = ?", filter.agencyId())
			.andIf(capability, "capabilities @> array[?]::text[]", capability ? filter.capability().strip() : null)
			.andIf(filter.status() != null, "status = ?", filter.status() == null ? null : filter.status().code())
			.andIf(filter.loginMethod() != null, "login_method = ?",
					filter.loginMethod() == null ? null : filter.loginMethod().code())
			.andIf(filter.sharedPlatform() != null, "shared_platform = ?", filter.sharedPlatform())
			.andIf(text, "name ilike ? escape '\\' or array_to_string(aliases, ' ') ilike ? escape '\\' "
					+ "or summary ilike ? escape '\\' or vendor ilike ? escape '\\'", like, like, like, like);
		params.addAll(where.params());
		return where.sql();
	}

	static String order(Sort sort) {
		List<String> parts = new ArrayList<>();
		for (Sort.Order order : sort) {
			String column = SORTS.get(order.getProperty());
			if (column == null) {
				throw new UnigovException(CommonError.INVALID_PARAMETER, "Cannot sort by '" + order.getProperty()
						+ "'; use one of " + SORTS.keySet().stream().sorted().collect(Collectors.joining(", ")) + ".");
			}
			parts.add(column + (order.isAscending() ? " asc" : " desc") + " nulls last");
		}
		parts.add("name collate " + ChineseOrder.SQL_COLLATION + " asc");
		parts.add("id asc");
		return String.join(", ", parts);
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

	private static List<String> strings(@Nullable Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		return List.of((String[]) array.getArray());
	}
}
