package org.unigov.exchange.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The head of the access log's hash chain ({@code exc_log_head}): the last sequence number and
 * its hash. Moved only by the insert trigger of a shipped batch, from where the batch expects it.
 */
record LogHead(long seq, byte[] hash) {

	/** Before anything is read: the shipper reads the head before it chains. */
	static final LogHead UNKNOWN = new LogHead(-1, AccessLogHashing.GENESIS);

	boolean unknown() {
		return this.seq < 0;
	}

	/** The head as the connection's transaction sees it. */
	static LogHead read(Connection connection) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement("select seq, hash from exc_log_head where id = 1");
				ResultSet rs = select.executeQuery()) {
			rs.next();
			return new LogHead(rs.getLong(1), rs.getBytes(2));
		}
	}

	/** The head as it is now, the read's transaction ended (the shipper's, before it chains a batch). */
	static LogHead readNow(Connection connection) throws SQLException {
		LogHead head = read(connection);
		if (!connection.getAutoCommit()) {
			connection.commit();
		}
		return head;
	}
}
