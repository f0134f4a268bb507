package org.unigov.exchange.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.organization.AgencyScope;
import org.unigov.shared.Actor;
import org.unigov.shared.ChinaTime;
import org.unigov.shared.Role;
import org.unigov.shared.jdbc.Where;
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

	private final DataSource dataSource;

	private final SubjectHasher subjects;

	private final AuditJournal journal;

	private final AgencyScope scope;

	private final AccessEntries entries;

	private final LogArchive archive;

	private final Clock clock;

	ExchangeLog(DataSource dataSource, SubjectHasher subjects, AuditJournal journal,
			AgencyScope scope, Clock clock, LogArchive archive, AccessEntries entries) {
		this.entries = entries;
		this.scope = scope;
		this.archive = archive;
		this.clock = clock;
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
		List<byte[]> subjects = filter.subject() == null || filter.subject().isBlank() ? null
				// every key the subject may have been hashed with: keys rotate
				: this.subjects.allHashes(filter.subject().strip());
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return this.entries.find(AccessEntries.Visible.ALL, filter, subjects, pageable);
		}
		if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR) && actor.scopePrefix() != null) {
			// the coordinator of the level sees the calls of the agencies in its scope, on either side
			return this.entries.find(AccessEntries.Visible.either(this.scope.agencyIds(Where.scopePattern(actor))),
					filter, subjects, pageable);
		}
		UUID agency = actor.agencyId() == null ? new UUID(0, 0) : actor.agencyId();
		return this.entries.find(AccessEntries.Visible.agency(agency, filter.side()), filter, subjects, pageable);
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
		LogHead head = LogHead.read(connection);
		long headSeq = head.seq();
		byte[] headHash = head.hash();
		LogArchive.ChainStart start = LogArchive.chainStart(connection);
		long expectedSeq = start == null ? 1 : start.lastSeq() + 1;
		byte[] previous = start == null ? AccessLogHashing.GENESIS : start.lastHash();
		long count = 0;
		Long first = null;
		Long last = null;
		try (PreparedStatement statement = connection.prepareStatement(
				"select * from exc_access_log where seq >= ? order by seq")) {
			statement.setFetchSize(5000);
			statement.setLong(1, expectedSeq);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					AccessEntry e = AccessEntries.row(rs, 0);
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
		return this.archive.months();
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
		if (!this.archive.attached(month)) {
			throw UnigovException.notFound(CommonError.NOT_FOUND, "Access-log month", month);
		}
		if (this.archive.olderAttached(month)) {
			throw new UnigovException(CommonError.CONFLICT, "Archive the older months before " + month + " ("
					+ LogPartitions.name(month.minusMonths(1)) + " or earlier is still attached).");
		}
		LogArchive.Archived archived = this.archive.archive(month, actor.username());
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("month", month.toString());
		result.put("table", archived.table());
		result.put("firstSeq", archived.firstSeq());
		result.put("lastSeq", archived.lastSeq());
		this.journal.append(actor, AuditRecord.of("exchange.log.archived", "access-log-month", month, null,
				Map.of("table", archived.table(), "firstSeq", archived.firstSeq() == null ? 0L : archived.firstSeq(),
						"lastSeq", archived.lastSeq() == null ? 0L : archived.lastSeq())));
		return result;
	}
}
