package org.unigov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.StandardEnvironment;
import org.unigov.shared.PlatformSettings;

/**
 * Recovery from a killed application: the PostgreSQL it left behind is stopped, nothing else is;
 * and a PostgreSQL whose application is still running is never stopped.
 */
class EmbeddedDatabaseTests {

	@TempDir
	Path dir;

	private Process fakePostmaster(Path data) throws Exception {
		// A process whose arguments name the data directory, as a real postmaster's do, and that
		// handles SIGINT itself, as PostgreSQL does (a plain child of the test JVM may inherit an
		// ignored SIGINT).
		Process process = new ProcessBuilder("python3", "-c",
				"import signal, sys, time; signal.signal(signal.SIGINT, lambda *a: sys.exit(0)); print('ready', flush=True); "
						+ "time.sleep(300)",
				"-D", data.toString())
			.start();
		// only once its handler is in place does it behave like a postmaster
		assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream())).readLine())
			.isEqualTo("ready");
		return process;
	}

	@Test
	void stopsAPostgresLeftRunningOnTheDataDirectory() throws Exception {
		Path data = Files.createDirectories(this.dir.resolve("pg-data"));
		Process orphan = fakePostmaster(data);
		Files.writeString(data.resolve("postmaster.pid"), orphan.pid() + "\n" + data + "\n");
		EmbeddedDatabaseConfiguration.Embedded.stopOrphan(data);
		assertThat(orphan.waitFor(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void leavesAnUnrelatedProcessWithTheSamePidAlone() throws Exception {
		Path data = Files.createDirectories(this.dir.resolve("pg-data"));
		Process other = fakePostmaster(this.dir.resolve("elsewhere"));
		try {
			Files.writeString(data.resolve("postmaster.pid"), other.pid() + "\n");
			EmbeddedDatabaseConfiguration.Embedded.stopOrphan(data);
			assertThat(other.isAlive()).isTrue();
		}
		finally {
			other.destroyForcibly();
		}
	}

	private static PlatformSettings settings(Path dataDir) {
		return new PlatformSettings(dataDir, "", "false");
	}

	private static DatabaseSettings database() {
		return new DatabaseSettings("", "", "", new DatabaseSettings.Embedded(0, false));
	}

	/**
	 * The first instance, in a JVM of its own: starts the embedded PostgreSQL on the data directory
	 * given, says on which port, and runs until its standard input closes.
	 */
	static final class FirstInstance {

		public static void main(String[] args) throws Exception {
			Path dataDir = Path.of(args[0]);
			try (EmbeddedPostgres postgres = new EmbeddedDatabaseConfiguration.Embedded().embeddedPostgres(settings(dataDir),
					database(), new StandardEnvironment())) {
				System.out.println("port " + postgres.getPort());
				System.out.flush();
				System.in.read();
			}
		}
	}

	@Test
	void aSecondInstanceOnTheSameDataDirectoryIsRefusedAndTheFirstKeepsItsDatabase() throws Exception {
		Path dataDir = this.dir.resolve("var");
		Path output = this.dir.resolve("first.out");
		Process first = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
				System.getProperty("java.class.path"), FirstInstance.class.getName(), dataDir.toString())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try {
			int port = portOf(first, output);
			assertThatThrownBy(() -> new EmbeddedDatabaseConfiguration.Embedded().embeddedPostgres(settings(dataDir),
					database(), new StandardEnvironment()).close())
				.hasMessageContaining(dataDir.toAbsolutePath().toString())
				.hasMessageContaining("process " + first.pid());
			try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
					"postgres", "")) {
				assertThat(connection.createStatement().executeQuery("select 1").next()).isTrue();
			}
		}
		finally {
			first.getOutputStream().close();
			if (!first.waitFor(60, TimeUnit.SECONDS)) {
				first.destroyForcibly();
			}
		}
	}

	@Test
	void theRefusalIsOneLineNamingTheDirectoryAndTheOwner() {
		Path directory = this.dir.resolve("var").toAbsolutePath();
		org.springframework.boot.diagnostics.FailureAnalysis analysis = new DataDirectoryInUseFailureAnalyzer()
			.analyze(new org.springframework.beans.factory.BeanCreationException("embeddedPostgres",
					new DataDirectoryLock.DataDirectoryInUseException(directory, "4242")));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo("The data directory " + directory
				+ " is in use by Unigov process 4242.");
		assertThat(analysis.getAction()).contains("UNIGOV_DATA_DIR").doesNotContain("\n");
	}

	private static int portOf(Process process, Path output) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			for (String line : Files.readAllLines(output)) {
				if (line.startsWith("port ")) {
					return Integer.parseInt(line.substring(5).strip());
				}
			}
			assertThat(process.isAlive()).as("first instance:%n%s", Files.readString(output)).isTrue();
			Thread.sleep(200);
		}
		throw new AssertionError("the first instance did not start its database:\n" + Files.readString(output));
	}

	@Test
	void ignoresAStalePidFile() throws Exception {
		Path data = Files.createDirectories(this.dir.resolve("pg-data"));
		Files.writeString(data.resolve("postmaster.pid"), "not a pid\n");
		EmbeddedDatabaseConfiguration.Embedded.stopOrphan(data);
		Files.writeString(data.resolve("postmaster.pid"), "999999999\n");
		EmbeddedDatabaseConfiguration.Embedded.stopOrphan(data);
		assertThat(data.resolve("postmaster.pid")).exists();
	}
}
