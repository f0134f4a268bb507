package org.unigov.sharing.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.catalog.WithdrawalGuard;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;
import org.unigov.sharing.EndKind;
import org.unigov.sharing.Grant;
import org.unigov.sharing.GrantExpired;
import org.unigov.sharing.GrantId;
import org.unigov.sharing.GrantIssued;
import org.unigov.sharing.GrantResumed;
import org.unigov.sharing.GrantRevoked;
import org.unigov.sharing.GrantStatus;
import org.unigov.sharing.GrantSuspended;
import org.unigov.sharing.SharingRequest;

/**
 * Grants: what approved requests produce and the exchange enforces (S6). A provider (or the
 * coordinator) suspends a grant for misuse until corrected by a deadline, after which it ends by
 * itself (S7); a provider ends a grant only with its reasons, after consulting the consumer, and
 * the ending is filed with the coordinator (S7); grants expire at the end of their validity; the
 * consumer records how it disposed of the data once a grant is over (S7, S10). Each change is
 * audited and announced with an event the exchange consumes.
 */
@Service
@Transactional
public class GrantDesk implements WithdrawalGuard {

	/** Calls per minute when the provider sets no rate limit. */
	public static final int DEFAULT_RATE_LIMIT = 600;

	/** Working days a consumer has to correct misuse when the provider names no deadline. */
	public static final int CORRECTION_DAYS = 10;

	private final GrantStore store;

	private final Requests requests;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	GrantDesk(GrantStore store, Requests requests, WorkingCalendar calendar, AuditJournal journal,
			ApplicationEventPublisher events) {
		this.store = store;
		this.requests = requests;
		this.calendar = calendar;
		this.journal = journal;
		this.events = events;
	}

	public record GrantFilter(@Nullable String role, @Nullable GrantStatus status, @Nullable UUID entryId,
			boolean disposalOutstanding) {
	}

	@Transactional(readOnly = true)
	public Optional<Grant> get(GrantId id) {
		return this.store.get(id.value());
	}

	@Transactional(readOnly = true)
	public Optional<Grant> forRequest(UUID requestId) {
		return this.store.forRequest(requestId);
	}

	/** Every grant in force, for the exchange to load its cache at start-up. */
	@Transactional(readOnly = true)
	public List<Grant> inForce() {
		return this.store.inForce();
	}

	/** Every grant, in any state, of a consumer system for an entry: why the exchange refused a call. */
	@Transactional(readOnly = true)
	public List<Grant> forConsumer(UUID consumerSystemId, String entryCode) {
		return this.store.forConsumer(consumerSystemId, entryCode);
	}

	public static boolean isVisible(Actor actor, Grant g) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return true;
		}
		if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR)
				&& (actor.covers(g.consumerDivision()) || actor.covers(g.providerDivision()))) {
			return true;
		}
		return actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF)
				&& (g.consumerAgencyId().equals(actor.agencyId()) || g.providerAgencyId().equals(actor.agencyId()));
	}

	@Transactional(readOnly = true)
	public Grant visible(Actor actor, UUID id) {
		return this.store.get(id).filter(g -> isVisible(actor, g))
			.orElseThrow(() -> UnigovException.notFound(SharingError.GRANT_NOT_FOUND, "Grant", id));
	}

	@Transactional(readOnly = true)
	public Page<Grant> find(Actor actor, GrantFilter filter, Pageable pageable) {
		return this.store.find(actor, filter, pageable);
	}

	/** Issues the grant for an approved request, or renews the grant a renewal names. */
	public Grant issue(Actor actor, SharingRequest request, @Nullable Integer rateLimit) {
		int limit = rateLimit == null ? DEFAULT_RATE_LIMIT : rateLimit;
		if (limit < 1 || limit > 1_000_000) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "A rate limit is 1 to 1,000,000 calls a minute.");
		}
		LocalDate today = this.calendar.today();
		LocalDate from = request.periodFrom().isBefore(today) ? today : request.periodFrom();
		UUID renewed = request.renewsGrantId();
		String action = renewed != null ? "grant.renewed" : "grant.issued";
		Grant grant = renewed != null ? this.store.renew(renewed, request, limit) : this.store.insert(request, from, limit);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("request", request.number());
		details.put("entry", grant.entryCode());
		details.put("consumerSystem", grant.consumerSystemId().toString());
		details.put("items", grant.items());
		details.put("validFrom", grant.validFrom().toString());
		details.put("validTo", grant.validTo().toString());
		details.put("rateLimitPerMinute", limit);
		audit(actor, action, grant, details);
		if (grant.status() == GrantStatus.ACTIVE) {
			this.events.publishEvent(new GrantIssued(grant.id(), grant.consumerSystemId(), grant.consumerAgencyId(),
					grant.providerAgencyId(), grant.entryId(), grant.entryCode(), grant.items(), grant.purpose(),
					grant.validFrom(), grant.validTo(), grant.rateLimitPerMinute()));
		}
		return grant;
	}

	/**
	 * Suspends a grant for misuse until the consumer corrects it (S7): the provider's staff or the
	 * coordinator over the provider; reasons required; the correction deadline defaults to 10
	 * working days.
	 */
	public Grant suspend(Actor actor, UUID id, @Nullable String reason, @Nullable LocalDate correctionDue, long version) {
		Grant grant = visible(actor, id);
		if (!RequestRules.actsFor(actor, grant.providerAgencyId())
				&& !(actor.has(Role.COORDINATOR) && actor.covers(grant.providerDivision()))) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST,
					"A grant is suspended by its provider or the coordinator over it (S7).");
		}
		lock(grant, version);
		requireStatus(grant, GrantStatus.ACTIVE);
		if (RequestRules.blank(reason)) {
			throw new UnigovException(SharingError.REASONS_REQUIRED, "Say what misuse the suspension is for (S7).");
		}
		LocalDate today = this.calendar.today();
		LocalDate due = correctionDue != null ? correctionDue : this.calendar.addWorkingDays(today, CORRECTION_DAYS).due();
		if (!due.isAfter(today)) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "The correction deadline must be after today.");
		}
		Grant suspended = this.store.suspend(id, reason.strip(), due);
		audit(actor, "grant.suspended", grant, Map.of("reason", reason.strip(), "correctionDue", due.toString()));
		this.events.publishEvent(new GrantSuspended(id, grant.consumerSystemId(), grant.entryCode(), reason.strip()));
		return suspended;
	}

	/** The consumer reports how it corrected the misuse. */
	public Grant reportCorrection(Actor actor, UUID id, @Nullable String note, long version) {
		Grant grant = visible(actor, id);
		if (!RequestRules.actsFor(actor, grant.consumerAgencyId())) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST, "The consumer reports its correction.");
		}
		lock(grant, version);
		requireStatus(grant, GrantStatus.SUSPENDED);
		if (RequestRules.blank(note)) {
			throw new UnigovException(SharingError.REASONS_REQUIRED, "Describe the correction.");
		}
		Grant reported = this.store.reportCorrection(id, note.strip());
		audit(actor, "grant.correction.reported", grant, Map.of("note", note.strip()));
		return reported;
	}

	/** The provider resumes a suspended grant once the misuse is corrected (S7). */
	public Grant resume(Actor actor, UUID id, long version) {
		Grant grant = visible(actor, id);
		if (!RequestRules.actsFor(actor, grant.providerAgencyId())
				&& !(actor.has(Role.COORDINATOR) && actor.covers(grant.providerDivision()))) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST, "The provider or the coordinator resumes a grant.");
		}
		lock(grant, version);
		requireStatus(grant, GrantStatus.SUSPENDED);
		Grant resumed = this.store.resume(id);
		audit(actor, "grant.resumed", grant, Map.of("correction", String.valueOf(grant.correctionReported())));
		this.events.publishEvent(new GrantResumed(id, grant.consumerSystemId(), grant.entryCode(),
				String.valueOf(grant.correctionReported())));
		this.events.publishEvent(new GrantIssued(resumed.id(), resumed.consumerSystemId(), resumed.consumerAgencyId(),
				resumed.providerAgencyId(), resumed.entryId(), resumed.entryCode(), resumed.items(), resumed.purpose(),
				resumed.validFrom(), resumed.validTo(), resumed.rateLimitPerMinute()));
		return resumed;
	}

	/**
	 * Ends a grant early (S7). The provider must give its reasons and record how it consulted the
	 * consumer; the ending is filed with the coordinator over the provider at once. The consumer may
	 * end its own grant when the purpose is met or the data is no longer needed.
	 */
	public Grant end(Actor actor, UUID id, @Nullable String reason, @Nullable String consultation, long version) {
		Grant grant = visible(actor, id);
		boolean provider = RequestRules.actsFor(actor, grant.providerAgencyId());
		boolean consumer = RequestRules.actsFor(actor, grant.consumerAgencyId());
		if (!provider && !consumer) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST, "Only the provider or the consumer ends a grant.");
		}
		lock(grant, version);
		if (grant.status() != GrantStatus.ACTIVE && grant.status() != GrantStatus.SUSPENDED) {
			throw new UnigovException(SharingError.GRANT_WRONG_STATE, "The grant is " + grant.status().code() + " already.");
		}
		if (RequestRules.blank(reason)) {
			throw new UnigovException(SharingError.REASONS_REQUIRED, "Give the reason for ending the grant (S7).");
		}
		EndKind kind = consumer && !provider ? EndKind.CONSUMER_ENDED : EndKind.PROVIDER_ENDED;
		if (kind == EndKind.PROVIDER_ENDED && RequestRules.blank(consultation)) {
			throw new UnigovException(SharingError.CONSULTATION_REQUIRED,
					"A provider ends a sharing service only after consulting the consumer: record when and how (S7).");
		}
		Grant ended = this.store.end(id, kind, reason.strip(),
				RequestRules.blank(consultation) ? null : consultation.strip());
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("kind", kind.code());
		details.put("reason", reason.strip());
		if (kind == EndKind.PROVIDER_ENDED) {
			details.put("consultation", consultation.strip());
			details.put("filedWithCoordinatorOf", grant.providerDivision());
		}
		audit(actor, "grant.ended", grant, details);
		this.events.publishEvent(new GrantRevoked(id, grant.consumerSystemId(), grant.entryCode(), reason.strip()));
		return ended;
	}

	/** The consumer records how it disposed of the data once the grant is over (S7, S10). */
	public Grant recordDisposal(Actor actor, UUID id, @Nullable String method, @Nullable LocalDate on,
			@Nullable String note, long version) {
		Grant grant = visible(actor, id);
		if (!RequestRules.actsFor(actor, grant.consumerAgencyId())) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST, "The consumer records the disposal of the data.");
		}
		lock(grant, version);
		if (grant.status() != GrantStatus.ENDED && grant.status() != GrantStatus.EXPIRED) {
			throw new UnigovException(SharingError.GRANT_WRONG_STATE, "Disposal is recorded once the grant is over.");
		}
		if (!List.of("deleted", "returned", "archived-by-law").contains(String.valueOf(method)) || on == null
				|| on.isAfter(this.calendar.today())) {
			throw new UnigovException(CommonError.INVALID_PARAMETER,
					"Say how (deleted, returned or archived-by-law) and on which day, not in the future, the data was disposed of.");
		}
		Grant disposed = this.store.recordDisposal(id, method, on, RequestRules.blank(note) ? null : note.strip());
		audit(actor, "grant.disposal.recorded", grant, Map.of("method", method, "on", on.toString()));
		return disposed;
	}

	/**
	 * The clock's work: grants past their validity expire, suspended grants whose correction
	 * deadline passed end (S7). Returns how many changed.
	 */
	public int expireAndEnd() {
		LocalDate today = this.calendar.today();
		int changed = 0;
		for (Grant grant : this.store.pastValidity(today)) {
			if (!this.store.expire(grant.id(), today)) {
				continue; // ended or renewed meanwhile, or another instance got there first
			}
			changed++;
			audit(Actor.SYSTEM, "grant.expired", grant, Map.of("validTo", grant.validTo().toString()));
			this.events.publishEvent(new GrantExpired(grant.id(), grant.consumerSystemId(), grant.entryCode(), grant.validTo()));
		}
		for (Grant grant : this.store.uncorrected(today)) {
			String reason = "Misuse not corrected by " + grant.correctionDue() + ": " + grant.suspensionReason();
			if (!this.store.endUncorrected(grant.id(), reason, today)) {
				continue;
			}
			changed++;
			audit(Actor.SYSTEM, "grant.ended", grant, Map.of("kind", EndKind.MISUSE_UNCORRECTED.code(), "reason", reason));
			this.events.publishEvent(new GrantRevoked(grant.id(), grant.consumerSystemId(), grant.entryCode(), reason));
		}
		return changed;
	}

	@Override
	@Transactional(readOnly = true)
	public List<String> blockers(UUID entryId) {
		List<String> blockers = new ArrayList<>();
		long grants = this.store.inForceOn(entryId);
		if (grants > 0) {
			blockers.add(grants + " grant(s) in force");
		}
		long open = this.requests.awaitingReplyOn(entryId);
		if (open > 0) {
			blockers.add(open + " request(s) awaiting a reply");
		}
		return blockers;
	}

	private void lock(Grant grant, long version) {
		this.store.lock(grant, version);
	}

	private static void requireStatus(Grant grant, GrantStatus status) {
		if (grant.status() != status) {
			throw new UnigovException(SharingError.GRANT_WRONG_STATE,
					"The grant is " + grant.status().code() + ", not " + status.code() + ".");
		}
	}

	private void audit(Actor actor, String action, Grant grant, Map<String, ?> details) {
		this.journal.append(actor, AuditRecord.of(action, "grant", grant.id(), grant.providerDivision(), details));
	}

}
