package org.unigov.exchange.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The access log's months: the partitions attached, and those archived ({@code exc_log_archive}:
 * detached, renamed, and where the chain continues after them).
 */
@Repository
public class LogArchive {

	private static final String ATTACHED = """
			select exists (select 1 from pg_inherits i join pg_class c on c.oid = i.inhrelid
			    join pg_class p on p.oid = i.inhparent where p.relname = 'exc_access_log' and c.relname %s ?)""";

	private final JdbcClient jdbc;

	LogArchive(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A month as archived: its table and the first and last entries it holds (null when empty). */
	public record Archived(YearMonth month, String table, @Nullable Long firstSeq, @Nullable Long lastSeq) {
	}

	/** Where the chain continues after the archived months: the last archived entry and its hash. */
	record ChainStart(long lastSeq, byte[] lastHash) {
	}

	/** The months the log holds, oldest first, with their entry counts (estimates for large months). */
	public List<Map<String, Object>> months() {
		return this.jdbc.sql("""
				select c.relname as partition, c.reltuples::bigint as estimated_entries
				from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
				where p.relname = 'exc_access_log' order by c.relname""")
			.query((rs, n) -> Map.<String, Object>of("partition", rs.getString(1), "estimatedEntries",
					Math.max(0, rs.getLong(2))))
			.list();
	}

	/** Whether the month's partition is attached to the log. */
	public boolean attached(YearMonth month) {
		return this.jdbc.sql(ATTACHED.formatted("=")).param(LogPartitions.name(month)).query(Boolean.class).single();
	}

	/** Whether a month older than this one is still attached. */
	public boolean olderAttached(YearMonth month) {
		return this.jdbc.sql(ATTACHED.formatted("<")).param(LogPartitions.name(month)).query(Boolean.class).single();
	}

	/** Detaches the month's partition, renames it {@code …_archived} and records where the chain continues. */
	public Archived archive(YearMonth month, String archivedBy) {
		String table = LogPartitions.name(month);
		var bounds = this.jdbc.sql("select min(seq), max(seq) from " + table).query((rs, n) -> new Long[] {
				rs.getObject(1) == null ? null : rs.getLong(1), rs.getObject(2) == null ? null : rs.getLong(2) }).single();
		byte[] lastHash = bounds[1] == null ? null
				: this.jdbc.sql("select hash from " + table + " where seq = ?").param(bounds[1]).query(byte[].class).single();
		this.jdbc.sql("alter table exc_access_log detach partition " + table).update();
		this.jdbc.sql("alter table " + table + " rename to " + table + "_archived").update();
		this.jdbc.sql("""
				insert into exc_log_archive (month, table_name, first_seq, last_seq, last_hash, archived_by)
				values (?, ?, ?, ?, ?, ?)""")
			.params(month.atDay(1), table + "_archived", bounds[0], bounds[1], lastHash, archivedBy)
			.update();
		return new Archived(month, table + "_archived", bounds[0], bounds[1]);
	}

	/** The end of the last archived month, on the verifier's connection; null when none was archived. */
	static @Nullable ChainStart chainStart(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(
						"select last_seq, last_hash from exc_log_archive where last_seq is not null order by last_seq desc limit 1")) {
			return rs.next() ? new ChainStart(rs.getLong(1), rs.getBytes(2)) : null;
		}
	}
}
