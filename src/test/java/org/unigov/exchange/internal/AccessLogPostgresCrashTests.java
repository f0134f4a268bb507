package org.unigov.exchange.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

/**
 * S10 durability when PostgreSQL itself dies: the access log writes to a PostgreSQL of its own
 * while eight threads append as fast as they can; every PostgreSQL process is then killed with
 * SIGKILL (what is in its shared memory, WAL buffers included, is gone; what was written to the
 * kernel survives, as in a process crash). After crash recovery and a restart of the writer (which
 * ships its journal's tail), every entry the log had confirmed — every call that would have been
 * answered — must be in the database.
 */
class AccessLogPostgresCrashTests {

	private static final Path DIR = Path.of("var/test-pg-crash").toAbsolutePath();

	@Test
	void S10_afterPostgresIsKilledNoConfirmedEntryIsMissing() throws Exception {
		ConcurrentLinkedQueue<UUID> confirmed = new ConcurrentLinkedQueue<>();
		org.springframework.util.FileSystemUtils.deleteRecursively(DIR.resolve("pg-data"));
		org.springframework.util.FileSystemUtils.deleteRecursively(DIR.resolve("journal"));
		EmbeddedPostgres postgres = start();
		AccessLog log;
		try {
			DataSource data = postgres.getPostgresDatabase();
			Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
			log = new AccessLog(data, new SimpleMeterRegistry(), 100_000, 2000, Duration.ofSeconds(1), DIR.resolve("journal"),
					DataSize.ofMegabytes(64));
			log.start();
			AtomicBoolean stop = new AtomicBoolean();
			List<Thread> writers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				writers.add(Thread.ofPlatform().start(() -> {
					while (!stop.get()) {
						UUID id = UUID.randomUUID();
						try {
							log.append(entry(id)).get(10, TimeUnit.SECONDS);
							confirmed.add(id);
						}
						catch (Exception refused) {
							// PostgreSQL is gone: entries not confirmed may or may not be there
						}
					}
				}));
			}
			long until = System.currentTimeMillis() + 20_000;
			while (confirmed.size() < 3000 && System.currentTimeMillis() < until) {
				Thread.sleep(5);
			}
			killPostgres();
			stop.set(true);
			for (Thread writer : writers) {
				writer.join(20_000);
			}
			log.stop();
		}
		finally {
			try {
				postgres.close(); // releases its lock on the data directory (its server is gone)
			}
			catch (Exception alreadyDead) {
				// pg_ctl finds no server to stop
			}
		}
		assertThat(confirmed).as("entries confirmed before the crash").hasSizeGreaterThan(500);
		try (EmbeddedPostgres recovered = start()) {
			// the instance starts again: it ships what its journal holds beyond the database's mark
			AccessLog restarted = new AccessLog(recovered.getPostgresDatabase(), new SimpleMeterRegistry(), 100_000, 2000,
					Duration.ofSeconds(1), DIR.resolve("journal"), DataSize.ofMegabytes(64));
			restarted.start();
			restarted.stop();
			JdbcTemplate jdbc = new JdbcTemplate(recovered.getPostgresDatabase());
			Set<String> logged = Set.copyOf(jdbc.queryForList(
					"select request_id::text from exc_access_log where request_id = any(?::uuid[])", String.class,
					(Object) confirmed.stream().map(UUID::toString).toArray(String[]::new)));
			assertThat(confirmed).as("confirmed entries found after crash recovery")
				.allMatch(id -> logged.contains(id.toString()));
		}
	}

	private static AccessEntry entry(UUID requestId) {
		return new AccessEntry(0, AccessLogHashing.normalize(java.time.Instant.now()), requestId, "crash-test", UUID.randomUUID(), UUID.randomUUID(),
				UUID.randomUUID(), UUID.randomUUID(), "crash-test", UUID.randomUUID(), "崩溃测试", "GET", "/record",
				List.of("姓名"), 200, "ok", 1000, 226, null, null, new byte[0], new byte[0]);
	}

	private static EmbeddedPostgres start() throws Exception {
		Path binaries = Files.createDirectories(DIR.resolve("pg-bin"));
		return EmbeddedPostgres.builder()
			.setOverrideWorkingDirectory(binaries.toFile())
			.setDataDirectory(DIR.resolve("pg-data"))
			.setCleanDataDirectory(false)
			.setPGStartupWait(Duration.ofSeconds(60))
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.start();
	}

	/** SIGKILL to the postmaster and every process it started, at once. */
	private static void killPostgres() throws Exception {
		long pid = Long.parseLong(Files.readAllLines(DIR.resolve("pg-data/postmaster.pid")).get(0).strip());
		ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
		List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
		all.add(postmaster);
		all.forEach(ProcessHandle::destroyForcibly);
		for (ProcessHandle process : all) {
			process.onExit().get(10, TimeUnit.SECONDS);
		}
	}
}
