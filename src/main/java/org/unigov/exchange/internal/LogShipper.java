package org.unigov.exchange.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log's shipper (docs/decisions.md 18): a thread reads this instance's journal from
 * where it was last shipped, chains the entries onto the head of the log's hash chain and copies
 * them into the database in large batches (one binary COPY, whose trigger moves the head and
 * rolls the batch into the daily traffic), recording in the same transaction how far the journal
 * is shipped. Several instances share one chain: a batch moves the head row only from where it
 * expects it, and a loser reads the head and chains again.
 */
final class LogShipper {

	private static final Logger log = LoggerFactory.getLogger(LogShipper.class);

	private static final String COPY = "copy exc_access_log (" + AccessLogCopy.COLUMNS + ") from stdin (format binary)";

	/** Entries per shipped batch at most (one COPY, one transaction). */
	private static final int MAX_SHIP = 5000;

	/** The shipper ships when this much is waiting, or ... */
	static final long SHIP_BYTES = 256 * 1024;

	/** ... when this long has passed since it last shipped. */
	private static final long SHIP_INTERVAL_NANOS = 50_000_000L;

	/** Tries to chain a batch again when another instance moved the head meanwhile. */
	private static final int MAX_CHAIN_ATTEMPTS = 20;

	private final DataSource dataSource;

	private final LogPartitions partitions;

	private final Timer shipTimer;

	private final AccessJournal journal;

	private final AccessLogCopy copy = new AccessLogCopy();

	private final AtomicLong shippedEntries = new AtomicLong();

	/** Where the journal's end is, as the shipper may read it: only what was flushed. */
	private volatile long flushedEnd;

	/** Someone waits for the journal to be shipped: ship without waiting for a batch to fill. */
	private volatile boolean shipSoon;

	private volatile boolean done;

	/** When shipping began to fail (0: it works), so a database outage is logged once, not every try. */
	private long failingSince;

	/** The head as the shipper has chained it; only the shipper touches it. */
	private LogHead head;

	private @Nullable Connection connection;

	private @Nullable Thread thread;

	LogShipper(DataSource dataSource, LogPartitions partitions, Timer shipTimer, AccessJournal journal, LogHead head) {
		this.dataSource = dataSource;
		this.partitions = partitions;
		this.shipTimer = shipTimer;
		this.journal = journal;
		this.head = head;
		this.flushedEnd = journal.end();
	}

	/** The writer flushed the journal up to {@code end}; a full batch is shipped at once. */
	void flushed(long end) {
		this.flushedEnd = end;
		Thread shipping = this.thread;
		if (shipping != null && end - this.journal.shipped() >= SHIP_BYTES) {
			LockSupport.unpark(shipping);
		}
	}

	long unshipped() {
		return this.flushedEnd - this.journal.shipped();
	}

	long shippedEntries() {
		return this.shippedEntries.get();
	}

	/** Waits until everything flushed before this call is in the database; false after {@code timeout}. */
	boolean awaitShipped(Duration timeout) throws InterruptedException {
		long target = this.flushedEnd;
		long until = System.nanoTime() + timeout.toNanos();
		while (this.journal.shipped() < target) {
			if (System.nanoTime() > until) {
				return false;
			}
			this.shipSoon = true;
			Thread shipping = this.thread;
			if (shipping != null) {
				LockSupport.unpark(shipping);
			}
			Thread.sleep(2);
		}
		return true;
	}

	/** Ships the tail a crash left before the instance takes calls; when the database refuses, the thread keeps trying. */
	void catchUp() {
		try {
			while (this.journal.shipped() < this.flushedEnd) {
				shipOnce();
			}
		}
		catch (SQLException | IOException ex) {
			log.warn("The access log's journal could not be shipped yet; the shipper keeps trying", ex);
			this.head = LogHead.UNKNOWN;
		}
	}

	void start() {
		this.done = false;
		Thread shipping = Thread.ofPlatform().name("exchange-log-ship").daemon(true).unstarted(this::run);
		this.thread = shipping;
		shipping.start();
	}

	/** Ships what is left (while the database takes it), then stops. */
	void stop() throws InterruptedException {
		this.done = true;
		Thread shipping = this.thread;
		if (shipping != null) {
			LockSupport.unpark(shipping);
			shipping.join(15_000);
		}
		closeConnection();
	}

	/**
	 * Whenever the journal has grown, ships what is new in batches of up to {@code MAX_SHIP}
	 * entries; when the database refuses, tries again a moment later (nothing is lost: the journal
	 * keeps it).
	 */
	private void run() {
		long lastShipped = System.nanoTime();
		while (!this.done || this.journal.shipped() < this.flushedEnd) {
			try {
				long waiting = this.flushedEnd - this.journal.shipped();
				long due = lastShipped + SHIP_INTERVAL_NANOS - System.nanoTime();
				if (waiting == 0 || (waiting < SHIP_BYTES && due > 0 && !this.shipSoon && !this.done)) {
					// large batches, seldom: the calls do not wait for this, and each batch costs
					// the database a transaction and a flush whatever its size
					LockSupport.parkNanos(waiting == 0 ? SHIP_INTERVAL_NANOS : due);
					continue;
				}
				this.shipSoon = false;
				lastShipped = System.nanoTime();
				shipOnce();
				worksAgain();
			}
			catch (SQLException | IOException | RuntimeException ex) {
				failed(ex);
				if (this.done) {
					return;
				}
				AccessLog.sleepQuietly();
			}
		}
	}

	private void worksAgain() {
		if (this.failingSince != 0) {
			log.info("Shipping the access log's journal works again ({} bytes still waiting)", unshipped());
			this.failingSince = 0;
		}
	}

	private void failed(Exception ex) {
		if (this.failingSince == 0) {
			// once with the cause, then quietly until it works again (calls are still answered)
			log.warn("Shipping the access log's journal to the database failed; trying again every 200 ms", ex);
			this.failingSince = System.nanoTime();
		}
		else {
			log.debug("Shipping the access log's journal failed again", ex);
		}
		closeConnection();
		this.head = LogHead.UNKNOWN;
	}

	/** Ships the next batch of journaled entries: chained, copied, the journal's mark moved, one transaction. */
	void shipOnce() throws SQLException, IOException {
		long from = this.journal.shipped();
		AccessJournal.Chunk chunk = this.journal.read(from, this.flushedEnd, MAX_SHIP);
		List<AccessJournal.Entry> records = chunk.entries();
		if (records.isEmpty()) {
			skipMarker(from, chunk);
			return;
		}
		List<AccessEntry> decoded = new ArrayList<>(records.size());
		for (AccessJournal.Entry record : records) {
			AccessEntry entry = AccessEntryCodec.decode(record.payload());
			this.partitions.ensureFor(entry.at());
			decoded.add(entry);
		}
		long to = records.get(records.size() - 1).end();
		long started = System.nanoTime();
		chainAndCopy(decoded, to);
		this.shipTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		this.journal.shipped(to);
		this.shippedEntries.addAndGet(records.size());
	}

	/** Only a wrap marker between {@code from} and the chunk's end: the mark moves past it like past any record. */
	private void skipMarker(long from, AccessJournal.Chunk chunk) throws SQLException, IOException {
		if (chunk.next() <= from) {
			throw new IOException("The access-log journal has nothing readable between " + from + " and "
					+ this.flushedEnd);
		}
		Connection current = connection();
		try {
			JournalMarks.mark(current, this.journal.instance(), chunk.next());
			current.commit();
		}
		catch (SQLException ex) {
			rollbackQuietly(current);
			throw ex;
		}
		this.journal.shipped(chunk.next());
	}

	/** Chains the entries onto the head and copies them in; when another instance moved the head, chains again. */
	private void chainAndCopy(List<AccessEntry> decoded, long to) throws SQLException {
		for (int attempt = 0;; attempt++) {
			Connection current = connection();
			if (this.head.unknown()) {
				this.head = LogHead.readNow(current);
			}
			List<AccessEntry> chained = new ArrayList<>(decoded.size());
			long seq = this.head.seq();
			byte[] previous = this.head.hash();
			for (AccessEntry entry : decoded) {
				seq++;
				byte[] hash = AccessLogHashing.hash(entry, seq, previous);
				chained.add(entry.chained(seq, previous, hash));
				previous = hash;
			}
			try {
				insert(current, chained, this.journal.instance(), to);
				this.head = new LogHead(seq, previous);
				return;
			}
			catch (SQLException ex) {
				rollbackQuietly(current);
				this.head = LogHead.UNKNOWN;
				boolean moved = "40001".equals(ex.getSQLState()) || "40P01".equals(ex.getSQLState());
				if (!moved || attempt >= MAX_CHAIN_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private void insert(Connection current, List<AccessEntry> chained, UUID instance, long to) throws SQLException {
		byte[] stream = this.copy.encode(chained);
		CopyIn in = current.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
		try {
			in.writeToCopy(stream, 0, this.copy.length());
			in.endCopy();
		}
		finally {
			if (in.isActive()) {
				in.cancelCopy();
			}
		}
		JournalMarks.mark(current, instance, to);
		current.commit();
	}

	private Connection connection() throws SQLException {
		Connection current = this.connection;
		if (current == null || current.isClosed()) {
			current = this.dataSource.getConnection();
			current.setAutoCommit(false);
			this.connection = current;
		}
		return current;
	}

	private void closeConnection() {
		Connection current = this.connection;
		this.connection = null;
		if (current != null) {
			rollbackQuietly(current);
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
}
