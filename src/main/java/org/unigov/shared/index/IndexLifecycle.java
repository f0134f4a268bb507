package org.unigov.shared.index;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The life of an in-memory index kept beside the database (the catalog's search index, the
 * registry's duplicate finder): built in the background after start-up, updated after each
 * committed change on this instance, and reconciled periodically with changes made by other
 * instances, refreshing only rows whose version moved. Until the first build completes,
 * {@link #awaitReady(Duration)} holds callers for a bounded time; a failed build is retried at the
 * next reconcile.
 */
public final class IndexLifecycle {

	private static final Logger log = LoggerFactory.getLogger(IndexLifecycle.class);

	/** How far back a reconcile looks beyond the previous one, for clock skew and long transactions. */
	static final Duration OVERLAP = Duration.ofMinutes(5);

	/** What the owner of an index provides: how to fill it and which rows changed. */
	public interface Source {

		/** Empties the index and fills it with every row, reporting each indexed row's version. */
		int rebuild(Versions versions);

		/** Puts (or removes) the given rows, reporting the version of each one indexed. */
		void refresh(Collection<UUID> ids, Versions versions);

		/** The current version of every row changed since the instant. */
		Map<UUID, Long> changedSince(Instant since);
	}

	/**
	 * {@link Source#changedSince} for the usual table of the owning module with {@code id},
	 * {@code version} and {@code updated_at} columns; the table name is the owner's own constant.
	 */
	public static Map<UUID, Long> versionsChangedSince(JdbcClient jdbc, String table, Instant since) {
		Map<UUID, Long> changed = new HashMap<>();
		jdbc.sql("select id, version from " + table + " where updated_at >= ?")
			.param(Timestamp.from(since))
			.query(rs -> {
				changed.put(rs.getObject(1, UUID.class), rs.getLong(2));
			});
		return changed;
	}

	/** Receives the version of a row as it was indexed. */
	@FunctionalInterface
	public interface Versions {

		void indexed(UUID id, long version);
	}

	private final String name;

	private final Clock clock;

	private final Source source;

	private final CountDownLatch loaded = new CountDownLatch(1);

	private final Map<UUID, Long> indexedVersions = new ConcurrentHashMap<>();

	private volatile Instant lastReconciled = Instant.EPOCH;

	private volatile boolean loading;

	public IndexLifecycle(String name, Clock clock, Source source) {
		this.name = name;
		this.clock = clock;
		this.source = source;
	}

	/** Builds the index on a background thread (call it once the application is ready). */
	public void loadInBackground() {
		Thread.ofPlatform().name(this.name + "-load").daemon().start(this::load);
	}

	/** Builds the index now; a failure is logged and retried at the next reconcile. */
	public synchronized void load() {
		long start = System.nanoTime();
		try {
			this.loading = true;
			this.lastReconciled = this.clock.instant();
			int count = this.source.rebuild(this.indexedVersions::put);
			log.info("Index {} built with {} rows in {} ms", this.name, count, (System.nanoTime() - start) / 1_000_000);
			this.loaded.countDown();
		}
		catch (RuntimeException ex) {
			log.error("Could not build index {}; retrying at the next reconcile", this.name, ex);
		}
		finally {
			this.loading = false;
		}
	}

	/** Updates the index after a change committed on this instance. */
	public void refresh(Collection<UUID> ids) {
		if (!ids.isEmpty()) {
			this.source.refresh(ids, this.indexedVersions::put);
		}
	}

	/**
	 * Picks up changes made by other instances: rows whose version differs from the one indexed.
	 * Builds the index instead while the first build has not succeeded.
	 */
	public void reconcile() {
		if (!ready()) {
			if (!this.loading) {
				load();
			}
			return;
		}
		Instant since = this.lastReconciled.minus(OVERLAP);
		this.lastReconciled = this.clock.instant();
		List<UUID> changed = new ArrayList<>();
		this.source.changedSince(since).forEach((id, version) -> {
			if (!version.equals(this.indexedVersions.get(id))) {
				changed.add(id);
			}
		});
		refresh(changed);
	}

	/** Whether the first build has completed. */
	public boolean ready() {
		return this.loaded.getCount() == 0;
	}

	/** Waits at most {@code timeout} for the first build; false when it is not ready by then. */
	public boolean awaitReady(Duration timeout) {
		try {
			return this.loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
