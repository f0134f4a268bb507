package org.unigov.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Entries by code or name, in batch, for modules that keep entry codes in their own rows (the
 * exchange's traffic) and show names, without reading the catalog's tables.
 */
@Component
public class EntryNames {

	private final JdbcClient jdbc;

	EntryNames(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Entry code ({@code 101/00001}) to entry name; unknown codes are skipped. */
	@Transactional(readOnly = true)
	public Map<String, String> byCode(Collection<String> codes) {
		Map<String, String> names = new HashMap<>();
		if (codes.isEmpty()) {
			return names;
		}
		this.jdbc.sql("select code, name from cat_entry where code = any(?)")
			.param(codes.toArray(String[]::new))
			.query((rs, n) -> names.put(rs.getString("code"), rs.getString("name")))
			.list();
		return names;
	}

	/** The ids of the entries with exactly this name (demo seeders name their entries). */
	@Transactional(readOnly = true)
	public List<UUID> idsByName(String name) {
		return this.jdbc.sql("select id from cat_entry where name = ?").param(name).query(UUID.class).list();
	}

	/** Whether any entry is published (a seeder waits for the catalog's demo). */
	@Transactional(readOnly = true)
	public boolean anyPublished() {
		return this.jdbc.sql("select exists (select 1 from cat_entry where status = 'published')")
			.query(Boolean.class)
			.single();
	}

}
