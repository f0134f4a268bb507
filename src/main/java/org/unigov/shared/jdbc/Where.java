package org.unigov.shared.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;

/**
 * A {@code where} clause built from conditions and their values, so that list queries stop writing
 * {@code "where 1 = 1"}, parameter lists and the division-scope predicate by hand. The SQL given to
 * it is the caller's own text, never input; values always go in as parameters.
 *
 * <pre>{@code
 * Where where = Where.start()
 *     .visibleTo(actor, null, List.of("requester_division", "provider_division"),
 *             List.of("requester_agency_id", "provider_agency_id"))
 *     .andIf(filter.entryId() != null, "entry_id = ?", filter.entryId());
 * Queries.page(jdbc, "shr_request", where.sql(), where.params(), order, ROWS, pageable);
 * }</pre>
 */
public final class Where {

	private final StringBuilder sql = new StringBuilder("where 1 = 1");

	private final List<Object> params = new ArrayList<>();

	private Where() {
	}

	public static Where start() {
		return new Where();
	}

	/** Adds {@code and (<clause>)} with the clause's values, in order. */
	public Where and(String clause, @Nullable Object... values) {
		this.sql.append(" and (").append(clause).append(')');
		if (values != null) {
			Collections.addAll(this.params, values);
		}
		return this;
	}

	/** {@link #and} when {@code condition} holds; the values are not read otherwise. */
	public Where andIf(boolean condition, String clause, @Nullable Object... values) {
		return condition ? and(clause, values) : this;
	}

	/**
	 * What an actor may see: everything for a platform admin; otherwise rows that are
	 * {@code alwaysVisible} (e.g. {@code "status = 'published'"}, or null for none), rows in a division
	 * of the actor's subtree (coordinators and auditors: any of {@code divisionColumns} starts with
	 * the actor's scope prefix) and rows of the actor's agency (agency admins and staff: any of
	 * {@code agencyColumns} is the actor's agency). Someone with none of these sees nothing.
	 */
	public Where visibleTo(Actor actor, @Nullable String alwaysVisible, List<String> divisionColumns,
			List<String> agencyColumns) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return this;
		}
		List<String> any = new ArrayList<>();
		List<Object> values = new ArrayList<>();
		if (alwaysVisible != null) {
			any.add(alwaysVisible);
		}
		String prefix = actor.scopePrefix();
		if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && prefix != null) {
			for (String column : divisionColumns) {
				any.add(column + " like ?");
				values.add(prefix + "%");
			}
		}
		if (actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && actor.agencyId() != null) {
			for (String column : agencyColumns) {
				any.add(column + " = ?");
				values.add(actor.agencyId());
			}
		}
		return and(any.isEmpty() ? "false" : String.join(" or ", any), values.toArray());
	}

	/** The LIKE pattern of the actor's division subtree, or null when the actor has no division. */
	public static @Nullable String scopePattern(Actor actor) {
		String prefix = actor.scopePrefix();
		return prefix == null ? null : prefix + "%";
	}

	public String sql() {
		return this.sql.toString();
	}

	/** The values, in the order of the placeholders; a copy the caller may extend. */
	public List<Object> params() {
		return new ArrayList<>(this.params);
	}
}
