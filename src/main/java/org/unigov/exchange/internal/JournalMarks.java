package org.unigov.exchange.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * How far each instance's journal is shipped ({@code exc_journal}), moved in the shipper's own
 * transaction (the connection it copies entries on), so a batch and its mark commit together.
 */
final class JournalMarks {

	private JournalMarks() {
	}

	/**
	 * How far this journal is in the database; -1 when the database did not know the journal (it
	 * is registered now).
	 */
	static long shipped(Connection connection, UUID instance) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(
				"insert into exc_journal (instance_id, shipped) values (?, 0) on conflict (instance_id) do nothing")) {
			insert.setObject(1, instance);
			if (insert.executeUpdate() == 1) {
				return -1;
			}
		}
		try (PreparedStatement select = connection.prepareStatement("select shipped from exc_journal where instance_id = ?")) {
			select.setObject(1, instance);
			try (ResultSet rs = select.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	/** Moves this journal's shipped mark, in the caller's transaction. */
	static void mark(Connection connection, UUID instance, long to) throws SQLException {
		try (PreparedStatement mark = connection.prepareStatement(
				"update exc_journal set shipped = ?, updated_at = now() where instance_id = ? and shipped <= ?")) {
			mark.setLong(1, to);
			mark.setObject(2, instance);
			mark.setLong(3, to);
			if (mark.executeUpdate() != 1) {
				throw new SQLException("The journal's shipped mark of instance " + instance + " is ahead of " + to);
			}
		}
	}

	/** Forgets a journal set aside (written for another database). */
	static void forget(Connection connection, UUID instance) throws SQLException {
		try (PreparedStatement forget = connection.prepareStatement("delete from exc_journal where instance_id = ?")) {
			forget.setObject(1, instance);
			forget.executeUpdate();
		}
	}
}
