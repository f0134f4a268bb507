package org.unigov.exchange.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A batch of access-log entries in PostgreSQL's binary COPY format, for
 * {@code COPY exc_access_log (COLUMNS) FROM STDIN (FORMAT binary)}: every value as the server
 * keeps it (a UUID as 16 bytes, a hash as its 32 bytes), so the server parses nothing — text
 * arrays of the same entries cost it about 25 µs per entry (docs/decisions.md 18).
 */
final class AccessLogCopy {

	/** The columns in the order {@link #encode} writes them. */
	static final String COLUMNS = "seq, at, request_id, client_id, consumer_system_id, consumer_agency_id, "
			+ "provider_agency_id, service_id, resource_code, grant_id, purpose, method, path, items, status, outcome, "
			+ "latency_us, bytes, subject_key, subject_hmac, previous_hash, hash";

	private static final int FIELDS = 22;

	private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0 };

	/** PostgreSQL's timestamps count microseconds from 2000-01-01 UTC. */
	private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

	private static final int TEXT_OID = 25;

	private byte[] buffer = new byte[8192];

	private int length;

	/** The batch as one COPY stream (header, one tuple per entry, trailer); valid until the next call. */
	byte[] encode(List<AccessEntry> entries) {
		this.length = 0;
		put(SIGNATURE);
		putInt(0);
		putInt(0);
		for (AccessEntry e : entries) {
			putShort(FIELDS);
			putInt(8);
			putLong(e.seq());
			putInt(8);
			putLong(AccessLogHashing.micros(e.at()) - POSTGRES_EPOCH_MICROS);
			uuid(e.requestId());
			text(e.clientId());
			uuid(e.consumerSystemId());
			uuid(e.consumerAgencyId());
			uuid(e.providerAgencyId());
			uuid(e.serviceId());
			text(e.resourceCode());
			uuid(e.grantId());
			text(e.purpose());
			text(e.method());
			text(e.path());
			textArray(e.items());
			putInt(2);
			putShort(e.status());
			text(e.outcome());
			putInt(4);
			putInt(e.latencyUs());
			putInt(4);
			putInt(e.bytes());
			text(e.subjectKey());
			bytes(e.subjectHmac());
			bytes(e.previousHash());
			bytes(e.hash());
		}
		putShort(-1);
		return this.buffer;
	}

	/** How many bytes of {@link #encode}'s result are the stream. */
	int length() {
		return this.length;
	}

	private void uuid(@Nullable UUID value) {
		if (value == null) {
			putInt(-1);
			return;
		}
		putInt(16);
		putLong(value.getMostSignificantBits());
		putLong(value.getLeastSignificantBits());
	}

	private void text(@Nullable String value) {
		bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
	}

	private void bytes(byte @Nullable [] value) {
		if (value == null) {
			putInt(-1);
			return;
		}
		putInt(value.length);
		put(value);
	}

	/** A one-dimensional text[] without nulls (an empty list is the empty array). */
	private void textArray(List<String> values) {
		byte[][] encoded = new byte[values.size()][];
		int size = 12 + (values.isEmpty() ? 0 : 8);
		for (int i = 0; i < encoded.length; i++) {
			encoded[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
			size += 4 + encoded[i].length;
		}
		putInt(size);
		putInt(values.isEmpty() ? 0 : 1);
		putInt(0);
		putInt(TEXT_OID);
		if (!values.isEmpty()) {
			putInt(values.size());
			putInt(1);
		}
		for (byte[] value : encoded) {
			putInt(value.length);
			put(value);
		}
	}

	private void ensure(int more) {
		if (this.length + more > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.length + more));
		}
	}

	private void put(byte[] value) {
		ensure(value.length);
		System.arraycopy(value, 0, this.buffer, this.length, value.length);
		this.length += value.length;
	}

	private void putShort(int value) {
		ensure(2);
		this.buffer[this.length++] = (byte) (value >>> 8);
		this.buffer[this.length++] = (byte) value;
	}

	private void putInt(int value) {
		ensure(4);
		this.buffer[this.length++] = (byte) (value >>> 24);
		this.buffer[this.length++] = (byte) (value >>> 16);
		this.buffer[this.length++] = (byte) (value >>> 8);
		this.buffer[this.length++] = (byte) value;
	}

	private void putLong(long value) {
		putInt((int) (value >>> 32));
		putInt((int) value);
	}
}
