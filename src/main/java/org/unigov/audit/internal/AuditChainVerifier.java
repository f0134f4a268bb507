package org.unigov.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

import org.unigov.audit.AuditEntry;

/**
 * Walks the journal in sequence order and recomputes every hash. Plain JDBC, so the same code
 * serves the API and the command-line verifier that runs against a database URL without the
 * application. The chain must start at 1, have no gaps, link each entry to the hash of the one
 * before, and end where the journal head says it ends (so cutting entries off the end is found
 * too).
 */
public final class AuditChainVerifier {

	private AuditChainVerifier() {
	}

	/** Verifies on a connection of its own (the command-line verifier). */
	public static AuditVerification verify(Connection connection) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			return verifyWithin(connection);
		}
		finally {
			connection.rollback();
			connection.setAutoCommit(autoCommit);
		}
	}

	/** Verifies on a connection already inside a transaction (needed for a streaming cursor). */
	public static AuditVerification verifyWithin(Connection connection) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement(
				"select sequence, recorded_at, actor, agency_code, division_code, action, subject_type, subject_id, "
						+ "details, previous_hash, hash from audit_entry order by sequence")) {
			select.setFetchSize(1000);
			long expected = 1;
			String previous = AuditHashing.GENESIS;
			long count = 0;
			Long broken = null;
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					count++;
					if (broken != null) {
						continue;
					}
					AuditEntry entry = new AuditEntry(rows.getLong(1), rows.getObject(2, OffsetDateTime.class).toInstant(),
							rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
							rows.getString(8), rows.getString(9), rows.getString(10), rows.getString(11));
					if (entry.sequence() != expected || !entry.previousHash().equals(previous)
							|| !AuditHashing.hash(entry).equals(entry.hash())) {
						broken = expected;
						continue;
					}
					previous = entry.hash();
					expected++;
				}
			}
			if (broken == null) {
				try (Statement head = connection.createStatement();
						ResultSet row = head.executeQuery("select sequence, hash from audit_head where id = 1")) {
					if (row.next() && (row.getLong(1) != expected - 1 || !row.getString(2).equals(previous))) {
						broken = expected;
					}
				}
			}
			return new AuditVerification(broken == null, count, broken);
		}
	}
}
