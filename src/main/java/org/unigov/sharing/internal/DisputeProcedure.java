package org.unigov.sharing.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
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
import org.unigov.sharing.Dispute;
import org.unigov.sharing.DisputeOutcome;
import org.unigov.sharing.DisputeRaised;
import org.unigov.sharing.DisputeTier;
import org.unigov.sharing.RefusalCategory;
import org.unigov.sharing.RequestStatus;
import org.unigov.sharing.SharingRequest;

/**
 * Disputes over sharing (S9), tier by tier: the two departments negotiate; then the coordinator of
 * their level decides — their own division's when they share one, else the coordinator of their
 * nearest common higher division; past that, the people's government of that level decides and
 * its coordinator records the decision. A requester opens a dispute over a refusal or a reply
 * overdue. Every step is audited on the request.
 */
@Service
@Transactional
public class DisputeProcedure {

	private final DisputeStore disputes;

	private final Requests requests;

	private final RequestDecisions decisions;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	DisputeProcedure(DisputeStore disputes, Requests requests, RequestDecisions decisions, WorkingCalendar calendar,
			AuditJournal journal, ApplicationEventPublisher events) {
		this.disputes = disputes;
		this.requests = requests;
		this.decisions = decisions;
		this.calendar = calendar;
		this.journal = journal;
		this.events = events;
	}

	/** The disputes over a request the actor may see, newest first. */
	@Transactional(readOnly = true)
	public List<Dispute> forRequest(Actor actor, UUID requestId) {
		SharingRequest request = this.requests.visible(actor, requestId);
		return this.disputes.forRequest(request.id());
	}

	/** Open disputes a coordinator handles now (at a coordinator tier in their division). */
	@Transactional(readOnly = true)
	public List<Dispute> awaiting(Actor actor) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return this.disputes.allOpen();
		}
		if (!actor.has(Role.COORDINATOR) || actor.divisionCode() == null) {
			return List.of();
		}
		return this.disputes.awaitingCoordinator(actor.divisionCode());
	}

	/** Every open dispute the actor's scope covers, negotiation included, for overview pages. */
	@Transactional(readOnly = true)
	public List<Dispute> open(Actor actor) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return this.disputes.allOpen();
		}
		if (!actor.hasAny(Role.COORDINATOR, Role.AUDITOR) || actor.scopePrefix() == null) {
			return List.of();
		}
		return this.disputes.openVisibleTo(actor);
	}

	@Transactional(readOnly = true)
	public Dispute get(UUID id) {
		return this.disputes.get(id)
			.orElseThrow(() -> UnigovException.notFound(SharingError.DISPUTE_NOT_FOUND, "Dispute", id));
	}

	@Transactional(readOnly = true)
	public Optional<Dispute> openFor(UUID requestId) {
		return this.disputes.openFor(requestId);
	}

	/** The nearest division whose coordinator covers both departments. */
	public static String commonDivision(String a, String b) {
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
		requireDisputable(request, grounds);
		String division = commonDivision(request.requesterDivision(), request.providerDivision());
		Dispute dispute = this.disputes.insert(requestId, division, actor.username(), grounds.strip());
		this.requests.touch(requestId);
		audit(actor, "dispute.opened", request, Map.of("dispute", dispute.id().toString(), "tier", "negotiation",
				"grounds", dispute.grounds(), "coordinatorDivision", division));
		this.events.publishEvent(new DisputeRaised(dispute.id(), requestId, request.number(), request.entryId(),
				request.providerAgencyId(), DisputeTier.NEGOTIATION, division));
		return dispute;
	}

	/** A refusal, or a reply past its deadline, with grounds, and no dispute open or decided over it (S9). */
	private void requireDisputable(SharingRequest request, @Nullable String grounds) {
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
		if (this.disputes.decided(request.id())) {
			throw new UnigovException(SharingError.DISPUTE_WRONG_STATE,
					"A dispute over this request was decided or settled already; the decision stands (S9).");
		}
		if (this.disputes.openFor(request.id()).isPresent()) {
			throw new UnigovException(SharingError.DISPUTE_WRONG_STATE, "A dispute over this request is open already.");
		}
	}

	/**
	 * Moves a dispute up one tier: from negotiation (either department) to the coordinator of
	 * their level, or of their nearest common higher level across levels and regions; from there
	 * (that coordinator) to the people's government.
	 */
	public Dispute escalate(Actor actor, UUID id, @Nullable String note, long version) {
		Dispute dispute = get(id);
		SharingRequest request = this.requests.visible(actor, dispute.requestId());
		this.disputes.lock(dispute, version);
		if (!dispute.open()) {
			throw new UnigovException(SharingError.DISPUTE_WRONG_STATE, "The dispute is resolved.");
		}
		DisputeTier next = nextTier(actor, dispute, request);
		Dispute escalated = this.disputes.escalate(id, next);
		audit(actor, "dispute.escalated", request, Map.of("dispute", id.toString(), "from", dispute.tier().code(), "to",
				next.code(), "note", note == null ? "" : note.strip(), "coordinatorDivision", dispute.coordinatorDivision()));
		this.events.publishEvent(new DisputeRaised(id, request.id(), request.number(), request.entryId(),
				request.providerAgencyId(), next, dispute.coordinatorDivision()));
		return escalated;
	}

	/** The tier above the dispute's, if the actor may take it there. */
	private DisputeTier nextTier(Actor actor, Dispute dispute, SharingRequest request) {
		if (dispute.tier() == DisputeTier.NEGOTIATION) {
			if (!RequestRules.actsFor(actor, request.requesterAgencyId())
					&& !RequestRules.actsFor(actor, request.providerAgencyId())) {
				throw new UnigovException(SharingError.NOT_YOUR_DISPUTE,
						"Either department takes a failed negotiation to the coordinator (S9).");
			}
			return request.requesterDivision().equals(request.providerDivision()) ? DisputeTier.COORDINATOR
					: DisputeTier.HIGHER_COORDINATOR;
		}
		if (dispute.tier() == DisputeTier.GOVERNMENT) {
			throw new UnigovException(SharingError.DISPUTE_WRONG_STATE,
					"The people's government's decision is the last tier (S9).");
		}
		requireCoordinator(actor, dispute);
		return DisputeTier.GOVERNMENT;
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
		this.disputes.lock(dispute, version);
		if (!dispute.open()) {
			throw new UnigovException(SharingError.DISPUTE_WRONG_STATE, "The dispute is resolved already.");
		}
		DisputeOutcome result = Coded.parse(DisputeOutcome.class, outcome)
			.orElseThrow(() -> new UnigovException(CommonError.INVALID_PARAMETER,
					"outcome is refusal-upheld, sharing-ordered, settled or withdrawn."));
		if (RequestRules.blank(resolution)) {
			throw new UnigovException(SharingError.REASONS_REQUIRED, "Record how the dispute was resolved and why.");
		}
		requireMayRecord(actor, dispute, request, result);
		Dispute resolved = this.disputes.resolve(id, result, resolution.strip(), actor.username());
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("dispute", id.toString());
		details.put("tier", dispute.tier().code());
		details.put("outcome", result.code());
		details.put("resolution", resolved.resolution());
		audit(actor, "dispute.resolved", request, details);
		if (result == DisputeOutcome.SHARING_ORDERED) {
			this.decisions.approveByDecision(actor, this.requests.get(request.id()).orElseThrow(),
					dispute.tier().code() + ": " + resolved.resolution());
		}
		return resolved;
	}

	/** Who may record which outcome at which tier (S9). */
	private void requireMayRecord(Actor actor, Dispute dispute, SharingRequest request, DisputeOutcome result) {
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

	private void audit(Actor actor, String action, SharingRequest request, Map<String, ?> details) {
		this.journal.append(actor, AuditRecord.of(action, "sharing-request", request.id(), request.providerDivision(), details));
	}

}
