package org.unigov.sharing.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.shared.Actor;
import org.unigov.shared.jdbc.Queries;
import org.unigov.shared.jdbc.Where;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;
import org.unigov.sharing.EndKind;
import org.unigov.sharing.Grant;
import org.unigov.sharing.internal.GrantDesk.GrantFilter;
import org.unigov.sharing.SharingRequest;

/**
 * The grants (table {@code shr_grant}): what approved requests allow, read within the reader's
 * scope, and each step of their life. Every write returns the row as written.
 */
@Repository
public class GrantStore {

	private final JdbcClient jdbc;

	GrantStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Grant> get(UUID id) {
		return this.jdbc.sql("select * from shr_grant where id = ?").param(id).query(Rows::grant).optional();
	}

	public Optional<Grant> forRequest(UUID requestId) {
		return this.jdbc.sql("select * from shr_grant where request_id = ?").param(requestId).query(Rows::grant).optional();
	}

	public List<Grant> inForce() {
		return this.jdbc.sql("select * from shr_grant where status = 'active'").query(Rows::grant).list();
	}

	public List<Grant> forConsumer(UUID consumerSystemId, String entryCode) {
		return this.jdbc.sql("select * from shr_grant where consumer_system_id = ? and entry_code = ? order by issued_at desc")
			.params(consumerSystemId, entryCode)
			.query(Rows::grant)
			.list();
	}

	public Page<Grant> find(Actor actor, GrantFilter filter, Pageable pageable) {
		UUID agency = actor.agencyId();
		Where where = Where.start()
			.visibleTo(actor, null, List.of("consumer_division", "provider_division"),
					List.of("consumer_agency_id", "provider_agency_id"))
			.andIf("consumer".equals(filter.role()) && agency != null, "consumer_agency_id = ?", agency)
			.andIf("provider".equals(filter.role()) && agency != null, "provider_agency_id = ?", agency)
			.andIf(filter.status() != null, "status = ?", filter.status() == null ? null : filter.status().code())
			.andIf(filter.entryId() != null, "entry_id = ?", filter.entryId())
			.andIf(filter.disposalOutstanding(), "status in ('ended', 'expired') and disposal_recorded_at is null");
		return Queries.page(this.jdbc, "shr_grant", where.sql(), where.params(), "issued_at desc", Rows::grant, pageable);
	}

	/** A new grant for an approved request, valid from {@code from}. */
	public Grant insert(SharingRequest request, LocalDate from, int rateLimit) {
		return this.jdbc.sql("""
				insert into shr_grant (id, request_id, consumer_system_id, consumer_agency_id, consumer_division,
				    provider_agency_id, provider_division, entry_id, entry_code, items, purpose, valid_from, valid_to,
				    rate_limit_per_minute, status)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active') returning *""")
			.params(UUID.randomUUID(), request.id(), request.consumerSystemId(), request.requesterAgencyId(),
					request.requesterDivision(), request.providerAgencyId(), request.providerDivision(),
					request.entryId(), request.entryCode(), request.items().toArray(String[]::new), request.useCase(),
					from, request.periodTo(), rateLimit)
			.query(Rows::grant)
			.single();
	}

	/** The grant a renewal names takes the renewal's items, purpose, end and rate; an expired one is active again. */
	public Grant renew(UUID id, SharingRequest renewal, int rateLimit) {
		return this.jdbc.sql("""
				update shr_grant set request_id = ?, items = ?, purpose = ?, valid_to = ?, rate_limit_per_minute = ?,
				    status = case when status = 'expired' then 'active' else status end, version = version + 1,
				    updated_at = now() where id = ? returning *""")
			.params(renewal.id(), renewal.items().toArray(String[]::new), renewal.useCase(), renewal.periodTo(),
					rateLimit, id)
			.query(Rows::grant)
			.single();
	}

	public Grant suspend(UUID id, String reason, LocalDate correctionDue) {
		return update("""
				update shr_grant set status = 'suspended', suspended_at = now(), suspension_reason = ?, correction_due = ?,
				    correction_reported = null, version = version + 1, updated_at = now() where id = ? returning *""",
				reason, correctionDue, id);
	}

	public Grant reportCorrection(UUID id, String note) {
		return update("""
				update shr_grant set correction_reported = ?, version = version + 1, updated_at = now()
				where id = ? returning *""", note, id);
	}

	public Grant resume(UUID id) {
		return update("""
				update shr_grant set status = 'active', suspended_at = null, correction_due = null, version = version + 1,
				    updated_at = now() where id = ? returning *""", id);
	}

	/** Ends a grant early; one the provider ends is filed with the coordinator at once (S7). */
	public Grant end(UUID id, EndKind kind, String reason, @Nullable String consultation) {
		return update("""
				update shr_grant set status = 'ended', ended_at = now(), end_kind = ?, end_reason = ?, consultation_note = ?,
				    filed_at = case when ? then now() else null end, version = version + 1, updated_at = now()
				where id = ? returning *""", kind.code(), reason, consultation, kind == EndKind.PROVIDER_ENDED, id);
	}

	public Grant recordDisposal(UUID id, String method, LocalDate on, @Nullable String note) {
		return update("""
				update shr_grant set disposal_method = ?, disposal_on = ?, disposal_note = ?, disposal_recorded_at = now(),
				    version = version + 1, updated_at = now() where id = ? returning *""", method, on, note, id);
	}

	/** Grants in force or suspended whose validity ended before {@code today}. */
	public List<Grant> pastValidity(LocalDate today) {
		return this.jdbc.sql("select * from shr_grant where status in ('active', 'suspended') and valid_to < ? limit 10000")
			.param(today)
			.query(Rows::grant)
			.list();
	}

	/** Expires a grant past its validity; false if it was ended or renewed meanwhile, or another instance did. */
	public boolean expire(UUID id, LocalDate today) {
		return this.jdbc.sql("""
				update shr_grant set status = 'expired', version = version + 1, updated_at = now()
				where id = ? and status in ('active', 'suspended') and valid_to < ?""")
			.params(id, today)
			.update() > 0;
	}

	/** Suspended grants whose correction deadline passed before {@code today}. */
	public List<Grant> uncorrected(LocalDate today) {
		return this.jdbc.sql("select * from shr_grant where status = 'suspended' and correction_due < ? limit 10000")
			.param(today)
			.query(Rows::grant)
			.list();
	}

	/** Ends a suspended grant whose misuse was not corrected in time; false if another instance did. */
	public boolean endUncorrected(UUID id, String reason, LocalDate today) {
		return this.jdbc.sql("""
				update shr_grant set status = 'ended', ended_at = now(), end_kind = 'misuse_uncorrected', end_reason = ?,
				    version = version + 1, updated_at = now() where id = ? and status = 'suspended' and correction_due < ?""")
			.params(reason, id, today)
			.update() > 0;
	}

	/** Grants in force or suspended on an entry. */
	public long inForceOn(UUID entryId) {
		return this.jdbc.sql("select count(*) from shr_grant where entry_id = ? and status in ('active', 'suspended')")
			.param(entryId)
			.query(Long.class)
			.single();
	}

	/** The consumer agency's latest grant on an entry, whatever its status. */
	public Optional<UUID> latestFor(UUID entryId, UUID consumerAgencyId) {
		return this.jdbc.sql("select id from shr_grant where entry_id = ? and consumer_agency_id = ? order by issued_at desc limit 1")
			.params(entryId, consumerAgencyId)
			.query(UUID.class)
			.optional();
	}

	/** Locks the grant's row and checks the reader's version is still current. */
	public void lock(Grant grant, long version) {
		long current = this.jdbc.sql("select version from shr_grant where id = ? for update")
			.param(grant.id())
			.query(Long.class)
			.single();
		if (current != version || grant.version() != version) {
			throw new UnigovException(CommonError.STALE_VERSION,
					"The grant changed since you read it (version " + current + ", you had " + version + "); reload it.");
		}
	}

	private Grant update(String sql, @Nullable Object... params) {
		return this.jdbc.sql(sql).params(params).query(Rows::grant).single();
	}
}
