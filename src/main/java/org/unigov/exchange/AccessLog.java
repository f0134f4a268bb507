package org.unigov.exchange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The access log's writer (S10). Calls hand their entry to {@link #append} and wait for it; one
 * sequencer thread takes every entry queued meanwhile, chains them onto the head and inserts the
 * batch with one binary COPY (whose trigger moves the head and rolls the batch into the daily
 * traffic table) in one synchronous commit (with {@code unigov.exchange.log.committers} above 1,
 * committer threads insert instead). Only when that commit has returned, the WAL flushed past it,
 * are the batch's calls answered — a group commit (docs/decisions.md 18), so an answered call is
 * in the log even if the process, or PostgreSQL, is killed a moment later. Several instances share
 * one chain: each batch moves the head row only from where it expects it.
 */
@Component
public class AccessLog implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

	/** Months are the province's months (the log partitions and the daily traffic use its time). */
	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final DataSource dataSource;

	private final LinkedBlockingQueue<Pending> queue;

	private final int maxBatch;

	private final Set<YearMonth> partitions = ConcurrentHashMap.newKeySet();

	private volatile boolean running;

	private final java.util.concurrent.atomic.AtomicLong batches = new java.util.concurrent.atomic.AtomicLong();

	private final java.util.concurrent.atomic.AtomicLong entries = new java.util.concurrent.atomic.AtomicLong();

	private @Nullable Thread writer;

	/**
	 * A call waiting for its entry: completed on {@code confirm} (the call's event loop, so its
	 * answer is written there without another hand-over), failed once older than the wait.
	 */
	private record Pending(AccessEntry entry, CompletableFuture<AccessEntry> done, Executor confirm, long queued) {
	}

	AccessLog(DataSource dataSource, io.micrometer.core.instrument.MeterRegistry meters,
			@Value("${unigov.exchange.log.queue:100000}") int queueCapacity,
			@Value("${unigov.exchange.log.max-batch:2000}") int maxBatch,
			@Value("${unigov.exchange.log.committers:1}") int committers,
			@Value("${unigov.exchange.log.wait:5s}") java.time.Duration wait) {
		this.waitNanos = wait.toNanos();
		this.dataSource = dataSource;
		this.insertTimer = io.micrometer.core.instrument.Timer.builder("unigov.exchange.log.insert")
			.description("Time to insert one access-log batch and commit it durably (the WAL flushed)")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
		this.queueTimer = io.micrometer.core.instrument.Timer.builder("unigov.exchange.log.queue")
			.description("Time an access-log entry waits before the writer takes it into a batch")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
		this.waitTimer = io.micrometer.core.instrument.Timer.builder("unigov.exchange.log.wait")
			.description("Time from handing an access-log entry over to its call being answered on its event loop")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
		this.batchSizes = io.micrometer.core.instrument.DistributionSummary.builder("unigov.exchange.log.batch")
			.description("Access-log entries per batch")
			.baseUnit("entries")
			.register(meters);
		this.committers = Math.max(1, committers);
		this.slots = new java.util.concurrent.Semaphore(this.committers);
		this.queue = new LinkedBlockingQueue<>(queueCapacity);
		this.maxBatch = maxBatch;
	}

	/**
	 * Queues an entry; the future completes with the chained entry once it is committed, or
	 * exceptionally when it could not be written or was not written within
	 * {@code unigov.exchange.log.wait} (the call must then not be answered with data). It
	 * completes on {@code confirm}; calls committed together are confirmed with one task per executor.
	 */
	public CompletableFuture<AccessEntry> append(AccessEntry entry, Executor confirm) {
		CompletableFuture<AccessEntry> done = new CompletableFuture<>();
		if (!this.running || !this.queue.offer(new Pending(entry, done, confirm, System.nanoTime()))) {
			done.completeExceptionally(new IllegalStateException("The access log is not accepting entries"));
		}
		return done;
	}

	/** {@link #append(AccessEntry, Executor)}, confirmed on the writer's thread. */
	public CompletableFuture<AccessEntry> append(AccessEntry entry) {
		return append(entry, Runnable::run);
	}

	/** Commits so far: with {@link #entries()}, how many calls share one commit. */
	public long batches() {
		return this.batches.get();
	}

	public long entries() {
		return this.entries.get();
	}

	@Override
	public void start() {
		ensurePartitions(YearMonth.now(ZONE));
		this.running = true;
		if (this.committers > 1) {
			this.commitPool = java.util.concurrent.Executors.newFixedThreadPool(this.committers,
					Thread.ofPlatform().name("exchange-log-commit-", 0).daemon(true).factory());
		}
		Thread thread = Thread.ofPlatform().name("exchange-access-log").daemon(true).unstarted(this::run);
		this.writer = thread;
		thread.start();
		this.watchdog = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("exchange-log-watchdog").daemon(true).factory());
		long period = Math.max(10, Math.min(250, this.waitNanos / 1_000_000 / 10));
		this.watchdog.scheduleWithFixedDelay(this::expire, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.writer;
		if (this.watchdog != null) {
			this.watchdog.shutdownNow();
		}
		try {
			if (thread != null) {
				thread.join(10_000);
			}
			if (this.commitPool != null) {
				this.commitPool.shutdown();
				this.commitPool.awaitTermination(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		for (Connection connection : List.copyOf(this.openConnections)) {
			try {
				connection.close();
			}
			catch (SQLException ignored) {
				// the pool closes it
			}
		}
		this.openConnections.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops after the web server (which stops at a higher phase), so calls in flight are logged. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 4096;
	}

	/** A batch on its way: the calls waiting for it, its entries as chained, how often it was tried. */
	private record Batch(List<Pending> pending, List<AccessEntry> chained, int attempt) {
	}

	/**
	 * The sequencer: takes the waiting entries, chains them onto the head it keeps in memory and
	 * inserts each batch itself (with several committers, hands it to one of them: up to
	 * {@code committers} batches are then in flight, each committing on its own connection). When
	 * a batch fails because another writer moved the head, every batch in flight is retried in order
	 * once the head is read again.
	 */
	private void run() {
		while (this.running || !this.queue.isEmpty() || !this.retries.isEmpty()) {
			List<Pending> batch = new ArrayList<>(this.maxBatch);
			try {
				if (this.resync) {
					resync();
					continue;
				}
				Pending first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, this.maxBatch - 1);
				long picked = System.nanoTime();
				for (Pending p : batch) {
					this.queueTimer.record(picked - p.queued(), TimeUnit.NANOSECONDS);
				}
				submit(batch, 0);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				fail(batch, ex);
				return;
			}
			catch (RuntimeException | SQLException ex) {
				log.error("Writing {} access-log entries failed; their calls are refused", batch.size(), ex);
				fail(batch, ex);
				this.resync = true;
				sleepQuietly();
			}
		}
	}

	/** Waits for every batch in flight, reads the head and chains the failed batches again, in order. */
	private void resync() throws InterruptedException, SQLException {
		this.slots.acquire(this.committers);
		try {
			try (Connection connection = this.dataSource.getConnection()) {
				readHead(connection);
			}
			this.resync = false;
		}
		finally {
			this.slots.release(this.committers);
		}
		List<Batch> again;
		synchronized (this.retries) {
			again = new ArrayList<>(this.retries);
			this.retries.clear();
		}
		again.sort(java.util.Comparator.comparingLong(b -> b.chained().get(0).seq()));
		for (Batch b : again) {
			if (b.attempt() >= 5) {
				fail(b.pending(), new SQLException("The access-log head kept moving; giving up on this batch"));
			}
			else {
				submit(b.pending(), b.attempt() + 1);
			}
		}
	}

	private void submit(List<Pending> batch, int attempt) throws InterruptedException {
		for (Pending p : batch) {
			YearMonth month = YearMonth.from(p.entry().at().atZone(ZONE));
			if (!this.partitions.contains(month)) {
				ensurePartitions(month);
			}
		}
		this.slots.acquire();
		List<AccessEntry> chained = new ArrayList<>(batch.size());
		long seq = this.headSeq;
		byte[] previous = this.headHash;
		for (Pending p : batch) {
			seq++;
			byte[] hash = AccessLogHashing.hash(p.entry(), seq, previous);
			chained.add(p.entry().chained(seq, previous, hash));
			previous = hash;
		}
		this.headSeq = seq;
		this.headHash = previous;
		Batch job = new Batch(batch, chained, attempt);
		this.inFlight.add(job);
		if (this.committers == 1) {
			// one committer: the sequencer inserts the batch itself (no thread hand-off per batch)
			commit(job);
			return;
		}
		try {
			this.commitPool.execute(() -> commit(job));
		}
		catch (RuntimeException ex) {
			this.inFlight.remove(job);
			this.slots.release();
			throw ex;
		}
	}

	/** On a committer thread: one statement, one synchronous commit; then the calls are answered. */
	private void commit(Batch batch) {
		try {
			long started = System.nanoTime();
			append(committerConnection(), batch.chained());
			this.insertTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			this.batchSizes.record(batch.chained().size());
			this.batches.incrementAndGet();
			this.entries.addAndGet(batch.chained().size());
			confirm(batch.pending(), batch.chained(), null);
		}
		catch (SQLException | RuntimeException ex) {
			this.resync = true;
			if (ex instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
				synchronized (this.retries) {
					this.retries.add(batch);
				}
			}
			else {
				log.error("Writing {} access-log entries failed; their calls are refused", batch.pending().size(), ex);
				fail(batch.pending(), ex);
				closeCommitterConnection();
			}
		}
		finally {
			this.inFlight.remove(batch);
			this.slots.release();
		}
	}

	/**
	 * Completes the calls of a batch, each on its own executor, with one task per executor (the
	 * event loops are woken once per batch, not once per call); {@code chained} null fails them.
	 */
	private void confirm(List<Pending> pending, @Nullable List<AccessEntry> chained, @Nullable Exception failure) {
		Map<Executor, List<Runnable>> byExecutor = new java.util.IdentityHashMap<>(4);
		for (int i = 0; i < pending.size(); i++) {
			Pending p = pending.get(i);
			AccessEntry entry = chained == null ? null : chained.get(i);
			Runnable done = entry != null ? () -> {
				this.waitTimer.record(System.nanoTime() - p.queued(), TimeUnit.NANOSECONDS);
				p.done().complete(entry);
			} : () -> p.done().completeExceptionally(failure);
			byExecutor.computeIfAbsent(p.confirm(), e -> new ArrayList<>()).add(done);
		}
		byExecutor.forEach((executor, tasks) -> {
			try {
				executor.execute(() -> tasks.forEach(Runnable::run));
			}
			catch (RuntimeException rejected) {
				// the event loop is shutting down: complete here, its connection is closing anyway
				tasks.forEach(Runnable::run);
			}
		});
	}

	private void fail(List<Pending> batch, Exception ex) {
		confirm(batch, null, ex);
	}

	/**
	 * The watchdog: fails the calls whose entries wait longer than {@code unigov.exchange.log.wait}
	 * (the database is down or stalled), so they are answered 503 without data instead of hanging.
	 * An entry failed here may still be committed later: logged but not answered, never the reverse.
	 */
	private void expire() {
		long now = System.nanoTime();
		List<Pending> late = new ArrayList<>();
		for (Pending p : this.queue) {
			if (now - p.queued() < this.waitNanos) {
				break;
			}
			late.add(p);
		}
		List<Batch> waiting = new ArrayList<>(this.inFlight);
		synchronized (this.retries) {
			waiting.addAll(this.retries);
		}
		for (Batch b : waiting) {
			if (now - b.pending().get(0).queued() >= this.waitNanos) {
				late.addAll(b.pending());
			}
		}
		late.removeIf(p -> p.done().isDone());
		if (!late.isEmpty()) {
			var timeout = new java.util.concurrent.TimeoutException(
					"The access log did not confirm the entry within " + this.waitNanos / 1_000_000 + " ms");
			log.warn("{} access-log entries not written within {} ms; their calls are refused", late.size(),
					this.waitNanos / 1_000_000);
			fail(late, timeout);
		}
	}

	private static void sleepQuietly() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private final int committers;

	private final io.micrometer.core.instrument.Timer insertTimer;

	private final io.micrometer.core.instrument.DistributionSummary batchSizes;

	private final io.micrometer.core.instrument.Timer queueTimer;

	private final io.micrometer.core.instrument.Timer waitTimer;

	/** Queued to taken into a batch (benchmark and tests). */
	public io.micrometer.core.instrument.Timer queueTimer() {
		return this.queueTimer;
	}

	/** Queued to answered on the call's event loop (benchmark and tests). */
	public io.micrometer.core.instrument.Timer waitTimer() {
		return this.waitTimer;
	}

	/** Insert-and-commit times so far (Prometheus: unigov_exchange_log_insert_seconds). */
	public io.micrometer.core.instrument.Timer insertTimer() {
		return this.insertTimer;
	}

	private final long waitNanos;

	private java.util.concurrent.@Nullable ScheduledExecutorService watchdog;

	/** Batches handed to a committer and not yet answered (for the watchdog). */
	private final java.util.Queue<Batch> inFlight = new java.util.concurrent.ConcurrentLinkedQueue<>();

	private final java.util.concurrent.Semaphore slots;

	private final List<Batch> retries = new ArrayList<>();

	private volatile boolean resync = true;

	private java.util.concurrent.@Nullable ExecutorService commitPool;

	private final ThreadLocal<Connection> committerConnection = new ThreadLocal<>();

	private final List<Connection> openConnections = java.util.Collections.synchronizedList(new ArrayList<>());

	/** The head as the sequencer has chained it (batches in flight included); only the sequencer touches it. */
	private long headSeq = -1;

	private byte[] headHash = AccessLogHashing.GENESIS;

	private static final String COPY = "copy exc_access_log (" + AccessLogCopy.COLUMNS + ") from stdin (format binary)";

	private final ThreadLocal<AccessLogCopy> copies = ThreadLocal.withInitial(AccessLogCopy::new);

	private Connection committerConnection() throws SQLException {
		Connection current = this.committerConnection.get();
		if (current == null || current.isClosed()) {
			current = this.dataSource.getConnection();
			current.setAutoCommit(true);
			this.committerConnection.set(current);
			this.openConnections.add(current);
		}
		return current;
	}

	private void closeCommitterConnection() {
		Connection current = this.committerConnection.get();
		this.committerConnection.remove();
		if (current != null) {
			this.openConnections.remove(current);
			try {
				current.close();
			}
			catch (SQLException ignored) {
				// replaced on the next batch
			}
		}
	}

	private void readHead(Connection connection) throws SQLException {
		try (Statement head = connection.createStatement();
				ResultSet rs = head.executeQuery("select seq, hash from exc_log_head where id = 1")) {
			rs.next();
			this.headSeq = rs.getLong(1);
			this.headHash = rs.getBytes(2);
		}
	}

	/**
	 * One statement, one transaction: the entries by binary COPY. The log's statement trigger
	 * ({@code exc_log_chain}) moves the head from where the batch starts or fails with 40001, adds
	 * the daily traffic, and makes the commit synchronous whatever the server's default: the COPY
	 * returns once the batch is durable.
	 */
	private void append(Connection connection, List<AccessEntry> entries) throws SQLException {
		AccessLogCopy copy = this.copies.get();
		byte[] stream = copy.encode(entries);
		org.postgresql.copy.CopyIn in = connection.unwrap(org.postgresql.PGConnection.class)
			.getCopyAPI()
			.copyIn(COPY);
		try {
			in.writeToCopy(stream, 0, copy.length());
			in.endCopy();
		}
		finally {
			if (in.isActive()) {
				in.cancelCopy();
			}
		}
	}

	/** Every day, the partitions of this month and the next two exist before they are needed. */
	@org.springframework.scheduling.annotation.Scheduled(cron = "0 17 3 * * *", zone = "Asia/Shanghai")
	void maintainPartitions() {
		try {
			ensurePartitions(YearMonth.now(ZONE));
		}
		catch (RuntimeException ex) {
			log.warn("Creating access-log partitions ahead failed; the writer creates them when needed", ex);
		}
	}

	/**
	 * Creates the partitions for {@code month} and the two after it when missing (also daily, by
	 * {@link #maintainPartitions}); several instances may race, which {@code if not exists} and a
	 * re-check absorb.
	 */
	public void ensurePartitions(YearMonth month) {
		for (int i = 0; i < 3; i++) {
			YearMonth m = month.plusMonths(i);
			if (this.partitions.contains(m)) {
				continue;
			}
			String table = partitionName(m);
			String sql = "create table if not exists " + table + " partition of exc_access_log for values from ('"
					+ m.atDay(1) + " 00:00:00+08') to ('" + m.plusMonths(1).atDay(1) + " 00:00:00+08')";
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
				this.partitions.add(m);
			}
			catch (SQLException ex) {
				if (exists(table)) {
					this.partitions.add(m);
				}
				else {
					throw new IllegalStateException("Cannot create access-log partition " + table, ex);
				}
			}
		}
	}

	private boolean exists(String table) {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement("select to_regclass(?) is not null")) {
			statement.setString(1, table);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/** {@code exc_access_log_y2026m11}: the partition of one month. */
	public static String partitionName(YearMonth month) {
		return String.format("exc_access_log_y%04dm%02d", month.getYear(), month.getMonthValue());
	}

	/** The month an instant falls in, in the province's time. */
	public static YearMonth month(Instant at) {
		return YearMonth.from(at.atZone(ZONE));
	}
}
