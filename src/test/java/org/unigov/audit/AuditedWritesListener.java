package org.unigov.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Fails the test method during which a write succeeded without an audit entry (see
 * {@link AuditedWrites}); registered for every Spring test in META-INF/spring.factories.
 */
public class AuditedWritesListener implements TestExecutionListener {

	@Override
	public void beforeTestMethod(TestContext testContext) {
		AuditedWrites.drain();
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		List<String> unaudited = AuditedWrites.drain();
		if (!unaudited.isEmpty() && AuditedWrites.recordOnly()) {
			try {
				Files.write(Path.of("target/unaudited-writes.txt"), unaudited.stream()
					.map(v -> testContext.getTestClass().getSimpleName() + " " + v).toList(), StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		else if (!unaudited.isEmpty()) {
			throw new AssertionError("Writes without an audit entry: " + unaudited);
		}
	}
}
