package org.unigov.sharing;


import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.shared.Actor;
import org.unigov.shared.Coded;
import org.unigov.shared.Role;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;
import org.unigov.sharing.internal.Rows;
import org.unigov.sharing.internal.SharingError;
import org.unigov.sharing.internal.RequestRules;
import org.springframework.context.ApplicationEventPublisher;
import org.unigov.sharing.internal.RequestDecisions;
import org.unigov.sharing.internal.Requests;

/**
 * Disputes over sharing (S9), tier by tier: the two departments negotiate; then the coordinator of
 * their level decides — their own division's when they share one, else the coordinator of their
 * nearest common higher division; past that, the people's government of that level decides and
 * its coordinator records the decision. A requester opens a dispute over a refusal or a reply
 * overdue. Every step is audited on the request.
 */
@Service
@Transactional
public class Disputes {

	private final JdbcClient jdbc;

	private final Requests requests;

	private final RequestDecisions decisions;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	Disputes(JdbcClient jdbc, Requests requests, RequestDecisions decisions, WorkingCalendar calendar,
			AuditJournal journal, ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.requests = requests;
		this.decisions = decisions;
		this.calendar = calendar;
		this.journal = journal;
	}

	@Transactional(readOnly = true)
	public List<Dispute> forRequest(Actor actor, UUID requestId) {
		SharingRequest request = this.requests.visible(actor, requestId);
		return this.jdbc.sql("select * from shr_dispute where request_id = ? order by opened_at desc")
			.param(request.id())
			.query(Rows::dispute)
			.list();
	}

	/** Open disputes a coordinator handles now (at a coordinator tier in their division). */
	@Transactional(readOnly = true)
	public List<Dispute> awaiting(Actor actor) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return this.jdbc.sql("select * from shr_dispute where status = 'open' order by opened_at limit 500")
				.query(Rows::dispute)
				.list();
		}
		if (!actor.has(Role.COORDINATOR) || actor.divisionCode() == null) {
			return List.of();
		}
		return this.jdbc.sql("""
				select * from shr_dispute where status = 'open' and tier <> 'negotiation' and coordinator_division = ?
				order by opened_at limit 500""").param(actor.divisionCode()).query(Rows::dispute).list();
	}

	/** Every open dispute the actor's scope covers, negotiation included, for overview pages. */
	@Transactional(readOnly = true)
	public List<Dispute> open(Actor actor) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return awaiting(actor);
		}
		String prefix = actor.scopePrefix();
		if (!actor.hasAny(Role.COORDINATOR, Role.AUDITOR) || prefix == null) {
			return List.of();
		}
		return this.jdbc.sql("""
				select d.* from shr_dispute d join shr_request r on r.id = d.request_id
				where d.status = 'open' and (r.requester_division like ? or r.provider_division like ?)
				order by d.opened_at limit 500""").params(prefix + "%", prefix + "%").query(Rows::dispute).list();
	}

	/** The nearest division whose coordinator covers both departments. */
	static String commonDivision(String a, String b) {
		if (a.equals(b)) {
			return a;
		}
		if (a.substring(0, 4).equals(b.substring(0, 4))) {
			return a.substring(0, 4) + "00";
		}
		return a.substring(0, 2) + "0000";
	}

	/** The requester disputes a refusal, or a reply past its deadline; the departments negotiate first. */
	public Dispute open(Actor actor, UUID requestId, @Nullable String grounds, long version) {
		SharingRequest request = this.requests.visible(actor, requestId);
		if (!RequestRules.actsFor(actor, request.requesterAgencyId())) {
			throw new UnigovException(SharingError.NOT_YOUR_DISPUTE, "The requesting agency opens a dispute (S9).");
		}
		this.requests.lock(request, version);
		boolean overdue = request.status() == RequestStatus.SUBMITTED && this.calendar.today().isAfter(request.replyDue());
		if (request.status() != RequestStatus.REFUSED && !overdue) {
			throw new UnigovException(SharingError.DISPUTE_WRONG_STATE,
					"A dispute is about a refusal or a reply past its deadline.");
		}
		if (request.refusalCategory() == RefusalCategory.NOT_SHARED) {
			throw new UnigovException(SharingError.DISPUTE_WRONG_STATE, "The entry is not shared by law ("
					+ request.refusalReasons() + "); a dispute cannot change a law. Ask the provider to revise its catalog entry.");
		}
		if (RequestRules.blank(grounds)) {
			throw new UnigovException(SharingError.REASONS_REQUIRED, "State the grounds of the dispute.");
		}
		if (this.jdbc.sql("""
				select count(*) from shr_dispute where request_id = ?
				and outcome in ('refusal-upheld', 'sharing-ordered', 'settled')""").param(requestId).query(Long.class).single() > 0) {
			throw new UnigovException(SharingError.DISPUTE_WRONG_STATE,
					"A dispute over this request was decided or settled already; the decision stands (S9).");
		}
		if (this.jdbc.sql("select count(*) from shr_dispute where request_id = ? and status = 'open'")
			.param(requestId)
			.query(Long.class)
			.single() > 0) {
			throw new UnigovException(SharingError.DISPUTE_WRONG_STATE, "A dispute over this request is open already.");
		}
		UUID id = UUID.randomUUID();
		String division = commonDivision(request.requesterDivision(), request.providerDivision());
		this.jdbc.sql("""
				insert into shr_dispute (id, request_id, tier, coordinator_division, status, opened_by, grounds)
				values (?, ?, 'negotiation', ?, 'open', ?, ?)""")
			.params(id, requestId, division, actor.username(), grounds.strip())
			.update();
		this.jdbc.sql("update shr_request set version = version + 1, updated_at = now() where id = ?").param(requestId).update();
		audit(actor, "dispute.opened", request, Map.of("dispute", id.toString(), "tier", "negotiation",
				"grounds", grounds.strip(), "coordinatorDivision", division));
		this.events.publishEvent(new DisputeRaised(id, requestId, request.number(), request.entryId(),
				request.providerAgencyId(), DisputeTier.NEGOTIATION, division));
		return get(id);
	}

	/**
	 * Moves a dispute up one tier: from negotiation (either department) to the coordinator of
	 * their level, or of their nearest common higher level across levels and regions; from there
	 * (that coordinator) to the people's government.
	 */
	public Dispute escalate(Actor actor, UUID id, @Nullable String note, long version) {
		Dispute dispute = get(id);
		SharingRequest request = this.requests.visible(actor, dispute.requestId());
		lock(dispute, version);
		if (!dispute.open()) {
			throw new UnigovException(SharingError.DISPUTE_WRONG_STATE, "The dispute is resolved.");
		}
		DisputeTier next;
		if (dispute.tier() == DisputeTier.NEGOTIATION) {
			if (!RequestRules.actsFor(actor, request.requesterAgencyId())
					&& !RequestRules.actsFor(actor, request.providerAgencyId())) {
				throw new UnigovException(SharingError.NOT_YOUR_DISPUTE,
						"Either department takes a failed negotiation to the coordinator (S9).");
			}
			next = request.requesterDivision().equals(request.providerDivision()) ? DisputeTier.COORDINATOR
					: DisputeTier.HIGHER_COORDINATOR;
		}
		else if (dispute.tier() == DisputeTier.GOVERNMENT) {
			throw new UnigovException(SharingError.DISPUTE_WRONG_STATE,
					"The people's government's decision is the last tier (S9).");
		}
		else {
			requireCoordinator(actor, dispute);
			next = DisputeTier.GOVERNMENT;
		}
		this.jdbc.sql("update shr_dispute set tier = ?, version = version + 1 where id = ?").params(next.code(), id).update();
		audit(actor, "dispute.escalated", request, Map.of("dispute", id.toString(), "from", dispute.tier().code(), "to",
				next.code(), "note", note == null ? "" : note.strip(), "coordinatorDivision", dispute.coordinatorDivision()));
		this.events.publishEvent(new DisputeRaised(id, request.id(), request.number(), request.entryId(),
				request.providerAgencyId(), next, dispute.coordinatorDivision()));
		return get(id);
	}

	/**
	 * Ends a dispute. At negotiation: the requester withdraws it, either department records a
	 * settlement, or the provider agrees to share. At a coordinator tier the coordinator decides
	 * (sharing ordered or refusal upheld); at the government tier the coordinator records the
	 * government's decision. Sharing ordered approves the request and issues its grant.
	 */
	public Dispute resolve(Actor actor, UUID id, @Nullable String outcome, @Nullable String resolution, long version) {
		Dispute dispute = get(id);
		SharingRequest request = this.requests.visible(actor, dispute.requestId());
		lock(dispute, version);
		if (!dispute.open()) {
			throw new UnigovException(SharingError.DISPUTE_WRONG_STATE, "The dispute is resolved already.");
		}
		DisputeOutcome result = Coded.parse(DisputeOutcome.class, outcome)
			.orElseThrow(() -> new UnigovException(CommonError.INVALID_PARAMETER,
					"outcome is refusal-upheld, sharing-ordered, settled or withdrawn."));
		if (RequestRules.blank(resolution)) {
			throw new UnigovException(SharingError.REASONS_REQUIRED, "Record how the dispute was resolved and why.");
		}
		boolean requester = RequestRules.actsFor(actor, request.requesterAgencyId());
		boolean provider = RequestRules.actsFor(actor, request.providerAgencyId());
		boolean allowed = switch (result) {
			case WITHDRAWN -> requester;
			case SETTLED -> dispute.tier() == DisputeTier.NEGOTIATION && (requester || provider);
			case SHARING_ORDERED -> dispute.tier() == DisputeTier.NEGOTIATION ? provider : isCoordinator(actor, dispute);
			case REFUSAL_UPHELD -> dispute.tier() != DisputeTier.NEGOTIATION && isCoordinator(actor, dispute);
		};
		if (!allowed) {
			throw new UnigovException(SharingError.NOT_YOUR_DISPUTE, "At the " + dispute.tier().code()
					+ " tier, " + result.code() + " is not yours to record (S9).");
		}
		this.jdbc.sql("""
				update shr_dispute set status = 'resolved', outcome = ?, resolution = ?, resolved_at = now(), resolved_by = ?,
				    version = version + 1 where id = ?""")
			.params(result.code(), resolution.strip(), actor.username(), id)
			.update();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("dispute", id.toString());
		details.put("tier", dispute.tier().code());
		details.put("outcome", result.code());
		details.put("resolution", resolution.strip());
		audit(actor, "dispute.resolved", request, details);
		if (result == DisputeOutcome.SHARING_ORDERED) {
			this.decisions.approveByDecision(actor, this.requests.get(request.id()).orElseThrow(),
					dispute.tier().code() + ": " + resolution.strip());
		}
		return get(id);
	}

	private boolean isCoordinator(Actor actor, Dispute dispute) {
		return actor.has(Role.PLATFORM_ADMIN)
				|| actor.has(Role.COORDINATOR) && dispute.coordinatorDivision().equals(actor.divisionCode());
	}

	private void requireCoordinator(Actor actor, Dispute dispute) {
		if (!isCoordinator(actor, dispute)) {
			throw new UnigovException(SharingError.NOT_YOUR_DISPUTE, "This tier belongs to the coordinator of division "
					+ dispute.coordinatorDivision() + " (S9).");
		}
	}

	public Dispute get(UUID id) {
		return this.jdbc.sql("select * from shr_dispute where id = ?")
			.param(id)
			.query(Rows::dispute)
			.optional()
			.orElseThrow(() -> UnigovException.notFound(SharingError.DISPUTE_NOT_FOUND, "Dispute", id));
	}

	public Optional<Dispute> openFor(UUID requestId) {
		return this.jdbc.sql("select * from shr_dispute where request_id = ? and status = 'open'")
			.param(requestId)
			.query(Rows::dispute)
			.optional();
	}

	private void lock(Dispute dispute, long version) {
		long current = this.jdbc.sql("select version from shr_dispute where id = ? for update")
			.param(dispute.id())
			.query(Long.class)
			.single();
		if (current != version) {
			throw new UnigovException(CommonError.STALE_VERSION, "The dispute changed since you read it; reload it.");
		}
	}

	private void audit(Actor actor, String action, SharingRequest request, Map<String, ?> details) {
		this.journal.append(actor, AuditRecord.of(action, "sharing-request", request.id(), request.providerDivision(), details));
	}

}
