package org.unigov.registry.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.unigov.registry.internal.RegistryError;
import org.unigov.registry.internal.SystemImport;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * Imports started from the import page run in the background so that the page can show their
 * progress; each job is visible only to the person who started it and forgotten an hour after it
 * ends. Jobs live in this instance's memory: the report of a finished import is also in the audit
 * chain, so nothing is lost when they are forgotten.
 */
@Component
class ImportJobs {

	private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

	private static final int MAX_RUNNING_PER_PERSON = 2;

	private final SystemImport importer;

	private final Clock clock;

	private final Map<UUID, Job> jobs = new ConcurrentHashMap<>();

	ImportJobs(SystemImport importer, Clock clock) {
		this.importer = importer;
		this.clock = clock;
	}

	enum State {

		RUNNING, DONE, REJECTED, FAILED

	}

	/** A running or finished import, as the page shows it. */
	static final class Job {

		final UUID id = UUID.randomUUID();

		final String owner;

		final String fileName;

		final boolean dryRun;

		volatile State state = State.RUNNING;

		volatile String phase = "parse";

		volatile int done;

		volatile int total;

		volatile SystemImport.@Nullable ImportReport report;

		volatile @Nullable UnigovException problem;

		volatile @Nullable Instant endedAt;

		Job(String owner, String fileName, boolean dryRun) {
			this.owner = owner;
			this.fileName = fileName;
			this.dryRun = dryRun;
		}

		public UUID getId() {
			return this.id;
		}

		public String getFileName() {
			return this.fileName;
		}

		public boolean isDryRun() {
			return this.dryRun;
		}

		public State getState() {
			return this.state;
		}

		public String getPhase() {
			return this.phase;
		}

		public int getDone() {
			return this.done;
		}

		public int getTotal() {
			return this.total;
		}

		public int getPercent() {
			return this.total == 0 ? 0 : (int) Math.min(100, this.done * 100L / this.total);
		}

		public SystemImport.@Nullable ImportReport getReport() {
			return this.report;
		}

		public @Nullable UnigovException getProblem() {
			return this.problem;
		}

		public boolean isRunning() {
			return this.state == State.RUNNING;
		}
	}

	Job start(Actor actor, String fileName, byte[] content, boolean dryRun) {
		forgetOld();
		long running = this.jobs.values()
			.stream()
			.filter(j -> j.owner.equals(actor.username()) && j.state == State.RUNNING)
			.count();
		if (running >= MAX_RUNNING_PER_PERSON) {
			throw new UnigovException(CommonError.TOO_MANY_REQUESTS,
					"You already have imports running; wait for them to finish.");
		}
		Job job = new Job(actor.username(), fileName, dryRun);
		this.jobs.put(job.id, job);
		Thread.ofVirtual().name("registry-import-" + job.id).start(() -> {
			try {
				job.report = this.importer.run(actor, fileName, content, dryRun, (phase, done, total) -> {
					job.phase = phase;
					job.done = done;
					job.total = total;
				});
				job.state = State.DONE;
			}
			catch (UnigovException ex) {
				if (ex.error() == RegistryError.IMPORT_REJECTED
						&& ex.properties().get("report") instanceof SystemImport.ImportReport report) {
					job.report = report;
					job.state = State.REJECTED;
				}
				else {
					job.problem = ex;
					job.state = State.FAILED;
				}
			}
			catch (RuntimeException | Error ex) {
				log.error("Import {} of {} failed", job.id, fileName, ex);
				job.problem = new UnigovException(CommonError.INTERNAL_ERROR,
						"The import failed unexpectedly; nothing was imported.");
				job.state = State.FAILED;
			}
			finally {
				job.endedAt = this.clock.instant();
			}
		});
		return job;
	}

	Optional<Job> find(Actor actor, UUID id) {
		return Optional.ofNullable(this.jobs.get(id)).filter(j -> j.owner.equals(actor.username()));
	}

	private void forgetOld() {
		Instant cutoff = this.clock.instant().minus(Duration.ofHours(1));
		this.jobs.values().removeIf(j -> j.endedAt != null && j.endedAt.isBefore(cutoff));
	}
}
