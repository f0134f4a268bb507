package org.unigov;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Claims a data directory for this process: an exclusive lock on {@code <data dir>/unigov.lock},
 * held until the JVM exits, with the process id written into the file. A second Unigov on the same
 * directory finds the lock taken and is refused before it touches the PostgreSQL running there;
 * one that was killed leaves no lock behind (the operating system releases it), so its orphaned
 * PostgreSQL may then be stopped. Claiming again from the same JVM (an application context
 * restarted in place) succeeds.
 */
final class DataDirectoryLock {

	static final String FILE = "unigov.lock";

	/** Held for the JVM's lifetime: an unreachable channel could be closed, releasing its lock. */
	private static final Map<Path, FileLock> HELD = new ConcurrentHashMap<>();

	private DataDirectoryLock() {
	}

	static void claim(Path dataDir) throws IOException {
		Path directory = Files.createDirectories(dataDir).toAbsolutePath().normalize();
		Path file = directory.resolve(FILE);
		synchronized (HELD) {
			if (HELD.containsKey(directory)) {
				return;
			}
			FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			FileLock lock;
			try {
				lock = channel.tryLock();
			}
			catch (OverlappingFileLockException ex) {
				lock = null;
			}
			if (lock == null) {
				channel.close();
				throw new DataDirectoryInUseException(directory, owner(file));
			}
			channel.truncate(0);
			channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
			channel.force(true);
			HELD.put(directory, lock);
		}
	}

	private static String owner(Path file) {
		try {
			String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
			return pid.matches("\\d{1,10}") ? pid : "unknown";
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/** Another running process holds the data directory. */
	static final class DataDirectoryInUseException extends IllegalStateException {

		private final Path directory;

		private final String pid;

		DataDirectoryInUseException(Path directory, String pid) {
			super("The data directory " + directory + " is in use by Unigov process " + pid
					+ "; stop that process first or give this one another data directory (UNIGOV_DATA_DIR).");
			this.directory = directory;
			this.pid = pid;
		}

		Path directory() {
			return this.directory;
		}

		String pid() {
			return this.pid;
		}
	}
}
