package org.unigov.catalog.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The resource classification: it ships with the platform and has no write path, so it is read once. */
@Repository
public class Classifications {

	private final JdbcClient jdbc;

	private volatile @Nullable List<Classification> all;

	Classifications(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Classification> all() {
		List<Classification> cached = this.all;
		if (cached == null) {
			cached = this.jdbc.sql("select code, parent, name_zh, name_en from cat_classification order by code")
				.query((rs, n) -> new Classification(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
				.list();
			this.all = cached;
		}
		return cached;
	}
}
