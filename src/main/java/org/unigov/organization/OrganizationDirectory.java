package org.unigov.organization;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.organization.internal.OrganizationError;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.jdbc.Queries;
import org.unigov.shared.jdbc.Where;
import org.unigov.shared.problem.UnigovException;

/**
 * Reads divisions and agencies, and answers who may see which agency: a platform admin sees
 * all; coordinators and auditors see their division's subtree; agency roles see their own
 * agency only.
 */
@Service
@Transactional(readOnly = true)
public class OrganizationDirectory {

	static final RowMapper<Division> DIVISIONS = (rs, n) -> new Division(rs.getString("code"), rs.getString("name_zh"),
			rs.getString("name_en"), rs.getString("parent_code"), rs.getInt("level"), rs.getLong("version"));

	static final RowMapper<Agency> AGENCIES = (rs, n) -> new Agency(new AgencyId(rs.getObject("id", UUID.class)),
			rs.getString("credit_code"), rs.getString("name_zh"), rs.getString("name_en"), rs.getString("division_code"),
			rs.getBoolean("active"), rs.getLong("version"));

	private final JdbcClient jdbc;

	OrganizationDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Division> divisions() {
		return this.jdbc.sql("select * from org_division order by code").query(DIVISIONS).list();
	}

	/** Divisions in code order, optionally only the children of one, paged. */
	public Page<Division> divisions(@Nullable String parentCode, Pageable pageable) {
		String where = parentCode == null || parentCode.isBlank() ? "" : "where parent_code = ?";
		List<Object> params = where.isEmpty() ? List.of() : List.of(parentCode.strip());
		return Queries.page(this.jdbc, "org_division", where, params, "code", DIVISIONS, pageable);
	}

	public Optional<Division> division(String code) {
		return this.jdbc.sql("select * from org_division where code = ?").param(code).query(DIVISIONS).optional();
	}

	public Division requireDivision(String code) {
		return division(code).orElseThrow(
				() -> UnigovException.notFound(OrganizationError.DIVISION_NOT_FOUND, "Division", code));
	}

	public Optional<Agency> agency(AgencyId id) {
		return this.jdbc.sql("select * from org_agency where id = ?").param(id.value()).query(AGENCIES).optional();
	}

	/** Several agencies at once (for lists that show agency names), keyed by id; unknown ids are skipped. */
	public Map<UUID, Agency> agencies(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<UUID, Agency> byId = new HashMap<>();
		this.jdbc.sql("select * from org_agency where id = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query(AGENCIES)
			.list()
			.forEach(agency -> byId.put(agency.id().value(), agency));
		return byId;
	}

	public Optional<Agency> agencyByCreditCode(String creditCode) {
		return this.jdbc.sql("select * from org_agency where credit_code = ?")
			.param(creditCode)
			.query(AGENCIES)
			.optional();
	}

	/** Whether the actor may see this agency. */
	public boolean isVisible(Actor actor, Agency agency) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return true;
		}
		if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR)) {
			return actor.covers(agency.divisionCode());
		}
		return agency.id().value().equals(actor.agencyId());
	}

	/** The agency if the actor may see it; otherwise "not found", so its existence is not revealed. */
	public Agency visibleAgency(Actor actor, AgencyId id) {
		return agency(id).filter(agency -> isVisible(actor, agency))
			.orElseThrow(() -> UnigovException.notFound(OrganizationError.AGENCY_NOT_FOUND, "Agency", id));
	}

	/** Agencies the actor may see, filtered and paged. */
	public Page<Agency> agencies(Actor actor, @Nullable String divisionCode, @Nullable String text,
			@Nullable Boolean active, Pageable pageable) {
		StringBuilder where = new StringBuilder(" where 1 = 1");
		List<Object> params = new ArrayList<>();
		if (!actor.has(Role.PLATFORM_ADMIN)) {
			if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.scopePrefix() != null) {
				where.append(" and division_code like ?");
				params.add(Where.scopePattern(actor));
			}
			else if (actor.agencyId() != null) {
				where.append(" and id = ?");
				params.add(actor.agencyId());
			}
			else {
				return Page.empty(pageable);
			}
		}
		if (divisionCode != null && !divisionCode.isBlank()) {
			where.append(" and division_code like ?");
			params.add(Actor.significantPrefix(divisionCode.strip()) + "%");
		}
		if (text != null && !text.isBlank()) {
			where.append(" and (name_zh ilike ? or name_en ilike ? or credit_code ilike ?)");
			String like = Queries.contains(text);
			params.add(like);
			params.add(like);
			params.add(like);
		}
		if (active != null) {
			where.append(" and active = ?");
			params.add(active);
		}
		return Queries.page(this.jdbc, "org_agency", where.toString(), params, "division_code, name_zh, id", AGENCIES,
				pageable);
	}

	public long agencyCount() {
		return this.jdbc.sql("select count(*) from org_agency").query(Long.class).single();
	}
}
