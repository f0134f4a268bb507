package org.unigov.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.organization.Agency;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.registry.internal.SystemNames;
import org.unigov.shared.Actor;
import org.unigov.shared.jdbc.Queries;
import org.unigov.shared.problem.UnigovException;

/**
 * Registered systems a project can reuse instead of building anew: searched across the province
 * by any registry reader, shared platforms first, showing only what the duplicate finder shows
 * (name, agency, division, status, capabilities) — finding something to reuse is its purpose.
 */
@Service
@Transactional(readOnly = true)
public class ReusableSystems {

	/** The most choices one search returns. */
	public static final int MAX = 20;

	private final JdbcClient jdbc;

	private final OrganizationDirectory organizations;

	ReusableSystems(JdbcClient jdbc, OrganizationDirectory organizations) {
		this.jdbc = jdbc;
		this.organizations = organizations;
	}

	/** A system offered for reuse. */
	public record Choice(UUID id, String name, String agencyNameZh, String agencyNameEn, String divisionCode,
			SystemStatus status, boolean sharedPlatform, List<String> capabilities) {

		/** The agency's name in a page's language. */
		public String agency(java.util.Locale locale) {
			return DuplicateFinder.inLanguage(locale, this.agencyNameZh, this.agencyNameEn);
		}
	}

	/**
	 * Systems that are planned, being built or live (not suspended or retired) whose name, alias or
	 * summary contains the text, shared platforms first; with blank text, the shared platforms.
	 */
	public List<Choice> search(Actor actor, @Nullable String text, int limit) {
		requireReader(actor);
		List<Object> params = new ArrayList<>();
		String where = "where status in ('planned', 'under_construction', 'live')";
		String q = text == null ? "" : SystemNames.clean(text);
		if (q.isEmpty()) {
			where += " and shared_platform";
		}
		else {
			where += " and (name ilike ? escape '\\' or array_to_string(aliases, ' ') ilike ? escape '\\' "
					+ "or summary ilike ? escape '\\')";
			String like = Queries.contains(q);
			params.addAll(List.of(like, like, like));
		}
		params.add(Math.max(1, Math.min(MAX, limit)));
		return choices(this.jdbc.sql("""
				select id, name, agency_id, division_code, status, shared_platform, capabilities from reg_system
				""" + where + " order by shared_platform desc, name, id limit ?").params(params));
	}

	/**
	 * The named systems (any status), in the order given; unknown ids are left out. For showing a
	 * project's chosen systems to whoever may see the project.
	 */
	public List<Choice> get(List<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<UUID, Choice> byId = choices(this.jdbc.sql("""
				select id, name, agency_id, division_code, status, shared_platform, capabilities from reg_system
				where id = any(?)""").param(ids.toArray(UUID[]::new)))
			.stream()
			.collect(Collectors.toMap(Choice::id, c -> c));
		return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
	}

	private record Row(UUID id, String name, UUID agencyId, String divisionCode, String status, boolean sharedPlatform,
			List<String> capabilities) {
	}

	private List<Choice> choices(JdbcClient.StatementSpec statement) {
		List<Row> rows = statement.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("name"),
				rs.getObject("agency_id", UUID.class), rs.getString("division_code"), rs.getString("status"),
				rs.getBoolean("shared_platform"), List.of((String[]) rs.getArray("capabilities").getArray())))
			.list();
		Map<UUID, Agency> agencies = this.organizations
			.agencies(rows.stream().map(Row::agencyId).collect(Collectors.toSet()));
		return rows.stream().map(r -> {
			Agency a = agencies.get(r.agencyId());
			return new Choice(r.id(), r.name(), a == null ? "" : a.nameZh(), a == null ? "" : a.nameEn(),
					r.divisionCode(), org.unigov.shared.Coded.parse(SystemStatus.class, r.status()).orElseThrow(),
					r.sharedPlatform(), r.capabilities());
		}).toList();
	}

	private static void requireReader(Actor actor) {
		if (!SystemRegistry.canRead(actor)) {
			throw new UnigovException(org.unigov.shared.problem.CommonError.FORBIDDEN,
					"Only registry readers may look for systems to reuse.");
		}
	}
}
