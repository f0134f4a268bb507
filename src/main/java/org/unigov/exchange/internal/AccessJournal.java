package org.unigov.exchange.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;

import org.jspecify.annotations.Nullable;

/**
 * The access log's local write-ahead journal: a preallocated ring file that a batch of entries is
 * appended to and flushed ({@code fdatasync}) before their calls are answered, and from which they
 * are shipped to the database behind the calls. Positions are logical and only grow; a record at
 * position {@code p} lies at {@code p mod capacity} in the ring and carries {@code p} itself, so
 * a record left from an earlier lap, or half written when the process died, ends the journal when
 * it is read back. Nothing unshipped is overwritten: an append that would lap the shipped position
 * is refused ({@link Full}).
 *
 * <p>File layout: a 4 KB header (magic, version, this instance's id, the ring's capacity), then the
 * ring. Record: magic, payload length, position, CRC-32C of those and the payload, the payload. A
 * record that does not fit before the ring's end is preceded by a wrap marker (or by nothing, when
 * fewer than a header's bytes remain) and written from the ring's start.
 */
public final class AccessJournal implements Closeable {

	/** The journal cannot take the batch without overwriting entries not yet shipped. */
	public static final class Full extends IOException {

		private static final long serialVersionUID = 1L;

		Full(String message) {
			super(message);
		}

	}

	/** One record read back: its position, the position after it, its payload. */
	public record Entry(long position, long end, byte[] payload) {
	}

	/** Records read back, and the position after the last thing read (a wrap marker included). */
	public record Chunk(List<Entry> entries, long next) {
	}

	static final int HEADER_BYTES = 4096;

	static final int RECORD_HEADER = 20;

	private static final int FILE_MAGIC = 0x554A4E4C;

	private static final int RECORD_MAGIC = 0x55524543;

	private static final int WRAP_MAGIC = 0x55575250;

	private static final int VERSION = 1;

	private final FileChannel channel;

	private final UUID instance;

	private final long capacity;

	/** Where the next record goes (logical). */
	private volatile long end;

	/** Everything before this is in the database (logical); nothing from here on may be overwritten. */
	private volatile long shipped;

	private final CRC32C crc = new CRC32C();

	private AccessJournal(FileChannel channel, UUID instance, long capacity) {
		this.channel = channel;
		this.instance = instance;
		this.capacity = capacity;
	}

	/**
	 * Opens the journal at {@code file}, creating it (zero-filled, so later flushes write no file
	 * metadata) with {@code capacity} bytes of ring when it does not exist.
	 */
	public static AccessJournal open(Path file, long capacity) throws IOException {
		if (Files.exists(file)) {
			FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
			try {
				ByteBuffer header = ByteBuffer.allocate(32);
				read(channel, header, 0);
				header.flip();
				if (header.getInt() != FILE_MAGIC || header.getInt() != VERSION) {
					throw new IOException(file + " is not an access-log journal of this version");
				}
				UUID instance = new UUID(header.getLong(), header.getLong());
				long ring = header.getLong();
				if (channel.size() < HEADER_BYTES + ring) {
					throw new IOException(file + " is shorter than its ring of " + ring + " bytes");
				}
				return new AccessJournal(channel, instance, ring);
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
		}
		if (capacity < 1 << 16) {
			throw new IllegalArgumentException("An access-log journal needs at least 64 KB, not " + capacity);
		}
		Files.createDirectories(file.toAbsolutePath().getParent());
		Path partial = file.resolveSibling(file.getFileName() + ".new");
		UUID instance = UUID.randomUUID();
		try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
				StandardOpenOption.WRITE)) {
			ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
			header.putInt(FILE_MAGIC).putInt(VERSION).putLong(instance.getMostSignificantBits())
				.putLong(instance.getLeastSignificantBits()).putLong(capacity);
			header.clear();
			write(channel, header, 0);
			ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
			for (long at = 0; at < capacity; at += zeros.capacity()) {
				zeros.clear().limit((int) Math.min(zeros.capacity(), capacity - at));
				write(channel, zeros, HEADER_BYTES + at);
			}
			channel.force(true);
		}
		try {
			// the journal holds who called for which purpose: readable by this service's user only
			Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException notPosix) {
			// the file system's own permissions apply
		}
		Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
		try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
			directory.force(true);
		}
		catch (IOException ignored) {
			// not every file system lets a directory be synced; the rename is then as durable as it gets
		}
		return open(file, capacity);
	}

	public UUID instance() {
		return this.instance;
	}

	public long capacity() {
		return this.capacity;
	}

	public long end() {
		return this.end;
	}

	public long shipped() {
		return this.shipped;
	}

	/** Everything before {@code position} is in the database: its space may be reused. */
	public void shipped(long position) {
		this.shipped = Math.max(this.shipped, position);
	}

	/**
	 * Reads the records from {@code from} (the shipped position) to the journal's end, and makes
	 * that end the place of the next append. Called once, before any append.
	 */
	public List<Entry> recover(long from) throws IOException {
		List<Entry> entries = new ArrayList<>();
		this.end = scan(from, Long.MAX_VALUE, Integer.MAX_VALUE, entries);
		this.shipped = from;
		return entries;
	}

	/**
	 * Up to {@code max} records from {@code from}, none beyond {@code to} (a position the writer has
	 * flushed); for the shipper, while the writer appends.
	 */
	public Chunk read(long from, long to, int max) throws IOException {
		List<Entry> entries = new ArrayList<>(Math.min(max, 1024));
		long next = scan(from, to, max, entries);
		return new Chunk(entries, next);
	}

	private long scan(long from, long to, int max, List<Entry> entries) throws IOException {
		long position = from;
		ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER);
		CRC32C check = new CRC32C();
		while (position < to && entries.size() < max) {
			long offset = position % this.capacity;
			if (this.capacity - offset < RECORD_HEADER) {
				position += this.capacity - offset;
				continue;
			}
			header.clear();
			read(this.channel, header, HEADER_BYTES + offset);
			header.flip();
			int magic = header.getInt();
			int length = header.getInt();
			long stored = header.getLong();
			int checksum = header.getInt();
			if (stored != position) {
				break;
			}
			if (magic == WRAP_MAGIC && length == -1 && checksum == checksum(check, position, length, null, 0)) {
				position += this.capacity - offset;
				continue;
			}
			if (magic != RECORD_MAGIC || length < 0 || length > this.capacity - offset - RECORD_HEADER) {
				break;
			}
			ByteBuffer payload = ByteBuffer.allocate(length);
			read(this.channel, payload, HEADER_BYTES + offset + RECORD_HEADER);
			if (checksum != checksum(check, position, length, payload.array(), length)) {
				break;
			}
			long next = position + RECORD_HEADER + length;
			entries.add(new Entry(position, next, payload.array()));
			position = next;
		}
		return position;
	}

	/**
	 * Appends the payloads as one write (two when the ring wraps) and flushes them to disk; returns
	 * each record's end position. Only one thread appends.
	 */
	public long[] append(List<byte[]> payloads) throws IOException {
		long position = this.end;
		long[] ends = new long[payloads.size()];
		// lay the records out: the part before the ring's end and the part after it
		ByteBuffer first = null;
		ByteBuffer second = null;
		long firstOffset = position % this.capacity;
		ByteBuffer current = null;
		for (int i = 0; i < payloads.size(); i++) {
			byte[] payload = payloads.get(i);
			int size = RECORD_HEADER + payload.length;
			if (size > this.capacity / 4) {
				throw new IOException("An access-log entry of " + payload.length + " bytes is too large for the journal");
			}
			long offset = position % this.capacity;
			if (this.capacity - offset < size) {
				// wrap: a marker where a header fits, then on from the ring's start
				if (current == null) {
					current = first = ByteBuffer.allocate((int) (this.capacity - offset));
				}
				if (this.capacity - offset >= RECORD_HEADER) {
					current.putInt(WRAP_MAGIC).putInt(-1).putLong(position).putInt(checksum(this.crc, position, -1, null, 0));
				}
				position += this.capacity - offset;
				current = second = ByteBuffer.allocate(remaining(payloads, i));
				offset = 0;
			}
			if (current == null) {
				current = first = ByteBuffer.allocate(remaining(payloads, i));
			}
			current.putInt(RECORD_MAGIC).putInt(payload.length).putLong(position)
				.putInt(checksum(this.crc, position, payload.length, payload, payload.length)).put(payload);
			position += size;
			ends[i] = position;
		}
		if (position - this.shipped > this.capacity) {
			throw new Full("The access-log journal is full: " + (this.end - this.shipped)
					+ " bytes are waiting for the database (capacity " + this.capacity + ")");
		}
		if (first != null) {
			first.flip();
			write(this.channel, first, HEADER_BYTES + firstOffset);
		}
		if (second != null) {
			second.flip();
			write(this.channel, second, HEADER_BYTES);
		}
		this.channel.force(false);
		this.end = position;
		return ends;
	}

	private static int remaining(List<byte[]> payloads, int from) {
		int bytes = 0;
		for (int i = from; i < payloads.size(); i++) {
			bytes += RECORD_HEADER + payloads.get(i).length;
		}
		return bytes;
	}

	private static int checksum(CRC32C crc, long position, int length, byte @Nullable [] payload,
			int payloadLength) {
		crc.reset();
		ByteBuffer head = ByteBuffer.allocate(12).putLong(position).putInt(length);
		crc.update(head.array());
		if (payload != null) {
			crc.update(payload, 0, payloadLength);
		}
		return (int) crc.getValue();
	}

	private static void read(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
		long position = at;
		while (buffer.hasRemaining()) {
			int n = channel.read(buffer, position);
			if (n < 0) {
				throw new IOException("The access-log journal ends early at " + position);
			}
			position += n;
		}
	}

	private static void write(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
		long position = at;
		while (buffer.hasRemaining()) {
			position += channel.write(buffer, position);
		}
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
