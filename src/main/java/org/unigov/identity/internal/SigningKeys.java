package org.unigov.identity.internal;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA keys tokens are signed with, kept in the database so every app instance signs and
 * verifies with the same keys and tokens survive a restart. The first start creates one key.
 * Rotation: insert a new active key and mark the old one inactive after its tokens have expired
 * (docs/security.md).
 */
@Component
class SigningKeys {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private volatile JWKSet keys;

	SigningKeys(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	JWKSource<SecurityContext> source() {
		return (selector, context) -> selector.select(keys());
	}

	private JWKSet keys() {
		JWKSet current = this.keys;
		if (current == null) {
			synchronized (this) {
				current = this.keys;
				if (current == null) {
					current = load();
					this.keys = current;
				}
			}
		}
		return current;
	}

	private JWKSet load() {
		return this.transactions.execute(status -> {
			this.jdbc.sql("lock table identity_signing_key in exclusive mode").update();
			List<StoredKey> stored = this.jdbc
				.sql("select key_id, private_key, public_key from identity_signing_key where active order by created_at desc")
				.query((rs, n) -> new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3)))
				.list();
			if (stored.isEmpty()) {
				StoredKey created = generate();
				this.jdbc.sql("insert into identity_signing_key (key_id, private_key, public_key) values (?, ?, ?)")
					.params(created.id(), created.privateKey(), created.publicKey())
					.update();
				stored = List.of(created);
			}
			return new JWKSet(stored.stream().map(StoredKey::toJwk).map(k -> (JWK) k).toList());
		});
	}

	private static StoredKey generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			Base64.Encoder base64 = Base64.getEncoder();
			return new StoredKey(UUID.randomUUID().toString(), base64.encodeToString(pair.getPrivate().getEncoded()),
					base64.encodeToString(pair.getPublic().getEncoded()));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("RSA is required by every Java platform", ex);
		}
	}

	private record StoredKey(String id, String privateKey, String publicKey) {

		RSAKey toJwk() {
			try {
				KeyFactory factory = KeyFactory.getInstance("RSA");
				Base64.Decoder base64 = Base64.getDecoder();
				RSAPrivateKey privateKey = (RSAPrivateKey) factory
					.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(this.privateKey)));
				RSAPublicKey publicKey = (RSAPublicKey) factory
					.generatePublic(new X509EncodedKeySpec(base64.decode(this.publicKey)));
				return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(this.id).build();
			}
			catch (NoSuchAlgorithmException | InvalidKeySpecException ex) {
				throw new IllegalStateException("Stored signing key " + this.id + " cannot be read", ex);
			}
		}
	}
}
