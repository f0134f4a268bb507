package org.unigov.exchange.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The access log's writer (S10), in two parts (docs/decisions.md 18):
 * <ul>
 * <li>The <b>journal writer</b>: calls hand their entry to {@link #append} and wait for it; one
 * thread takes every entry queued meanwhile, appends the batch to this instance's local journal
 * ({@link AccessJournal}) and flushes it to disk, and only then are the batch's calls answered —
 * a group commit, so an answered call is on disk even if the process is killed a moment later.</li>
 * <li>The <b>shipper</b>: another thread reads the journal from where it was last shipped, chains
 * the entries onto the head of the log's hash chain and copies them into the database in large
 * batches (one binary COPY, whose trigger moves the head and rolls the batch into the daily
 * traffic), recording in the same transaction how far this journal is shipped. After a crash of
 * the process or of the database, the journal's unshipped tail is shipped when the instance
 * starts, before it takes calls.</li>
 * </ul>
 * Several instances share one chain, each with its own journal: a batch moves the head row only
 * from where it expects it, and a loser reads the head and chains again. While the database is
 * unreachable calls go on being answered until the journal is full; then they are refused (503).
 */
@Component
public class AccessLog implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

	/** Months are the province's months (the log partitions and the daily traffic use its time). */
	public static final ZoneId ZONE = org.unigov.shared.ChinaTime.ZONE;

	private static final String COPY = "copy exc_access_log (" + AccessLogCopy.COLUMNS + ") from stdin (format binary)";

	private final DataSource dataSource;

	private final LinkedBlockingQueue<Pending> queue;

	private final int maxBatch;

	private final long waitNanos;

	private final Path journalDirectory;

	private final long journalCapacity;

	private final Set<YearMonth> partitions = ConcurrentHashMap.newKeySet();

	private final AtomicLong batches = new AtomicLong();

	private final AtomicLong entries = new AtomicLong();

	private final AtomicLong shippedEntries = new AtomicLong();

	private final Timer journalTimer;

	private final Timer shipTimer;

	private final Timer queueTimer;

	private final Timer waitTimer;

	private final DistributionSummary batchSizes;

	private final AccessLogCopy copy = new AccessLogCopy();

	/** Entries per shipped batch at most (one COPY, one transaction). */
	private static final int MAX_SHIP = 5000;

	/** The shipper ships when this much is waiting, or ... */
	private static final long SHIP_BYTES = 256 * 1024;

	/** ... when this long has passed since it last shipped. */
	private static final long SHIP_INTERVAL_NANOS = 50_000_000L;

	/** When shipping began to fail (0: it works), so a database outage is logged once, not every try. */
	private long shipFailingSince;

	/** Someone waits for the journal to be shipped: ship without waiting for a batch to fill. */
	private volatile boolean shipSoon;

	private volatile boolean running;

	private volatile boolean shipperDone;

	private @Nullable AccessJournal journal;

	private Path journalFile = Path.of("access-log-0.journal");

	private @Nullable FileChannel lockChannel;

	private @Nullable FileLock lock;

	private @Nullable Thread writer;

	private @Nullable Thread shipper;

	private java.util.concurrent.@Nullable ScheduledExecutorService watchdog;

	/** The batch being written to the journal (for the watchdog). */
	private volatile @Nullable List<Pending> writing;

	/** Where the journal's end is, as the shipper may read it: only what was flushed. */
	private volatile long flushedEnd;

	/** The head as the shipper has chained it; only the shipper touches it. */
	private long headSeq = -1;

	private byte[] headHash = AccessLogHashing.GENESIS;

	private @Nullable Connection shipConnection;

	/**
	 * A call waiting for its entry: completed on {@code confirm} (the call's event loop, so its
	 * answer is written there without another hand-over), failed once older than the wait.
	 */
	private record Pending(AccessEntry entry, CompletableFuture<AccessEntry> done, Executor confirm, long queued) {
	}

	public AccessLog(DataSource dataSource, MeterRegistry meters,
			@Value("${unigov.exchange.log.queue:100000}") int queueCapacity,
			@Value("${unigov.exchange.log.max-batch:2000}") int maxBatch,
			@Value("${unigov.exchange.log.wait:5s}") Duration wait,
			@Value("${unigov.exchange.journal.dir:${unigov.data-dir:var}/exchange-journal}") Path journalDirectory,
			@Value("${unigov.exchange.journal.capacity:256MB}") DataSize journalCapacity) {
		this.dataSource = dataSource;
		this.queue = new LinkedBlockingQueue<>(queueCapacity);
		this.maxBatch = maxBatch;
		this.waitNanos = wait.toNanos();
		this.journalDirectory = journalDirectory.toAbsolutePath();
		this.journalCapacity = journalCapacity.toBytes();
		this.journalTimer = stage(meters, "unigov.exchange.log.journal", "Time to append one batch of access-log entries to the local journal and flush it to disk");
		this.shipTimer = stage(meters, "unigov.exchange.log.ship", "Time to ship one batch of journaled access-log entries into the database");
		this.queueTimer = stage(meters, "unigov.exchange.log.queue", "Time an access-log entry waits before the writer takes it into a batch");
		this.waitTimer = stage(meters, "unigov.exchange.log.wait", "Time from handing an access-log entry over to its call being answered on its event loop");
		this.batchSizes = DistributionSummary.builder("unigov.exchange.log.batch")
			.description("Access-log entries per journal flush")
			.baseUnit("entries")
			.register(meters);
		Gauge.builder("unigov.exchange.log.unshipped", this, AccessLog::unshippedBytes)
			.description("Bytes of the local journal not yet in the database")
			.baseUnit("bytes")
			.register(meters);
	}

	/** A timer of one stage of the log, with its median and 99th percentile. */
	private static Timer stage(MeterRegistry meters, String name, String description) {
		return Timer.builder(name).description(description).publishPercentiles(0.5, 0.99).register(meters);
	}

	/**
	 * Queues an entry; the future completes once it is flushed to the journal, or exceptionally
	 * when it could not be written or was not written within {@code unigov.exchange.log.wait} (the
	 * call must then not be answered with data). It completes on {@code confirm}; calls flushed
	 * together are confirmed with one task per executor.
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

	/** Journal flushes so far: with {@link #entries()}, how many calls share one flush. */
	public long batches() {
		return this.batches.get();
	}

	public long entries() {
		return this.entries.get();
	}

	/** Entries shipped into the database so far by this instance. */
	public long shippedEntries() {
		return this.shippedEntries.get();
	}

	/**
	 * Waits until everything journaled before this call is in the database (tests, and an operator
	 * draining an instance); false if that did not happen within {@code timeout}.
	 */
	public boolean awaitShipped(Duration timeout) throws InterruptedException {
		AccessJournal current = this.journal;
		if (current == null) {
			return true;
		}
		long target = this.flushedEnd;
		long until = System.nanoTime() + timeout.toNanos();
		while (current.shipped() < target) {
			if (System.nanoTime() > until) {
				return false;
			}
			this.shipSoon = true;
			Thread shipping = this.shipper;
			if (shipping != null) {
				LockSupport.unpark(shipping);
			}
			Thread.sleep(2);
		}
		return true;
	}

	private double unshippedBytes() {
		AccessJournal current = this.journal;
		return current == null ? 0 : this.flushedEnd - current.shipped();
	}

	public Timer journalTimer() {
		return this.journalTimer;
	}

	public Timer shipTimer() {
		return this.shipTimer;
	}

	/** Queued to taken into a batch (benchmark and tests). */
	public Timer queueTimer() {
		return this.queueTimer;
	}

	/** Queued to answered on the call's event loop (benchmark and tests). */
	public Timer waitTimer() {
		return this.waitTimer;
	}

	@Override
	public void start() {
		ensurePartitions(YearMonth.now(ZONE));
		AccessJournal opened = openJournal();
		this.journal = opened;
		try (Connection connection = this.dataSource.getConnection()) {
			long shipped = shippedMark(connection, opened);
			if (shipped < 0) {
				// this database has never seen this journal: if it holds entries, they were written
				// for another database (a reset or a different one); they are set aside, neither
				// shipped here nor dropped
				if (!opened.recover(0).isEmpty()) {
					opened = setAside(connection, opened);
					this.journal = opened;
					shippedMark(connection, opened);
				}
				shipped = 0;
			}
			List<AccessJournal.Entry> tail = opened.recover(shipped);
			this.flushedEnd = opened.end();
			readHead(connection);
			if (!tail.isEmpty()) {
				log.info("Shipping {} access-log entries journaled but not yet in the database (instance {})", tail.size(),
						opened.instance());
			}
		}
		catch (SQLException | IOException ex) {
			throw new IllegalStateException("Cannot open the access log's journal in " + this.journalDirectory, ex);
		}
		// the tail left by a crash goes in before this instance takes a call
		try {
			while (opened.shipped() < this.flushedEnd) {
				shipOnce(opened);
			}
		}
		catch (SQLException | IOException ex) {
			log.warn("The access log's journal could not be shipped yet; the shipper keeps trying", ex);
			this.headSeq = -1;
		}
		this.running = true;
		this.shipperDone = false;
		Thread shipping = Thread.ofPlatform().name("exchange-log-ship").daemon(true).unstarted(this::ship);
		this.shipper = shipping;
		shipping.start();
		Thread thread = Thread.ofPlatform().name("exchange-access-log").daemon(true).unstarted(this::run);
		this.writer = thread;
		thread.start();
		this.watchdog = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("exchange-log-watchdog").daemon(true).factory());
		long period = Math.max(10, Math.min(250, this.waitNanos / 1_000_000 / 10));
		this.watchdog.scheduleWithFixedDelay(this::expire, period, period, TimeUnit.MILLISECONDS);
	}

	/**
	 * This instance's journal: the first file in the journal directory no other process or
	 * instance holds (several instances may share a data directory), created when there is none.
	 */
	private AccessJournal openJournal() {
		try {
			Files.createDirectories(this.journalDirectory);
			for (int i = 0; i < 64; i++) {
				Path file = this.journalDirectory.resolve("access-log-" + i + ".journal");
				FileChannel channel = FileChannel.open(this.journalDirectory.resolve("access-log-" + i + ".lock"),
						StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				FileLock held;
				try {
					held = channel.tryLock();
				}
				catch (OverlappingFileLockException inThisProcess) {
					held = null;
				}
				if (held == null) {
					channel.close();
					continue;
				}
				this.lockChannel = channel;
				this.lock = held;
				this.journalFile = file;
				return AccessJournal.open(file, this.journalCapacity);
			}
			throw new IllegalStateException("64 instances already hold journals in " + this.journalDirectory);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot open the access log's journal in " + this.journalDirectory, ex);
		}
	}

	/**
	 * How far this journal is in the database; -1 when the database did not know the journal (it
	 * is registered now).
	 */
	private static long shippedMark(Connection connection, AccessJournal journal) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(
				"insert into exc_journal (instance_id, shipped) values (?, 0) on conflict (instance_id) do nothing")) {
			insert.setObject(1, journal.instance());
			if (insert.executeUpdate() == 1) {
				return -1;
			}
		}
		try (PreparedStatement select = connection.prepareStatement("select shipped from exc_journal where instance_id = ?")) {
			select.setObject(1, journal.instance());
			try (ResultSet rs = select.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	/** Renames a journal written for another database out of the way and starts a new one. */
	private AccessJournal setAside(Connection connection, AccessJournal foreign) throws IOException, SQLException {
		Path file = this.journalFile;
		Path aside = file.resolveSibling(file.getFileName() + ".other-database-" + foreign.instance());
		log.error("The access-log journal {} holds entries this database has never received (instance {}): it is kept as {}"
				+ " and not shipped here; a new journal is started", file, foreign.instance(), aside);
		foreign.close();
		Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		try (PreparedStatement forget = connection.prepareStatement("delete from exc_journal where instance_id = ?")) {
			forget.setObject(1, foreign.instance());
			forget.executeUpdate();
		}
		return AccessJournal.open(file, this.journalCapacity);
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.watchdog != null) {
			this.watchdog.shutdownNow();
		}
		try {
			Thread thread = this.writer;
			if (thread != null) {
				thread.join(10_000);
			}
			this.shipperDone = true;
			Thread shipping = this.shipper;
			if (shipping != null) {
				LockSupport.unpark(shipping);
				shipping.join(15_000);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		closeShipConnection();
		try {
			if (this.journal != null) {
				this.journal.close();
			}
			if (this.lock != null) {
				this.lock.release();
			}
			if (this.lockChannel != null) {
				this.lockChannel.close();
			}
		}
		catch (IOException ex) {
			log.warn("Closing the access log's journal failed", ex);
		}
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

	/** The journal writer: takes the waiting entries, journals and flushes them, answers their calls. */
	private void run() {
		AccessJournal current = this.journal;
		while (this.running || !this.queue.isEmpty()) {
			List<Pending> batch = new ArrayList<>(this.maxBatch);
			try {
				Pending first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, this.maxBatch - 1);
				long picked = System.nanoTime();
				List<byte[]> payloads = new ArrayList<>(batch.size());
				for (Pending p : batch) {
					this.queueTimer.record(picked - p.queued(), TimeUnit.NANOSECONDS);
					payloads.add(AccessEntryCodec.encode(p.entry()));
				}
				this.writing = batch;
				current.append(payloads);
				this.journalTimer.record(System.nanoTime() - picked, TimeUnit.NANOSECONDS);
				this.flushedEnd = current.end();
				this.batchSizes.record(batch.size());
				this.batches.incrementAndGet();
				this.entries.addAndGet(batch.size());
				confirm(batch, null);
				Thread shipping = this.shipper;
				if (shipping != null && this.flushedEnd - current.shipped() >= SHIP_BYTES) {
					LockSupport.unpark(shipping);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				confirm(batch, ex);
				return;
			}
			catch (AccessJournal.Full ex) {
				log.warn("{}; {} calls are refused", ex.getMessage(), batch.size());
				confirm(batch, ex);
			}
			catch (IOException | RuntimeException ex) {
				log.error("Journaling {} access-log entries failed; their calls are refused", batch.size(), ex);
				confirm(batch, ex);
				sleepQuietly();
			}
			finally {
				this.writing = null;
			}
		}
	}

	/**
	 * The shipper: whenever the journal has grown, ships what is new in batches of up to
	 * {@code MAX_SHIP} entries; when the database refuses, tries again a moment later (nothing is
	 * lost: the journal keeps it).
	 */
	private void ship() {
		AccessJournal current = this.journal;
		long lastShipped = System.nanoTime();
		while (!this.shipperDone || current.shipped() < this.flushedEnd) {
			try {
				long waiting = this.flushedEnd - current.shipped();
				long due = lastShipped + SHIP_INTERVAL_NANOS - System.nanoTime();
				if (waiting == 0 || (waiting < SHIP_BYTES && due > 0 && !this.shipSoon && !this.shipperDone)) {
					// large batches, seldom: the calls do not wait for this, and each batch costs
					// the database a transaction and a flush whatever its size
					LockSupport.parkNanos(waiting == 0 ? SHIP_INTERVAL_NANOS : due);
					continue;
				}
				this.shipSoon = false;
				lastShipped = System.nanoTime();
				shipOnce(current);
				if (this.shipFailingSince != 0) {
					log.info("Shipping the access log's journal works again ({} bytes still waiting)",
							this.flushedEnd - current.shipped());
					this.shipFailingSince = 0;
				}
			}
			catch (SQLException | IOException | RuntimeException ex) {
				if (this.shipFailingSince == 0) {
					// once with the cause, then quietly until it works again (calls are still answered)
					log.warn("Shipping the access log's journal to the database failed; trying again every 200 ms", ex);
					this.shipFailingSince = System.nanoTime();
				}
				else {
					log.debug("Shipping the access log's journal failed again", ex);
				}
				closeShipConnection();
				this.headSeq = -1;
				if (this.shipperDone) {
					return;
				}
				sleepQuietly();
			}
		}
	}

	/** Ships the next batch of journaled entries: chained, copied, the journal's mark moved, one transaction. */
	private void shipOnce(AccessJournal current) throws SQLException, IOException {
		long from = current.shipped();
		AccessJournal.Chunk chunk = current.read(from, this.flushedEnd, MAX_SHIP);
		List<AccessJournal.Entry> records = chunk.entries();
		if (records.isEmpty()) {
			if (chunk.next() > from) {
				// only a wrap marker: the mark moves past it like past any record
				Connection connection = shipConnection();
				try {
					mark(connection, current.instance(), chunk.next());
					connection.commit();
				}
				catch (SQLException ex) {
					rollbackQuietly(connection);
					throw ex;
				}
				current.shipped(chunk.next());
				return;
			}
			throw new IOException("The access-log journal has nothing readable between " + from + " and "
					+ this.flushedEnd);
		}
		List<AccessEntry> decoded = new ArrayList<>(records.size());
		for (AccessJournal.Entry record : records) {
			AccessEntry entry = AccessEntryCodec.decode(record.payload());
			YearMonth month = month(entry.at());
			if (!this.partitions.contains(month)) {
				ensurePartitions(month);
			}
			decoded.add(entry);
		}
		long to = records.get(records.size() - 1).end();
		long started = System.nanoTime();
		for (int attempt = 0;; attempt++) {
			Connection connection = shipConnection();
			if (this.headSeq < 0) {
				readHead(connection);
			}
			List<AccessEntry> chained = new ArrayList<>(decoded.size());
			long seq = this.headSeq;
			byte[] previous = this.headHash;
			for (AccessEntry entry : decoded) {
				seq++;
				byte[] hash = AccessLogHashing.hash(entry, seq, previous);
				chained.add(entry.chained(seq, previous, hash));
				previous = hash;
			}
			try {
				insert(connection, chained, current.instance(), to);
				this.headSeq = seq;
				this.headHash = previous;
				break;
			}
			catch (SQLException ex) {
				rollbackQuietly(connection);
				this.headSeq = -1;
				boolean moved = "40001".equals(ex.getSQLState()) || "40P01".equals(ex.getSQLState());
				if (!moved || attempt >= 20) {
					throw ex;
				}
				// another instance moved the head: chain again from where it is now
			}
		}
		this.shipTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		current.shipped(to);
		this.shippedEntries.addAndGet(records.size());
	}

	private void insert(Connection connection, List<AccessEntry> chained, java.util.UUID instance, long to)
			throws SQLException {
		byte[] stream = this.copy.encode(chained);
		org.postgresql.copy.CopyIn in = connection.unwrap(org.postgresql.PGConnection.class)
			.getCopyAPI()
			.copyIn(COPY);
		try {
			in.writeToCopy(stream, 0, this.copy.length());
			in.endCopy();
		}
		finally {
			if (in.isActive()) {
				in.cancelCopy();
			}
		}
		mark(connection, instance, to);
		connection.commit();
	}

	/** Moves this journal's shipped mark, in the caller's transaction. */
	private static void mark(Connection connection, java.util.UUID instance, long to) throws SQLException {
		try (PreparedStatement mark = connection.prepareStatement(
				"update exc_journal set shipped = ?, updated_at = now() where instance_id = ? and shipped <= ?")) {
			mark.setLong(1, to);
			mark.setObject(2, instance);
			mark.setLong(3, to);
			if (mark.executeUpdate() != 1) {
				throw new SQLException("The journal's shipped mark of instance " + instance + " is ahead of " + to);
			}
		}
	}

	private Connection shipConnection() throws SQLException {
		Connection current = this.shipConnection;
		if (current == null || current.isClosed()) {
			current = this.dataSource.getConnection();
			current.setAutoCommit(false);
			this.shipConnection = current;
		}
		return current;
	}

	private void closeShipConnection() {
		Connection current = this.shipConnection;
		this.shipConnection = null;
		if (current != null) {
			try {
				current.rollback();
			}
			catch (SQLException ignored) {
				// closing anyway
			}
			try {
				current.close();
			}
			catch (SQLException ignored) {
				// the pool replaces it
			}
		}
	}

	private static void rollbackQuietly(Connection connection) {
		try {
			connection.rollback();
		}
		catch (SQLException ignored) {
			// the connection is replaced on the next attempt if it is broken
		}
	}

	/**
	 * Completes the calls of a batch, each on its own executor, with one task per executor (the
	 * event loops are woken once per batch, not once per call); a {@code failure} fails them.
	 */
	private void confirm(List<Pending> pending, @Nullable Exception failure) {
		Map<Executor, List<Runnable>> byExecutor = new java.util.IdentityHashMap<>(4);
		for (Pending p : pending) {
			Runnable done = failure == null ? () -> {
				this.waitTimer.record(System.nanoTime() - p.queued(), TimeUnit.NANOSECONDS);
				p.done().complete(p.entry());
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

	/**
	 * The watchdog: fails the calls whose entries wait longer than {@code unigov.exchange.log.wait}
	 * (the disk stalls), so they are answered 503 without data instead of hanging. An entry failed
	 * here may still be journaled later: logged but not answered, never the reverse.
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
		List<Pending> current = this.writing;
		if (current != null && !current.isEmpty() && now - current.get(0).queued() >= this.waitNanos) {
			late.addAll(current);
		}
		late.removeIf(p -> p.done().isDone());
		if (!late.isEmpty()) {
			var timeout = new java.util.concurrent.TimeoutException(
					"The access log did not confirm the entry within " + this.waitNanos / 1_000_000 + " ms");
			log.warn("{} access-log entries not written within {} ms; their calls are refused", late.size(),
					this.waitNanos / 1_000_000);
			confirm(late, timeout);
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

	private void readHead(Connection connection) throws SQLException {
		try (Statement head = connection.createStatement();
				ResultSet rs = head.executeQuery("select seq, hash from exc_log_head where id = 1")) {
			rs.next();
			this.headSeq = rs.getLong(1);
			this.headHash = rs.getBytes(2);
		}
		if (!connection.getAutoCommit()) {
			connection.commit();
		}
	}

	/** Every day, the partitions of this month and the next two exist before they are needed. */
	@org.springframework.scheduling.annotation.Scheduled(cron = "0 17 3 * * *", zone = org.unigov.shared.ChinaTime.ID)
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
