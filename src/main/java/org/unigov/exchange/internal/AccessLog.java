package org.unigov.exchange.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.unigov.shared.ChinaTime;

/**
 * The access log's writer (S10), in two parts (docs/decisions.md 18):
 * <ul>
 * <li>The <b>journal writer</b> (here): calls hand their entry to {@link #append} and wait for it;
 * one thread takes every entry queued meanwhile, appends the batch to this instance's local
 * journal ({@link AccessJournal}) and flushes it to disk, and only then are the batch's calls
 * answered — a group commit, so an answered call is on disk even if the process is killed a
 * moment later.</li>
 * <li>The <b>shipper</b> ({@link LogShipper}) copies the journal into the database's hash chain.
 * After a crash of the process or of the database, the journal's unshipped tail is shipped when
 * the instance starts, before it takes calls.</li>
 * </ul>
 * While the database is unreachable calls go on being answered until the journal is full; then
 * they are refused (503).
 */
@Component
public class AccessLog implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

	private final DataSource dataSource;

	private final LinkedBlockingQueue<Pending> queue;

	private final int maxBatch;

	private final long waitNanos;

	private final Path journalDirectory;

	private final long journalCapacity;

	private final LogPartitions partitions;

	private final Clock clock;

	private final AtomicLong batches = new AtomicLong();

	private final AtomicLong entries = new AtomicLong();

	private final Timer journalTimer;

	private final Timer shipTimer;

	private final Timer queueTimer;

	private final Timer waitTimer;

	private final DistributionSummary batchSizes;

	private volatile boolean running;

	private @Nullable AccessJournal journal;

	private volatile @Nullable LogShipper shipper;

	private Path journalFile = Path.of("access-log-0.journal");

	private @Nullable FileChannel lockChannel;

	private @Nullable FileLock lock;

	private @Nullable Thread writer;

	private @Nullable ScheduledExecutorService watchdog;

	/** The batch being written to the journal (for the watchdog). */
	private volatile @Nullable List<Pending> writing;

	/**
	 * A call waiting for its entry: completed on {@code confirm} (the call's event loop, so its
	 * answer is written there without another hand-over), failed once older than the wait.
	 */
	private record Pending(AccessEntry entry, CompletableFuture<AccessEntry> done, Executor confirm, long queued) {
	}

	@Autowired
	AccessLog(DataSource dataSource, MeterRegistry meters, ExchangeProperties properties, Clock clock) {
		this(dataSource, meters, properties.log().queue(), properties.log().maxBatch(), properties.log().confirmWithin(),
				properties.journal().dir(), properties.journal().capacity(), clock);
	}

	/** A log of its own settings (tests start second instances and crash them). */
	public AccessLog(DataSource dataSource, MeterRegistry meters, int queueCapacity, int maxBatch, Duration wait,
			Path journalDirectory, DataSize journalCapacity) {
		this(dataSource, meters, queueCapacity, maxBatch, wait, journalDirectory, journalCapacity, Clock.systemUTC());
	}

	private AccessLog(DataSource dataSource, MeterRegistry meters, int queueCapacity, int maxBatch, Duration wait,
			Path journalDirectory, DataSize journalCapacity, Clock clock) {
		this.dataSource = dataSource;
		this.clock = clock;
		this.partitions = new LogPartitions(dataSource);
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
		LogShipper current = this.shipper;
		return current == null ? 0 : current.shippedEntries();
	}

	/**
	 * Waits until everything journaled before this call is in the database (tests, and an operator
	 * draining an instance); false if that did not happen within {@code timeout}.
	 */
	public boolean awaitShipped(Duration timeout) throws InterruptedException {
		LogShipper current = this.shipper;
		return current == null || current.awaitShipped(timeout);
	}

	private double unshippedBytes() {
		LogShipper current = this.shipper;
		return current == null ? 0 : current.unshipped();
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
		this.partitions.ensure(YearMonth.now(this.clock.withZone(ChinaTime.ZONE)));
		LogShipper shipping = recover(openJournal());
		// the tail left by a crash goes in before this instance takes a call
		shipping.catchUp();
		this.shipper = shipping;
		this.running = true;
		shipping.start();
		Thread thread = Thread.ofPlatform().name("exchange-access-log").daemon(true).unstarted(this::run);
		this.writer = thread;
		thread.start();
		this.watchdog = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("exchange-log-watchdog").daemon(true).factory());
		long period = Math.max(10, Math.min(250, this.waitNanos / 1_000_000 / 10));
		this.watchdog.scheduleWithFixedDelay(this::expire, period, period, TimeUnit.MILLISECONDS);
	}

	/** Finds how far the journal is shipped and reads the chain's head: the shipper of what is left. */
	private LogShipper recover(AccessJournal opened) {
		try (Connection connection = this.dataSource.getConnection()) {
			long shipped = JournalMarks.shipped(connection, opened.instance());
			if (shipped < 0) {
				// this database has never seen this journal: if it holds entries, they were written
				// for another database (a reset or a different one); they are set aside, neither
				// shipped here nor dropped
				if (!opened.recover(0).isEmpty()) {
					opened = setAside(connection, opened);
					JournalMarks.shipped(connection, opened.instance());
				}
				shipped = 0;
			}
			this.journal = opened;
			List<AccessJournal.Entry> tail = opened.recover(shipped);
			LogShipper shipping = new LogShipper(this.dataSource, this.partitions, this.shipTimer, opened,
					LogHead.read(connection));
			if (!tail.isEmpty()) {
				log.info("Shipping {} access-log entries journaled but not yet in the database (instance {})", tail.size(),
						opened.instance());
			}
			return shipping;
		}
		catch (SQLException | IOException ex) {
			throw new IllegalStateException("Cannot open the access log's journal in " + this.journalDirectory, ex);
		}
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

	/** Renames a journal written for another database out of the way and starts a new one. */
	private AccessJournal setAside(Connection connection, AccessJournal foreign) throws IOException, SQLException {
		Path file = this.journalFile;
		Path aside = file.resolveSibling(file.getFileName() + ".other-database-" + foreign.instance());
		log.error("The access-log journal {} holds entries this database has never received (instance {}): it is kept as {}"
				+ " and not shipped here; a new journal is started", file, foreign.instance(), aside);
		foreign.close();
		Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
		JournalMarks.forget(connection, foreign.instance());
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
			LogShipper shipping = this.shipper;
			if (shipping != null) {
				shipping.stop();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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
		AccessJournal current = Objects.requireNonNull(this.journal);
		LogShipper shipping = Objects.requireNonNull(this.shipper);
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
				this.batchSizes.record(batch.size());
				this.batches.incrementAndGet();
				this.entries.addAndGet(batch.size());
				confirm(batch, null);
				shipping.flushed(current.end());
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
	 * Completes the calls of a batch, each on its own executor, with one task per executor (the
	 * event loops are woken once per batch, not once per call); a {@code failure} fails them.
	 */
	private void confirm(List<Pending> pending, @Nullable Exception failure) {
		Map<Executor, List<Runnable>> byExecutor = new IdentityHashMap<>(4);
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
			var timeout = new TimeoutException(
					"The access log did not confirm the entry within " + this.waitNanos / 1_000_000 + " ms");
			log.warn("{} access-log entries not written within {} ms; their calls are refused", late.size(),
					this.waitNanos / 1_000_000);
			confirm(late, timeout);
		}
	}

	static void sleepQuietly() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Every day, the partitions of this month and the next two exist before they are needed. */
	@Scheduled(cron = "0 17 3 * * *", zone = ChinaTime.ID)
	void maintainPartitions() {
		try {
			this.partitions.ensure(YearMonth.now(this.clock.withZone(ChinaTime.ZONE)));
		}
		catch (RuntimeException ex) {
			log.warn("Creating access-log partitions ahead failed; the writer creates them when needed", ex);
		}
	}
}
