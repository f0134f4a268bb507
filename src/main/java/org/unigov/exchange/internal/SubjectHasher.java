package org.unigov.exchange.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.unigov.shared.PlatformSettings;

/**
 * The keyed hash (HMAC-SHA-256) of a data subject's identifier that the access log keeps instead
 * of the identifier (S10 without a register of who looked up whom in clear). Keys come from
 * configuration as {@code id:base64} pairs ({@code unigov.exchange.subject-keys}); the first is
 * used for new entries, the others still find old ones, so a key can be rotated by putting a new
 * one first. Without configuration a key is generated once into the data directory (a single
 * instance's default; several instances must be given the same keys).
 */
@Component
public class SubjectHasher {

	private static final Logger log = LoggerFactory.getLogger(SubjectHasher.class);

	private static final Pattern KEY_ID = Pattern.compile("^[A-Za-z0-9._-]{1,32}$");

	private final Map<String, Mac> keys = new LinkedHashMap<>();

	private final String currentId;

	private final Mac current;

	SubjectHasher(ExchangeProperties properties, PlatformSettings platform) throws IOException {
		String configured = properties.subjectKeys();
		String spec = configured.isBlank() ? generatedKey(platform.dataDir()) : configured;
		for (String pair : spec.split(",")) {
			String trimmed = pair.strip();
			int colon = trimmed.indexOf(':');
			if (colon <= 0) {
				throw new IllegalStateException("unigov.exchange.subject-keys takes id:base64 pairs separated by commas");
			}
			String id = trimmed.substring(0, colon);
			byte[] secret = Base64.getDecoder().decode(trimmed.substring(colon + 1));
			if (!KEY_ID.matcher(id).matches() || secret.length < 32) {
				throw new IllegalStateException(
						"A subject key needs an id of letters, digits, '.', '_' or '-' and at least 32 bytes of secret");
			}
			this.keys.put(id, mac(secret));
		}
		this.currentId = this.keys.keySet().iterator().next();
		this.current = this.keys.get(this.currentId);
	}

	private static String generatedKey(Path dataDir) throws IOException {
		Path file = dataDir.resolve("exchange-subject.key");
		if (!Files.exists(file)) {
			Files.createDirectories(dataDir);
			byte[] secret = new byte[32];
			new SecureRandom().nextBytes(secret);
			Files.writeString(file, "local-1:" + Base64.getEncoder().encodeToString(secret), StandardCharsets.UTF_8);
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ignored) {
				// not a POSIX file system
			}
			log.warn("Generated an access-log subject key in {}; set unigov.exchange.subject-keys in production", file);
		}
		return Files.readString(file, StandardCharsets.UTF_8).strip();
	}

	private static Mac mac(byte[] secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required by every Java platform", ex);
		}
	}

	public String currentKeyId() {
		return this.currentId;
	}

	/** The hash of an identifier under the current key. */
	public byte[] hash(String identifier) {
		return hash(this.current, identifier);
	}

	/** The hashes of an identifier under every key, to find entries written before a rotation. */
	public List<byte[]> allHashes(String identifier) {
		List<byte[]> hashes = new ArrayList<>();
		this.keys.values().forEach(mac -> hashes.add(hash(mac, identifier)));
		return hashes;
	}

	private static byte[] hash(Mac prototype, String identifier) {
		try {
			// a clone per call: Mac is not thread-safe, and calls run on virtual threads, where a
			// thread-local would be created anew for every call
			Mac mac = (Mac) prototype.clone();
			return mac.doFinal(identifier.strip().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("HmacSHA256 cannot be cloned", ex);
		}
	}
}
