package org.unigov.sharing.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.unigov.shared.Actor;
import org.unigov.shared.jdbc.Where;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;
import org.unigov.sharing.Dispute;
import org.unigov.sharing.DisputeOutcome;
import org.unigov.sharing.DisputeTier;

/**
 * The disputes over requests (table {@code shr_dispute}), read by request, by coordinator and
 * within the reader's scope, and each step of their life. Every write returns the row as written.
 */
@Repository
public class DisputeStore {

	/** Open disputes a list shows at most. */
	private static final int LIMIT = 500;

	private final JdbcClient jdbc;

	DisputeStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Dispute> get(UUID id) {
		return this.jdbc.sql("select * from shr_dispute where id = ?").param(id).query(Rows::dispute).optional();
	}

	/** A request's disputes, newest first. */
	public List<Dispute> forRequest(UUID requestId) {
		return this.jdbc.sql("select * from shr_dispute where request_id = ? order by opened_at desc")
			.param(requestId)
			.query(Rows::dispute)
			.list();
	}

	public Optional<Dispute> openFor(UUID requestId) {
		return this.jdbc.sql("select * from shr_dispute where request_id = ? and status = 'open'")
			.param(requestId)
			.query(Rows::dispute)
			.optional();
	}

	/** Whether a dispute over the request was decided or settled (not merely withdrawn). */
	public boolean decided(UUID requestId) {
		return this.jdbc.sql("""
				select exists (select 1 from shr_dispute where request_id = ?
				and outcome in ('refusal-upheld', 'sharing-ordered', 'settled'))""")
			.param(requestId)
			.query(Boolean.class)
			.single();
	}

	/** Every open dispute, oldest first. */
	public List<Dispute> allOpen() {
		return this.jdbc.sql("select * from shr_dispute where status = 'open' order by opened_at limit ?")
			.param(LIMIT)
			.query(Rows::dispute)
			.list();
	}

	/** Open disputes past negotiation at the coordinator tiers of a division, oldest first. */
	public List<Dispute> awaitingCoordinator(String divisionCode) {
		return this.jdbc.sql("""
				select * from shr_dispute where status = 'open' and tier <> 'negotiation' and coordinator_division = ?
				order by opened_at limit ?""")
			.params(divisionCode, LIMIT)
			.query(Rows::dispute)
			.list();
	}

	/** Open disputes over requests in the divisions a coordinator or auditor oversees, oldest first. */
	public List<Dispute> openVisibleTo(Actor actor) {
		Where where = Where.start()
			.and("d.status = 'open'")
			.visibleTo(actor, null, List.of("r.requester_division", "r.provider_division"), List.of());
		List<Object> params = where.params();
		params.add(LIMIT);
		return this.jdbc.sql("select d.* from shr_dispute d join shr_request r on r.id = d.request_id "
				+ where.sql() + " order by d.opened_at limit ?").params(params).query(Rows::dispute).list();
	}

	/** A new dispute, at negotiation between the departments. */
	public Dispute insert(UUID requestId, String coordinatorDivision, String openedBy, String grounds) {
		return this.jdbc.sql("""
				insert into shr_dispute (id, request_id, tier, coordinator_division, status, opened_by, grounds)
				values (?, ?, 'negotiation', ?, 'open', ?, ?) returning *""")
			.params(UUID.randomUUID(), requestId, coordinatorDivision, openedBy, grounds)
			.query(Rows::dispute)
			.single();
	}

	public Dispute escalate(UUID id, DisputeTier tier) {
		return this.jdbc.sql("update shr_dispute set tier = ?, version = version + 1 where id = ? returning *")
			.params(tier.code(), id)
			.query(Rows::dispute)
			.single();
	}

	public Dispute resolve(UUID id, DisputeOutcome outcome, String resolution, String resolvedBy) {
		return this.jdbc.sql("""
				update shr_dispute set status = 'resolved', outcome = ?, resolution = ?, resolved_at = now(), resolved_by = ?,
				    version = version + 1 where id = ? returning *""")
			.params(outcome.code(), resolution, resolvedBy, id)
			.query(Rows::dispute)
			.single();
	}

	/** Locks the dispute's row and checks the reader's version is still current. */
	public void lock(Dispute dispute, long version) {
		long current = this.jdbc.sql("select version from shr_dispute where id = ? for update")
			.param(dispute.id())
			.query(Long.class)
			.single();
		if (current != version) {
			throw new UnigovException(CommonError.STALE_VERSION, "The dispute changed since you read it; reload it.");
		}
	}
}
