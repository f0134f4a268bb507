package org.unigov.organization;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which agencies lie in a division and its sub-divisions, for modules that keep agency ids in
 * their own rows and narrow them to an actor's scope (the exchange's log and traffic) without
 * reading the organization's tables.
 */
@Component
public class AgencyScope {

	private final JdbcClient jdbc;

	AgencyScope(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The ids of the agencies whose division code matches a {@code like} pattern such as {@code 6101%}. */
	@Transactional(readOnly = true)
	public List<UUID> agencyIds(String divisionPattern) {
		return this.jdbc.sql("select id from org_agency where division_code like ?")
			.param(divisionPattern)
			.query(UUID.class)
			.list();
	}
}
