package org.unigov;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery from a killed application: the PostgreSQL it left behind is stopped, nothing else is. */
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
