package org.unigov.exchange.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The canonical encoding of an access-log entry and its SHA-256 hash, in the same style as the
 * audit chain: each field as its UTF-8 byte length, a colon, the bytes and a newline, in a fixed
 * order; times in microseconds since the epoch; hashes and subject hashes in lower-case hex; the
 * items joined by U+001F. docs/exchange.md gives the order for outside verifiers.
 */
public final class AccessLogHashing {

	public static final byte[] GENESIS = new byte[32];

	private static final HexFormat HEX = HexFormat.of();

	private AccessLogHashing() {
	}

	public static Instant normalize(Instant time) {
		return time.truncatedTo(ChronoUnit.MICROS);
	}

	public static long micros(Instant time) {
		return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1000);
	}

	public static byte[] hash(AccessEntry e, long seq, byte[] previousHash) {
		StringBuilder out = new StringBuilder(384);
		field(out, Long.toString(seq));
		field(out, Long.toString(micros(e.at())));
		field(out, e.requestId().toString());
		field(out, e.clientId());
		field(out, e.consumerSystemId());
		field(out, e.consumerAgencyId());
		field(out, e.providerAgencyId());
		field(out, e.serviceId());
		field(out, e.resourceCode());
		field(out, e.grantId());
		field(out, e.purpose());
		field(out, e.method());
		field(out, e.path());
		field(out, String.join("\u001f", e.items()));
		field(out, Integer.toString(e.status()));
		field(out, e.outcome());
		field(out, Integer.toString(e.latencyUs()));
		field(out, Integer.toString(e.bytes()));
		field(out, e.subjectKey());
		field(out, e.subjectHmac() == null ? "" : HEX.formatHex(e.subjectHmac()));
		field(out, HEX.formatHex(previousHash));
		// digest() resets the digest, so each thread reuses its own (the lookup cost more than the hash)
		return SHA256.get().digest(out.toString().getBytes(StandardCharsets.UTF_8));
	}

	private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	});

	private static void field(StringBuilder out, @Nullable UUID value) {
		field(out, value == null ? "" : value.toString());
	}

	private static void field(StringBuilder out, @Nullable String value) {
		String v = value == null ? "" : value;
		int bytes = 0;
		for (int i = 0; i < v.length(); i++) {
			char c = v.charAt(i);
			if (c < 0x80) {
				bytes += 1;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c)) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		out.append(bytes).append(':').append(v).append('\n');
	}
}
