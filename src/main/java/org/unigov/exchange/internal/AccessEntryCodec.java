package org.unigov.exchange.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An access-log entry as the journal keeps it, before it is chained: every field the log stores
 * except the sequence number and the hashes, which the database's chain gives it when it is
 * shipped. Version 1; strings are UTF-8 with their length, absent values a flag.
 */
public final class AccessEntryCodec {

	private static final int VERSION = 1;

	private AccessEntryCodec() {
	}

	public static byte[] encode(AccessEntry entry) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(VERSION);
			out.writeLong(AccessLogHashing.micros(entry.at()));
			uuid(out, entry.requestId());
			string(out, entry.clientId());
			uuid(out, entry.consumerSystemId());
			uuid(out, entry.consumerAgencyId());
			uuid(out, entry.providerAgencyId());
			uuid(out, entry.serviceId());
			string(out, entry.resourceCode());
			uuid(out, entry.grantId());
			string(out, entry.purpose());
			string(out, entry.method());
			string(out, entry.path());
			out.writeInt(entry.items().size());
			for (String item : entry.items()) {
				string(out, item);
			}
			out.writeInt(entry.status());
			string(out, entry.outcome());
			out.writeInt(entry.latencyUs());
			out.writeInt(entry.bytes());
			string(out, entry.subjectKey());
			byte[] hmac = entry.subjectHmac();
			out.writeInt(hmac == null ? -1 : hmac.length);
			if (hmac != null) {
				out.write(hmac);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	public static AccessEntry decode(byte[] payload) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
			int version = in.readUnsignedByte();
			if (version != VERSION) {
				throw new IllegalArgumentException("Unknown journal entry version " + version);
			}
			long micros = in.readLong();
			Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
			UUID requestId = uuid(in);
			String clientId = string(in);
			UUID consumerSystemId = uuid(in);
			UUID consumerAgencyId = uuid(in);
			UUID providerAgencyId = uuid(in);
			UUID serviceId = uuid(in);
			String resourceCode = string(in);
			UUID grantId = uuid(in);
			String purpose = string(in);
			String method = string(in);
			String path = string(in);
			int count = in.readInt();
			List<String> items = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				items.add(string(in));
			}
			int status = in.readInt();
			String outcome = string(in);
			int latencyUs = in.readInt();
			int bytes = in.readInt();
			String subjectKey = string(in);
			int hmacLength = in.readInt();
			byte[] hmac = hmacLength < 0 ? null : in.readNBytes(hmacLength);
			return new AccessEntry(0, at, requestId, clientId, consumerSystemId, consumerAgencyId, providerAgencyId,
					serviceId, resourceCode, grantId, purpose, method, path, items, status, outcome, latencyUs, bytes,
					subjectKey, hmac, new byte[0], new byte[0]);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("A journal entry that cannot be read", ex);
		}
	}

	private static void uuid(DataOutputStream out, @Nullable UUID value) throws IOException {
		out.writeBoolean(value != null);
		if (value != null) {
			out.writeLong(value.getMostSignificantBits());
			out.writeLong(value.getLeastSignificantBits());
		}
	}

	private static @Nullable UUID uuid(DataInputStream in) throws IOException {
		return in.readBoolean() ? new UUID(in.readLong(), in.readLong()) : null;
	}

	private static void string(DataOutputStream out, @Nullable String value) throws IOException {
		if (value == null) {
			out.writeInt(-1);
			return;
		}
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(utf8.length);
		out.write(utf8);
	}

	private static @Nullable String string(DataInputStream in) throws IOException {
		int length = in.readInt();
		return length < 0 ? null : new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

}
