package org.unigov.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.data.domain.Sort;
import org.unigov.shared.Actor;
import org.unigov.shared.jdbc.Queries;
import org.unigov.shared.jdbc.Where;
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
		parts.add("name collate " + org.unigov.shared.ChineseOrder.SQL_COLLATION + " asc");
		parts.add("id asc");
		return String.join(", ", parts);
	}
}
