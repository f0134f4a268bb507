package org.unigov.exchange.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.unigov.UnigovTest;

/**
 * Databases migrated at either landed version of migration 2026.11.27.06 upgrade to today's schema
 * on the real PostgreSQL: one that applied the first landed version ({@code exchange_deferred_append},
 * kept under src/test/resources/db/landed), and one that applied the second, today's
 * {@code exchange_log_copy}. Each is built in a database of its own, then migrated as the
 * platform migrates at start-up.
 */
@UnigovTest
class LandedMigrationUpgradeTests {

	@Autowired
	HikariDataSource dataSource;

	@Autowired
	JdbcTemplate jdbc;

	DriverManagerDataSource database(String name) {
		this.jdbc.execute("drop database if exists " + name);
		this.jdbc.execute("create database " + name);
		String url = this.dataSource.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
		return new DriverManagerDataSource(url, this.dataSource.getUsername(), this.dataSource.getPassword());
	}

	Flyway platform(DriverManagerDataSource db) {
		return Flyway.configure().dataSource(db).locations("classpath:db/migration").callbacks(new LandedMigrationRepair())
			.load();
	}

	void assertToday(DriverManagerDataSource db) {
		JdbcTemplate upgraded = new JdbcTemplate(db);
		assertThat(upgraded.queryForObject(
				"select count(*) from pg_proc where proname in ('exc_log_append', 'exc_log_append_deferred')", Long.class))
			.isZero();
		assertThat(upgraded.queryForObject("select count(*) from pg_trigger where tgname like 'exc_access_log%' or tgfoid = "
				+ "'exc_log_chain'::regproc", Long.class)).isPositive();
		assertThat(upgraded.queryForList("select description from flyway_schema_history where version = ?", String.class,
				LandedMigrationRepair.VERSION)).containsExactly("exchange log copy");
		assertThat(platform(db).validateWithResult().validationSuccessful).isTrue();
	}

	@Test
	void aDatabaseAtTheFirstLandedVersionOf06Upgrades() {
		DriverManagerDataSource db = database("upgrade_e85964f");
		try {
			Flyway.configure().dataSource(db).locations("classpath:db/migration").target("2026.11.27.05").load().migrate();
			Flyway.configure().dataSource(db).locations("classpath:db/landed/e85964f")
				.ignoreMigrationPatterns("*:missing").load().migrate();
			assertThat(new JdbcTemplate(db).queryForList("select description from flyway_schema_history where version = ?",
					String.class, LandedMigrationRepair.VERSION)).isEqualTo(List.of(LandedMigrationRepair.REPLACED));
			platform(db).migrate();
			assertToday(db);
		}
		finally {
			this.jdbc.execute("drop database if exists upgrade_e85964f with (force)");
		}
	}

	@Test
	void aDatabaseAtTheSecondLandedVersionOf06Upgrades() {
		DriverManagerDataSource db = database("upgrade_02c5fd8");
		try {
			Flyway.configure().dataSource(db).locations("classpath:db/migration").target(LandedMigrationRepair.VERSION).load()
				.migrate();
			platform(db).migrate();
			assertToday(db);
		}
		finally {
			this.jdbc.execute("drop database if exists upgrade_02c5fd8 with (force)");
		}
	}
}
