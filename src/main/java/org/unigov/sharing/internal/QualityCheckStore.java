package org.unigov.sharing.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.catalog.CatalogEntry;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;
import org.unigov.sharing.QualityCheck;
import org.unigov.sharing.QualityStatus;

/**
 * The data-quality checks (table {@code shr_quality_check}), read by entry and by agency, filed and
 * answered. Every write returns the row as written.
 */
@Repository
public class QualityCheckStore {

	/** Checks an agency's list shows at most. */
	private static final int LIMIT = 500;

	private final JdbcClient jdbc;

	QualityCheckStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Who asks for a check, on which grant, of which items, and by when it is due. */
	public record Filing(UUID requesterAgencyId, UUID grantId, List<String> items, String description, String filedBy,
			LocalDate filedOn, LocalDate due) {
	}

	/** An answered check, with the provider's division its audit entry is filed under. */
	public record Answered(QualityCheck check, String providerDivision) {
	}

	public Optional<QualityCheck> get(UUID id) {
		return this.jdbc.sql("select * from shr_quality_check where id = ?").param(id).query(Rows::check).optional();
	}

	/** The checks on an entry, open ones first, newest first. */
	public List<QualityCheck> forEntry(UUID entryId) {
		return this.jdbc.sql("select * from shr_quality_check where entry_id = ? order by status <> 'open', filed_at desc")
			.param(entryId)
			.query(Rows::check)
			.list();
	}

	/** The checks an agency asked for or must answer, open ones first, earliest due first. */
	public List<QualityCheck> forAgency(UUID agencyId) {
		return this.jdbc.sql("""
				select * from shr_quality_check where provider_agency_id = ? or requester_agency_id = ?
				order by status <> 'open', due limit ?""")
			.params(agencyId, agencyId, LIMIT)
			.query(Rows::check)
			.list();
	}

	public QualityCheck insert(CatalogEntry entry, Filing filing) {
		return this.jdbc.sql("""
				insert into shr_quality_check (id, entry_id, entry_code, provider_agency_id, provider_division,
				    requester_agency_id, grant_id, items, description, filed_by, filed_on, due, status)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open') returning *""")
			.params(UUID.randomUUID(), entry.id(), entry.code(), entry.providerAgencyId(), entry.divisionCode(),
					filing.requesterAgencyId(), filing.grantId(), filing.items().toArray(String[]::new),
					filing.description(), filing.filedBy(), filing.filedOn(), filing.due())
			.query(Rows::check)
			.single();
	}

	public Answered answer(UUID id, QualityStatus status, String answer, LocalDate on, String by) {
		return this.jdbc.sql("""
				update shr_quality_check set status = ?, answer = ?, answered_at = now(), answered_on = ?, answered_by = ?,
				    version = version + 1 where id = ? returning *""")
			.params(status.code(), answer, on, by, id)
			.query((rs, n) -> new Answered(Rows.check(rs, n), rs.getString("provider_division")))
			.single();
	}

	/** Locks the check's row and checks the reader's version is still current. */
	public void lock(UUID id, long version) {
		long current = this.jdbc.sql("select version from shr_quality_check where id = ? for update")
			.param(id)
			.query(Long.class)
			.single();
		if (current != version) {
			throw new UnigovException(CommonError.STALE_VERSION, "The check changed since you read it; reload it.");
		}
	}
}
