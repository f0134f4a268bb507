package org.unigov;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused data directory into Boot's short start-up failure report (what and what to do)
 * instead of a stack trace.
 */
class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryLock.DataDirectoryInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryLock.DataDirectoryInUseException cause) {
		return new FailureAnalysis(
				"The data directory " + cause.directory() + " is in use by Unigov process " + cause.pid() + ".",
				"Stop that process first, or start this one with another data directory (UNIGOV_DATA_DIR).", cause);
	}
}
