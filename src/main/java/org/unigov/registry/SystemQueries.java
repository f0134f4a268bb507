package org.unigov.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.data.domain.Sort;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.jdbc.Queries;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/** The where and order-by clauses of registry lists: the reader's scope, the filter, the sort. */
final class SystemQueries {

	static final Map<String, String> SORTS = Map.of("name", "name collate " + org.unigov.shared.ChineseOrder.SQL_COLLATION, "division", "division_code", "status",
			"status", "goLiveDate", "go_live_date", "annualOmCostFen", "annual_om_cost_fen", "buildCostFen",
			"build_cost_fen", "updatedAt", "updated_at", "monthlyActiveUsers",
			"monthly_active_users");

	private SystemQueries() {
	}

	static String where(Actor actor, SystemRegistry.SystemFilter filter, List<Object> params) {
		List<String> clauses = new ArrayList<>();
		if (!actor.has(Role.PLATFORM_ADMIN)) {
			List<String> scope = new ArrayList<>();
			if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.scopePrefix() != null) {
				scope.add("division_code like ?");
				params.add(actor.scopePrefix() + "%");
			}
			if (actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && actor.agencyId() != null) {
				scope.add("agency_id = ?");
				params.add(actor.agencyId());
			}
			clauses.add(scope.isEmpty() ? "false" : "(" + String.join(" or ", scope) + ")");
		}
		if (filter.divisionCode() != null && !filter.divisionCode().isBlank()) {
			clauses.add("division_code like ?");
			params.add(Actor.significantPrefix(filter.divisionCode().strip()) + "%");
		}
		if (filter.agencyId() != null) {
			clauses.add("agency_id = ?");
			params.add(filter.agencyId());
		}
		if (filter.capability() != null && !filter.capability().isBlank()) {
			clauses.add("capabilities @> array[?]::text[]");
			params.add(filter.capability().strip());
		}
		if (filter.status() != null) {
			clauses.add("status = ?");
			params.add(filter.status().code());
		}
		if (filter.loginMethod() != null) {
			clauses.add("login_method = ?");
			params.add(filter.loginMethod().code());
		}
		if (filter.sharedPlatform() != null) {
			clauses.add("shared_platform = ?");
			params.add(filter.sharedPlatform());
		}
		if (filter.text() != null && !filter.text().isBlank()) {
			clauses.add("(name ilike ? escape '\\' or array_to_string(aliases, ' ') ilike ? escape '\\' "
					+ "or summary ilike ? escape '\\' or vendor ilike ? escape '\\')");
			String like = Queries.contains(filter.text());
			params.addAll(List.of(like, like, like, like));
		}
		return clauses.isEmpty() ? "" : "where " + String.join(" and ", clauses);
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
		parts.add("name collate " + org.unigov.shared.ChineseOrder.SQL_COLLATION + " asc");
		parts.add("id asc");
		return String.join(", ", parts);
	}
}
