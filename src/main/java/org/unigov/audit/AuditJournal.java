package org.unigov.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.internal.AuditChainVerifier;
import org.unigov.audit.internal.AuditHashing;
import org.unigov.audit.internal.AuditVerification;
import org.unigov.shared.Actor;
import org.unigov.shared.jdbc.Queries;

/**
 * The journal every module appends to. {@link #append} must run inside the transaction of the
 * change it records, so the change and its entry commit or roll back together.
 */
@Service
public class AuditJournal {

	private static final RowMapper<AuditEntry> ROWS = (rs, n) -> new AuditEntry(rs.getLong("sequence"),
			rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
			rs.getString("agency_code"), rs.getString("division_code"), rs.getString("action"),
			rs.getString("subject_type"), rs.getString("subject_id"), rs.getString("details"),
			rs.getString("previous_hash"), rs.getString("hash"));

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final DataSource dataSource;

	private final Clock clock;

	AuditJournal(JdbcClient jdbc, JdbcTemplate batch, DataSource dataSource, Clock clock) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.dataSource = dataSource;
		this.clock = clock;
	}

	/** Appends an entry for the current actor; fails when called outside a transaction. */
	@Transactional(propagation = Propagation.MANDATORY)
	public AuditEntry append(AuditRecord record) {
		return append(Actor.current(), record);
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public AuditEntry append(Actor actor, AuditRecord record) {
		return appendAll(actor, List.of(record)).getFirst();
	}

	/**
	 * Appends entries for one actor under a single lock of the chain head, inserting them in one
	 * batch: one entry for most changes, thousands for an import. Same chain, same hashes as
	 * appending them one by one.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<AuditEntry> appendAll(Actor actor, List<AuditRecord> records) {
		if (records.isEmpty()) {
			return List.of();
		}
		Head head = this.jdbc.sql("select sequence, hash from audit_head where id = 1 for update")
			.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
			.single();
		long sequence = head.sequence();
		String previous = head.hash();
		Instant now = AuditHashing.normalize(this.clock.instant());
		OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
		List<AuditEntry> entries = new ArrayList<>(records.size());
		List<Object[]> rows = new ArrayList<>(records.size());
		for (AuditRecord record : records) {
			sequence++;
			String division = record.divisionCode() != null ? record.divisionCode() : actor.divisionCode();
			String details = AuditHashing.canonicalJson(record.details());
			String hash = AuditHashing.hash(sequence, now, actor.username(), actor.agencyCode(), division,
					record.action(), record.subjectType(), record.subjectId(), details, previous);
			rows.add(new Object[] { sequence, at, actor.username(), actor.agencyCode(), division, record.action(),
					record.subjectType(), record.subjectId(), details, previous, hash });
			entries.add(new AuditEntry(sequence, now, actor.username(), actor.agencyCode(), division, record.action(),
					record.subjectType(), record.subjectId(), details, previous, hash));
			previous = hash;
		}
		this.batch.batchUpdate("""
				insert into audit_entry (sequence, recorded_at, actor, agency_code, division_code, action,
				    subject_type, subject_id, details, previous_hash, hash)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
		this.jdbc.sql("update audit_head set sequence = ?, hash = ? where id = 1").params(sequence, previous).update();
		return entries;
	}

	/** Recomputes the whole chain. */
	@Transactional(readOnly = true)
	public AuditVerification verify() {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			return AuditChainVerifier.verifyWithin(connection);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the audit journal", ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/** The entries about one subject, newest first: the history shown on detail pages. */
	@Transactional(readOnly = true)
	public List<AuditEntry> history(String subjectType, String subjectId) {
		return this.jdbc
			.sql("select * from audit_entry where subject_type = ? and subject_id = ? order by sequence desc limit 500")
			.params(subjectType, subjectId)
			.query(ROWS)
			.list();
	}

	/**
	 * Searches the journal within a scope: {@code scopePrefix} is the division-code prefix the
	 * reader may see ("" for everything).
	 */
	@Transactional(readOnly = true)
	public Page<AuditEntry> search(AuditQuery query, String scopePrefix, Pageable pageable) {
		StringBuilder where = new StringBuilder(" where 1 = 1");
		List<Object> params = new ArrayList<>();
		if (!scopePrefix.isEmpty()) {
			where.append(" and division_code like ?");
			params.add(scopePrefix + "%");
		}
		if (query.text() != null && !query.text().isBlank()) {
			where.append(" and (action ilike ? or subject_id ilike ? or details ilike ? or actor ilike ?)");
			String like = Queries.contains(query.text());
			params.add(like);
			params.add(like);
			params.add(like);
			params.add(like);
		}
		if (query.actor() != null && !query.actor().isBlank()) {
			where.append(" and actor = ?");
			params.add(query.actor().strip());
		}
		if (query.action() != null && !query.action().isBlank()) {
			where.append(" and action like ?");
			params.add(Queries.startsWith(query.action()));
		}
		if (query.subjectType() != null && !query.subjectType().isBlank()) {
			where.append(" and subject_type = ?");
			params.add(query.subjectType().strip());
		}
		if (query.subjectId() != null && !query.subjectId().isBlank()) {
			where.append(" and subject_id = ?");
			params.add(query.subjectId().strip());
		}
		if (query.from() != null) {
			where.append(" and recorded_at >= ?");
			params.add(Timestamp.from(query.from()));
		}
		if (query.to() != null) {
			where.append(" and recorded_at < ?");
			params.add(Timestamp.from(query.to()));
		}
		return Queries.page(this.jdbc, "audit_entry", where.toString(), params, "sequence desc", ROWS, pageable);
	}

	private record Head(long sequence, String hash) {
	}

	/** Filters for {@link #search}; every one optional. */
	public record AuditQuery(@Nullable String text, @Nullable String actor, @Nullable String action,
			@Nullable String subjectType, @Nullable String subjectId, @Nullable Instant from, @Nullable Instant to) {
	}
}
