package org.unigov.shared.jdbc;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The two things every list query does alike: a page (count, then one slice in a stable order),
 * and a LIKE pattern from what a person typed, with {@code %}, {@code _} and {@code \} taken
 * literally.
 */
public final class Queries {

	private Queries() {
	}

	/**
	 * One page of {@code select * from <from> <where> order by <orderBy>}, with the total.
	 * {@code from}, {@code where} and {@code orderBy} are SQL written by the caller, never input;
	 * values go in {@code params}.
	 */
	public static <T> Page<T> page(JdbcClient jdbc, String from, String where, List<Object> params, String orderBy,
			RowMapper<T> rows, Pageable pageable) {
		long total = jdbc.sql("select count(*) from " + from + " " + where).params(params).query(Long.class).single();
		if (pageable.isUnpaged()) {
			return new PageImpl<>(jdbc.sql("select * from " + from + " " + where + " order by " + orderBy)
				.params(params)
				.query(rows)
				.list(), pageable, total);
		}
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(pageable.getPageSize());
		pageParams.add(pageable.getOffset());
		List<T> content = jdbc.sql("select * from " + from + " " + where + " order by " + orderBy + " limit ? offset ?")
			.params(pageParams)
			.query(rows)
			.list();
		return new PageImpl<>(content, pageable, total);
	}

	/** {@code %text%} for ILIKE, with the wildcard characters of the text escaped. */
	public static String contains(String text) {
		return "%" + literal(text.strip()) + "%";
	}

	/** {@code text%} for LIKE, with the wildcard characters of the text escaped. */
	public static String startsWith(String text) {
		return literal(text.strip()) + "%";
	}

	private static String literal(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}
}
