package org.unigov.sharing.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of {@code shr_open_application}. */
@Repository
public class OpenApplicationStore {

	private final JdbcClient jdbc;

	OpenApplicationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public String nextNumber(int year) {
		long n = this.jdbc.sql("select nextval('shr_open_application_number')").query(Long.class).single();
		return "KF" + year + "-" + String.format("%06d", n);
	}

	public OpenApplication insert(OpenApplication a, int entryRevision, int replyDays) {
		return this.jdbc.sql("""
				insert into shr_open_application (id, number, entry_id, entry_code, entry_name, entry_revision,
				    provider_agency_id, provider_division, applicant_account, applicant_username, applicant_kind,
				    applicant_name, organization_code, contact, purpose, items, period_from, period_to, status,
				    filed_at, reply_days, reply_due, reply_provisional)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', now(), ?, ?, ?)
				returning *""")
			.params(a.id(), a.number(), a.entryId(), a.entryCode(), a.entryName(), entryRevision, a.providerAgencyId(),
					a.providerDivision(), a.applicantAccount(), a.applicantUsername(), a.applicantKind(),
					a.applicantName(), a.organizationCode(), a.contact(), a.purpose(), a.items().toArray(String[]::new),
					a.periodFrom(), a.periodTo(), replyDays, a.replyDue(), a.replyProvisional())
			.query(OpenApplicationStore::row)
			.single();
	}

	public Optional<OpenApplication> get(UUID id) {
		return this.jdbc.sql("select * from shr_open_application where id = ?").param(id).query(OpenApplicationStore::row).optional();
	}

	/** The version of a row, locked for the rest of the transaction. */
	public Optional<Long> lock(UUID id) {
		return this.jdbc.sql("select version from shr_open_application where id = ? for update")
			.param(id)
			.query(Long.class)
			.optional();
	}

	public List<OpenApplication> ofApplicant(UUID account, int limit, int offset) {
		return this.jdbc.sql("select * from shr_open_application where applicant_account = ? order by filed_at desc, number desc limit ? offset ?")
			.params(account, limit, offset)
			.query(OpenApplicationStore::row)
			.list();
	}

	public long countOfApplicant(UUID account) {
		return this.jdbc.sql("select count(*) from shr_open_application where applicant_account = ?").param(account).query(Long.class).single();
	}

	/** Received by agencies (null: all) in divisions under a prefix (null: any), open ones first. */
	public List<OpenApplication> received(@Nullable UUID agency, @Nullable String divisionPrefix, int limit, int offset) {
		return this.jdbc.sql("""
				select * from shr_open_application
				where (cast(? as uuid) is null or provider_agency_id = ?)
				  and (cast(? as text) is null or provider_division like ? || '%')
				order by (status = 'submitted') desc, reply_due, filed_at desc limit ? offset ?""")
			.params(agency, agency, divisionPrefix, divisionPrefix, limit, offset)
			.query(OpenApplicationStore::row)
			.list();
	}

	public long countReceived(@Nullable UUID agency, @Nullable String divisionPrefix) {
		return this.jdbc.sql("""
				select count(*) from shr_open_application
				where (cast(? as uuid) is null or provider_agency_id = ?)
				  and (cast(? as text) is null or provider_division like ? || '%')""")
			.params(agency, agency, divisionPrefix, divisionPrefix)
			.query(Long.class)
			.single();
	}

	public OpenApplication reply(UUID id, String status, String by, String reply) {
		return this.jdbc.sql("""
				update shr_open_application set status = ?, replied_at = now(), replied_by = ?, reply = ?,
				    version = version + 1 where id = ? returning *""")
			.params(status, by, reply, id)
			.query(OpenApplicationStore::row)
			.single();
	}

	public OpenApplication withdraw(UUID id) {
		return this.jdbc.sql("update shr_open_application set status = 'withdrawn', version = version + 1 where id = ? returning *")
			.param(id)
			.query(OpenApplicationStore::row)
			.single();
	}

	/** Open applications past their reply deadline and not yet escalated. */
	public List<OpenApplication> overdue(LocalDate today) {
		return this.jdbc.sql("select * from shr_open_application where status = 'submitted' and reply_due < ? and escalated_at is null limit 10000")
			.param(today)
			.query(OpenApplicationStore::row)
			.list();
	}

	public boolean markEscalated(UUID id) {
		return this.jdbc.sql("update shr_open_application set escalated_at = now() where id = ? and escalated_at is null and status = 'submitted'")
			.param(id)
			.update() == 1;
	}

	private static OpenApplication row(ResultSet rs, int n) throws SQLException {
		Array items = rs.getArray("items");
		OffsetDateTime replied = rs.getObject("replied_at", OffsetDateTime.class);
		OffsetDateTime escalated = rs.getObject("escalated_at", OffsetDateTime.class);
		return new OpenApplication(rs.getObject("id", UUID.class), rs.getString("number"),
				rs.getObject("entry_id", UUID.class), rs.getString("entry_code"), rs.getString("entry_name"),
				rs.getObject("provider_agency_id", UUID.class), rs.getString("provider_division"),
				rs.getObject("applicant_account", UUID.class), rs.getString("applicant_username"),
				rs.getString("applicant_kind"), rs.getString("applicant_name"), rs.getString("organization_code"),
				rs.getString("contact"), rs.getString("purpose"), List.of((String[]) items.getArray()),
				rs.getObject("period_from", LocalDate.class), rs.getObject("period_to", LocalDate.class),
				rs.getString("status"), rs.getObject("filed_at", OffsetDateTime.class).toInstant(),
				rs.getObject("reply_due", LocalDate.class), rs.getBoolean("reply_provisional"),
				replied == null ? null : replied.toInstant(), rs.getString("replied_by"), rs.getString("reply"),
				escalated == null ? null : escalated.toInstant(), rs.getLong("version"));
	}
}
