package org.unigov.catalog.harvest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One pass over one document of a source: a dry run says what a real run would do; a real run
 * does it. Progress is kept in the database, so that any instance can show it.
 */
public record HarvestJob(UUID id, UUID sourceId, boolean dryRun, State state, String documentName,
		@Nullable String documentFormat, int total, int processed, int created, int updated, int unchanged, int skipped,
		int problems, List<DatasetResult> results, @Nullable String failure, String startedBy, Instant startedAt,
		@Nullable Instant finishedAt) {

	public enum State {

		RUNNING, DONE, FAILED

	}

	/** What happens (dry run) or happened to one dataset. */
	public enum Action {

		CREATE, UPDATE, UNCHANGED, SKIP

	}

	/**
	 * One dataset's outcome, with everything the source said about it.
	 *
	 * @param entryId the entry created or updated (or, in a dry run, the one that would be updated)
	 */
	public record DatasetResult(String identifier, String title, Action action, @Nullable UUID entryId,
			@Nullable String entryCode, List<HarvestProblem> problems, HarvestedDataset dataset) {
	}

	public boolean running() {
		return this.state == State.RUNNING;
	}

	public int percent() {
		return this.total == 0 ? (running() ? 0 : 100) : Math.min(100, this.processed * 100 / this.total);
	}
}
