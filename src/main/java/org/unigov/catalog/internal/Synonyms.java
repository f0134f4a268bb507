package org.unigov.catalog.internal;

import java.sql.Array;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.catalog.search.SynonymRule;

/** The rows of {@code cat_synonym}: the search synonym list, in the order it is edited. */
@Repository
public class Synonyms {

	private final JdbcClient jdbc;

	Synonyms(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<SynonymRule> all() {
		return this.jdbc.sql("select words, expands_to from cat_synonym order by position")
			.query((rs, n) -> new SynonymRule(strings(rs.getArray(1)), strings(rs.getArray(2))))
			.list();
	}

	public void replaceAll(List<SynonymRule> rules) {
		this.jdbc.sql("delete from cat_synonym").update();
		for (int i = 0; i < rules.size(); i++) {
			SynonymRule rule = rules.get(i);
			this.jdbc.sql("insert into cat_synonym (position, words, expands_to) values (?, ?::text[], ?::text[])")
				.params(i, literal(rule.words()), literal(rule.expandsTo()))
				.update();
		}
	}

	private static List<String> strings(Array array) throws SQLException {
		return List.of((String[]) array.getArray());
	}

	/** A PostgreSQL array literal; terms are checked to hold no quotes, braces, commas or backslashes. */
	private static String literal(List<String> terms) {
		return "{" + String.join(",", terms.stream().map(t -> "\"" + t + "\"").toList()) + "}";
	}
}
