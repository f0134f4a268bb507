package org.unigov;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.unigov.shared.DemoMode;

/**
 * With UNIGOV_DB_URL set, Unigov uses that server: nothing embedded starts, Flyway creates the
 * schema, and no demo data goes in unless asked.
 */
class ExternalDatabaseIntegrationTests {

	@Test
	void usesTheConfiguredServerAndSeedsNothing() throws Exception {
		Path dir = Files.createDirectories(Path.of("var/test/external"));
		try (EmbeddedPostgres server = EmbeddedPostgres.builder()
			.setOverrideWorkingDirectory(Files.createDirectories(dir.resolve("pg-bin")).toFile())
			.setDataDirectory(dir.resolve("pg-data"))
			.setCleanDataDirectory(true)
			.start()) {
			String url = server.getJdbcUrl("postgres", "postgres");
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(UnigovApplication.class)
				.run("--unigov.db.url=" + url, "--unigov.db.user=postgres", "--server.port=0",
						"--unigov.data-dir=" + dir.resolve("app"))) {
				assertThat(context.getBeanNamesForType(EmbeddedPostgres.class)).isEmpty();
				assertThat(context.getBean(DemoMode.class).enabled()).isFalse();
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
					.isGreaterThanOrEqualTo(3);
				assertThat(jdbc.queryForObject("select count(*) from org_division", Integer.class)).isZero();
				assertThat(jdbc.queryForObject("select count(*) from identity_account", Integer.class)).isZero();
				assertThat(jdbc.queryForObject("select current_setting('port')", String.class))
					.isEqualTo(String.valueOf(server.getPort()));
			}
		}
	}
}
