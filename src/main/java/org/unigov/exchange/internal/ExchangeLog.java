package org.unigov.exchange.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import org.unigov.shared.ChinaTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.jdbc.Queries;
import org.unigov.shared.jdbc.Where;
import org.unigov.organization.AgencyScope;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * Reading the access log: pages of entries for the agencies on either side of a call and for
 * coordinators and auditors (S10: the provider and the coordinator may inspect), who accessed a
 * given person's or enterprise's data, verification of the chain, and archiving of months older
 * than the three years the law requires.
 */
@Service
public class ExchangeLog {

	/** S10: entries are kept at least three years. */
	public static final int KEEP_MONTHS = 36;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final SubjectHasher subjects;

	private final AuditJournal journal;

	private final AgencyScope scope;

	private final Clock clock;

	ExchangeLog(JdbcClient jdbc, DataSource dataSource, SubjectHasher subjects, AuditJournal journal,
			AgencyScope scope, Clock clock) {
		this.scope = scope;
		this.clock = clock;
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.subjects = subjects;
		this.journal = journal;
	}

	public static boolean canInspect(Actor actor) {
		return actor.hasAny(Role.PLATFORM_ADMIN, Role.COORDINATOR, Role.AUDITOR, Role.AGENCY_ADMIN, Role.AGENCY_STAFF);
	}

	public static boolean canVerify(Actor actor) {
		return actor.hasAny(Role.PLATFORM_ADMIN, Role.AUDITOR);
	}

	/** What to list: a side ({@code consumer} or {@code provider}), a resource, days, a data subject. */
	public record LogFilter(@Nullable String side, @Nullable String resource, @Nullable LocalDate from,
			@Nullable LocalDate to, @Nullable String subject, @Nullable String outcome) {
	}

	@Transactional(readOnly = true)
	public Page<AccessEntry> find(Actor actor, LogFilter filter, Pageable pageable) {
		if (!canInspect(actor)) {
			throw new UnigovException(CommonError.FORBIDDEN, "The access log is visible to government staff only.");
		}
		List<Object> params = new ArrayList<>();
		StringBuilder where = new StringBuilder("where 1 = 1");
		if (!actor.has(Role.PLATFORM_ADMIN)) {
			UUID agency = actor.agencyId() == null ? new UUID(0, 0) : actor.agencyId();
			if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.scopePrefix() != null) {
				// the coordinator of the level sees the calls of the agencies in its scope, on either side
				UUID[] scope = this.scope.agencyIds(Where.scopePattern(actor)).toArray(UUID[]::new);
				where.append(" and (consumer_agency_id = any(?) or provider_agency_id = any(?))");
				params.add(scope);
				params.add(scope);
			}
			else if ("provider".equals(filter.side())) {
				where.append(" and provider_agency_id = ?");
				params.add(agency);
			}
			else if ("consumer".equals(filter.side())) {
				where.append(" and consumer_agency_id = ?");
				params.add(agency);
			}
			else {
				where.append(" and (consumer_agency_id = ? or provider_agency_id = ?)");
				params.add(agency);
				params.add(agency);
			}
		}
		if (filter.resource() != null && !filter.resource().isBlank()) {
			where.append(" and resource_code = ?");
			params.add(filter.resource().strip());
		}
		if (filter.outcome() != null && !filter.outcome().isBlank()) {
			where.append(" and outcome = ?");
			params.add(filter.outcome().strip());
		}
		if (filter.from() != null) {
			where.append(" and at >= ?::date::timestamp at time zone 'Asia/Shanghai'");
			params.add(filter.from().toString());
		}
		if (filter.to() != null) {
			where.append(" and at < (?::date + 1)::timestamp at time zone 'Asia/Shanghai'");
			params.add(filter.to().toString());
		}
		if (filter.subject() != null && !filter.subject().isBlank()) {
			// every key the subject may have been hashed with: keys rotate
			List<byte[]> hashes = this.subjects.allHashes(filter.subject().strip());
			where.append(" and subject_hmac in (")
				.append(String.join(", ", java.util.Collections.nCopies(hashes.size(), "decode(?, 'hex')")))
				.append(")");
			hashes.forEach(h -> params.add(java.util.HexFormat.of().formatHex(h)));
		}
		return Queries.page(this.jdbc, "exc_access_log", where.toString(), params, "seq desc", ExchangeLog::row,
				pageable);
	}

	/**
	 * Walks the chain from its start (or the end of the last archived month) to the head: each
	 * entry's hash recomputed, each entry pointing at the one before, no sequence number missing.
	 */
	public LogVerification verify(Actor actor) {
		if (!canVerify(actor)) {
			throw new UnigovException(CommonError.FORBIDDEN, "Platform admins and auditors verify the access log.");
		}
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			connection.setReadOnly(true);
			// one snapshot: entries committed while the walk runs are neither half seen nor past the head
			connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			try {
				return walk(connection);
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(true);
				connection.setReadOnly(false);
				connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Reading the access log failed", ex);
		}
	}

	private LogVerification walk(Connection connection) throws SQLException {
		long headSeq;
		byte[] headHash;
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select seq, hash from exc_log_head where id = 1")) {
			rs.next();
			headSeq = rs.getLong(1);
			headHash = rs.getBytes(2);
		}
		long expectedSeq = 1;
		byte[] previous = AccessLogHashing.GENESIS;
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(
						"select last_seq, last_hash from exc_log_archive where last_seq is not null order by last_seq desc limit 1")) {
			if (rs.next()) {
				expectedSeq = rs.getLong(1) + 1;
				previous = rs.getBytes(2);
			}
		}
		long count = 0;
		Long first = null;
		Long last = null;
		try (PreparedStatement statement = connection.prepareStatement(
				"select * from exc_access_log where seq >= ? order by seq")) {
			statement.setFetchSize(5000);
			statement.setLong(1, expectedSeq);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					AccessEntry e = row(rs, 0);
					if (first == null) {
						first = e.seq();
					}
					if (e.seq() != expectedSeq) {
						return new LogVerification(false, count, first, last, headSeq, expectedSeq,
								"entry " + expectedSeq + " is missing");
					}
					if (!Arrays.equals(e.previousHash(), previous)) {
						return new LogVerification(false, count, first, last, headSeq, e.seq(),
								"entry " + e.seq() + " does not point at the entry before it");
					}
					if (!Arrays.equals(AccessLogHashing.hash(e, e.seq(), previous), e.hash())) {
						return new LogVerification(false, count, first, last, headSeq, e.seq(),
								"entry " + e.seq() + " was changed after it was written");
					}
					previous = e.hash();
					last = e.seq();
					expectedSeq++;
					count++;
				}
			}
		}
		long reached = expectedSeq - 1;
		if (reached != headSeq || (headSeq > 0 && !Arrays.equals(previous, headHash))) {
			return new LogVerification(false, count, first, last, headSeq, reached + 1,
					"the chain ends at " + reached + " but the head is at " + headSeq);
		}
		return new LogVerification(true, count, first, last, headSeq, null, null);
	}

	/** The months the log holds, oldest first, with their entry counts (estimates for large months). */
	@Transactional(readOnly = true)
	public List<Map<String, Object>> months() {
		return this.jdbc.sql("""
				select c.relname as partition, c.reltuples::bigint as estimated_entries
				from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
				where p.relname = 'exc_access_log' order by c.relname""")
			.query((rs, n) -> Map.<String, Object>of("partition", rs.getString(1), "estimatedEntries",
					Math.max(0, rs.getLong(2))))
			.list();
	}

	/**
	 * Archives a month: detaches its partition (the table stays in the database, renamed, to be
	 * exported to long-term storage by the operator) and records where the chain continues.
	 * Months younger than {@link #KEEP_MONTHS} are refused (S10); only whole months from the
	 * oldest on, so the chain that remains starts where the archive ends.
	 */
	@Transactional
	public Map<String, Object> archive(Actor actor, YearMonth month) {
		if (!actor.has(Role.PLATFORM_ADMIN)) {
			throw new UnigovException(CommonError.FORBIDDEN, "Only a platform admin archives access-log months.");
		}
		YearMonth limit = YearMonth.now(this.clock.withZone(ChinaTime.ZONE)).minusMonths(KEEP_MONTHS);
		if (!month.isBefore(limit)) {
			throw new UnigovException(ExchangeError.ARCHIVE_TOO_YOUNG, "Access-log entries are kept at least "
					+ KEEP_MONTHS + " months (S10); " + month + " may be archived from " + month.plusMonths(KEEP_MONTHS + 1)
					+ " on.");
		}
		String table = LogPartitions.name(month);
		boolean attached = this.jdbc.sql("""
				select exists (select 1 from pg_inherits i join pg_class c on c.oid = i.inhrelid
				    join pg_class p on p.oid = i.inhparent where p.relname = 'exc_access_log' and c.relname = ?)""")
			.param(table)
			.query(Boolean.class)
			.single();
		if (!attached) {
			throw UnigovException.notFound(CommonError.NOT_FOUND, "Access-log month", month);
		}
		String older = LogPartitions.name(month.minusMonths(1));
		boolean olderAttached = this.jdbc.sql("""
				select exists (select 1 from pg_inherits i join pg_class c on c.oid = i.inhrelid
				    join pg_class p on p.oid = i.inhparent where p.relname = 'exc_access_log' and c.relname < ?)""")
			.param(table)
			.query(Boolean.class)
			.single();
		if (olderAttached) {
			throw new UnigovException(CommonError.CONFLICT, "Archive the older months before " + month + " (" + older
					+ " or earlier is still attached).");
		}
		var bounds = this.jdbc.sql("select min(seq), max(seq) from " + table).query((rs, n) -> new Long[] {
				rs.getObject(1) == null ? null : rs.getLong(1), rs.getObject(2) == null ? null : rs.getLong(2) }).single();
		byte[] lastHash = bounds[1] == null ? null
				: this.jdbc.sql("select hash from " + table + " where seq = ?").param(bounds[1]).query(byte[].class).single();
		this.jdbc.sql("alter table exc_access_log detach partition " + table).update();
		this.jdbc.sql("alter table " + table + " rename to " + table + "_archived").update();
		this.jdbc.sql("""
				insert into exc_log_archive (month, table_name, first_seq, last_seq, last_hash, archived_by)
				values (?, ?, ?, ?, ?, ?)""")
			.params(month.atDay(1), table + "_archived", bounds[0], bounds[1], lastHash, actor.username())
			.update();
		Map<String, Object> result = new java.util.LinkedHashMap<>();
		result.put("month", month.toString());
		result.put("table", table + "_archived");
		result.put("firstSeq", bounds[0]);
		result.put("lastSeq", bounds[1]);
		this.journal.append(actor, AuditRecord.of("exchange.log.archived", "access-log-month", month, null,
				Map.of("table", table + "_archived", "firstSeq", bounds[0] == null ? 0L : bounds[0], "lastSeq",
						bounds[1] == null ? 0L : bounds[1])));
		return result;
	}

	public static AccessEntry row(ResultSet rs, int n) throws SQLException {
		java.sql.Array items = rs.getArray("items");
		String[] itemValues = (String[]) items.getArray();
		return new AccessEntry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(),
				rs.getObject("request_id", UUID.class), rs.getString("client_id"),
				rs.getObject("consumer_system_id", UUID.class), rs.getObject("consumer_agency_id", UUID.class),
				rs.getObject("provider_agency_id", UUID.class), rs.getObject("service_id", UUID.class),
				rs.getString("resource_code"), rs.getObject("grant_id", UUID.class), rs.getString("purpose"),
				rs.getString("method"), rs.getString("path"), List.of(itemValues), rs.getInt("status"),
				rs.getString("outcome"), rs.getInt("latency_us"), rs.getInt("bytes"), rs.getString("subject_key"),
				rs.getBytes("subject_hmac"), rs.getBytes("previous_hash"), rs.getBytes("hash"));
	}
}
