package org.unigov.audit.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.unigov.audit.AuditEntry;

/**
 * The canonical encoding of an entry and its hash. Each field is written as its UTF-8 byte length,
 * a colon, the bytes and a newline, in a fixed order, so no two different entries encode alike;
 * details are canonical JSON (keys sorted, no whitespace). Times are truncated to microseconds,
 * the precision PostgreSQL stores. docs/audit.md describes the same encoding for outside
 * verifiers.
 */
public final class AuditHashing {

	/** The "previous hash" of the first entry. */
	public static final String GENESIS = "0".repeat(64);

	private AuditHashing() {
	}

	public static Instant normalize(Instant time) {
		return time.truncatedTo(ChronoUnit.MICROS);
	}

	public static String hash(long sequence, Instant recordedAt, String actor, @Nullable String agencyCode,
			@Nullable String divisionCode, String action, String subjectType, String subjectId, String details,
			String previousHash) {
		StringBuilder canonical = new StringBuilder(256);
		field(canonical, Long.toString(sequence));
		field(canonical, normalize(recordedAt).toString());
		field(canonical, actor);
		field(canonical, agencyCode == null ? "" : agencyCode);
		field(canonical, divisionCode == null ? "" : divisionCode);
		field(canonical, action);
		field(canonical, subjectType);
		field(canonical, subjectId);
		field(canonical, details);
		field(canonical, previousHash);
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	public static String hash(AuditEntry entry) {
		return hash(entry.sequence(), entry.recordedAt(), entry.actor(), entry.agencyCode(), entry.divisionCode(),
				entry.action(), entry.subjectType(), entry.subjectId(), entry.details(), entry.previousHash());
	}

	private static void field(StringBuilder out, String value) {
		out.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value).append('\n');
	}

	/** Canonical JSON of JSON-compatible values: maps with sorted keys, no insignificant whitespace. */
	public static String canonicalJson(@Nullable Object value) {
		StringBuilder out = new StringBuilder();
		writeJson(out, value);
		return out.toString();
	}

	private static void writeJson(StringBuilder out, @Nullable Object value) {
		switch (value) {
			case null -> out.append("null");
			case Boolean b -> out.append(b);
			case Integer i -> out.append(i);
			case Long l -> out.append(l);
			case Short s -> out.append(s);
			case BigInteger bi -> out.append(bi);
			case BigDecimal bd -> out.append(bd.toPlainString());
			case Number n -> throw new IllegalArgumentException(
					"Audit details take integers or BigDecimal, not " + n.getClass().getSimpleName());
			case Map<?, ?> map -> {
				Map<String, Object> sorted = new TreeMap<>();
				map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
				out.append('{');
				boolean first = true;
				for (Map.Entry<String, Object> e : sorted.entrySet()) {
					if (!first) {
						out.append(',');
					}
					first = false;
					writeString(out, e.getKey());
					out.append(':');
					writeJson(out, e.getValue());
				}
				out.append('}');
			}
			case Collection<?> list -> {
				out.append('[');
				boolean first = true;
				for (Object item : list) {
					if (!first) {
						out.append(',');
					}
					first = false;
					writeJson(out, item);
				}
				out.append(']');
			}
			case Enum<?> e -> writeString(out, e.name());
			default -> writeString(out, value.toString());
		}
	}

	private static void writeString(StringBuilder out, String s) {
		out.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}
}
