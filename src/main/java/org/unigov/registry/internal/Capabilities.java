package org.unigov.registry.internal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.registry.Capability;

/** The function taxonomy's capabilities (reg_capability). */
@Repository
public class Capabilities {

	private final JdbcClient jdbc;

	Capabilities(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every capability in taxonomy order. */
	public List<Capability> all() {
		return this.jdbc.sql("select * from reg_capability order by position, code")
			.query((rs, n) -> new Capability(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
					rs.getInt("position"), rs.getBoolean("builtin"), rs.getBoolean("province_wide")))
			.list();
	}

	/** Adds a capability after the last one and answers it as written. */
	public Capability add(String code, String nameZh, String nameEn, boolean provinceWide) {
		return this.jdbc.sql("""
				insert into reg_capability (code, name_zh, name_en, position, province_wide)
				values (?, ?, ?, (select coalesce(max(position), 0) + 1 from reg_capability), ?)
				returning code, name_zh, name_en, position, builtin, province_wide""")
			.params(code, nameZh, nameEn, provinceWide)
			.query((rs, n) -> new Capability(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
					rs.getInt("position"), rs.getBoolean("builtin"), rs.getBoolean("province_wide")))
			.single();
	}
}
