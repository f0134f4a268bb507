package org.unigov;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.core.env.Environment;

/**
 * What the application logged (ECS JSON, one event a line) since this tail was started, so that a
 * test can check how something was logged.
 */
public final class LogTail {

	private final Path file;

	private final long start;

	private LogTail(Path file) throws IOException {
		this.file = file;
		this.start = Files.exists(file) ? Files.size(file) : 0;
	}

	/** Starts reading at the current end of the application's log file. */
	public static LogTail of(Environment environment) throws IOException {
		return new LogTail(Path.of(environment.getRequiredProperty("logging.file.name")));
	}

	/** The events logged since the start (a rotated file is not followed). */
	public List<String> events() throws IOException {
		try (RandomAccessFile log = new RandomAccessFile(this.file.toFile(), "r")) {
			long end = log.length();
			if (end <= this.start) {
				return List.of();
			}
			byte[] bytes = new byte[Math.toIntExact(end - this.start)];
			log.seek(this.start);
			log.readFully(bytes);
			return new String(bytes, StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
		}
	}

	/** The events that carry a stack trace. */
	public List<String> stackTraces() throws IOException {
		return events().stream().filter(event -> event.contains("\"stack_trace\"")).toList();
	}
}
