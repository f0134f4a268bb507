package org.unigov;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.FileSystemUtils;
import org.unigov.shared.DemoMode;
import org.unigov.shared.PlatformSettings;

/**
 * Starts PostgreSQL 18 inside the application when no database is configured
 * ({@code UNIGOV_DB_URL} unset). Binaries are unpacked under {@code <data dir>/pg-bin} and the
 * cluster lives in {@code <data dir>/pg-data}, so data survives restarts; the data dir is
 * {@code var/} unless {@code UNIGOV_DATA_DIR} says otherwise. When run as root, the library starts
 * PostgreSQL in a user namespace ({@code unshare -U}), since PostgreSQL refuses to run as root.
 * The database stops cleanly when the application shuts down (the data source closes first).
 * The data directory is claimed first ({@link DataDirectoryLock}): a second instance on the same
 * directory is refused rather than stopping the first one's PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnExpression("'${unigov.db.url:}'.isBlank()")
	static class Embedded {

		@Bean(destroyMethod = "close")
		EmbeddedPostgres embeddedPostgres(PlatformSettings platform, DatabaseSettings settings, Environment environment)
				throws IOException {
			Path dataDir = platform.dataDir();
			int port = settings.embedded().port();
			boolean clean = settings.embedded().clean();
			// the exchange's setting (application.yaml: under the data directory)
			Path journals = Path.of(environment.getProperty("unigov.exchange.journal.dir",
					dataDir.resolve("exchange-journal").toString()));
			// before anything else touches the directory: another live instance may be using it
			DataDirectoryLock.claim(dataDir);
			if (clean) {
				// the exchange's access-log journals belong to the database being wiped (docs/exchange.md)
				FileSystemUtils.deleteRecursively(journals);
			}
			Path binaries = Files.createDirectories(dataDir.resolve("pg-bin")).toAbsolutePath();
			Path data = dataDir.resolve("pg-data").toAbsolutePath();
			Files.createDirectories(data.getParent());
			stopOrphan(data);
			log.info("Starting embedded PostgreSQL with data in {}", data);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setOverrideWorkingDirectory(binaries.toFile())
				.setDataDirectory(data)
				.setCleanDataDirectory(clean)
				.setPGStartupWait(Duration.ofSeconds(60))
				.setServerConfig("max_connections", "100")
				.setServerConfig("shared_buffers", "128MB")
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				// the exchange's access log writes WAL steadily (about 1 KB per call): keep a pool of
				// used WAL segments to recycle, so a commit does not wait while a new 16 MB segment is
				// zero-filled (~40 ms here), and checkpoint by size less often (docs/decisions.md 20)
				.setServerConfig("min_wal_size", "1GB")
				.setServerConfig("max_wal_size", "4GB")
				.setLocaleConfig("encoding", "UTF8")
				.setLocaleConfig("locale", "C");
			if (port > 0) {
				builder.setPort(port);
			}
			return builder.start();
		}

		/**
		 * A PostgreSQL left running by an application that was killed (kill -9) still holds the data
		 * directory; the caller holds the directory's lock, so that application is gone. Stop it with SIGINT, PostgreSQL's fast shutdown (smart shutdown can wait for
		 * ever), so this start can use the data; everything it committed is kept.
		 */
		static void stopOrphan(Path data) throws IOException {
			Path pidFile = data.resolve("postmaster.pid");
			if (!Files.isReadable(pidFile)) {
				return;
			}
			long pid;
			try {
				pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
			}
			catch (RuntimeException ex) {
				return;
			}
			ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter(process -> process.info().commandLine().map(line -> line.contains(data.toString())).orElse(false))
				.ifPresent(process -> {
					log.warn("Stopping PostgreSQL {} left running on {} by an earlier run", pid, data);
					try {
						new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
						process.onExit().get(60, TimeUnit.SECONDS);
					}
					catch (Exception ex) {
						throw new IllegalStateException("PostgreSQL " + pid + " on " + data
								+ " did not stop; stop it by hand and start again", ex);
					}
				});
		}

		/** The pool's settings ({@code spring.datasource.hikari.*}) are bound onto it as for any data source. */
		@Bean(destroyMethod = "close")
		@ConfigurationProperties("spring.datasource.hikari")
		HikariDataSource dataSource(EmbeddedPostgres postgres) {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
			dataSource.setUsername("postgres");
			dataSource.setPoolName("unigov");
			return dataSource;
		}

		@Bean
		DemoMode demoMode(PlatformSettings platform) {
			return new DemoMode(!"false".equalsIgnoreCase(platform.demo()));
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnExpression("!'${unigov.db.url:}'.isBlank()")
	static class External {

		@Bean
		DemoMode demoMode(PlatformSettings platform) {
			return new DemoMode("true".equalsIgnoreCase(platform.demo()));
		}
	}
}
