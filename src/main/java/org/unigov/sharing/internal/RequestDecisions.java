package org.unigov.sharing.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.EntryId;
import org.unigov.catalog.EntryStatus;
import org.unigov.catalog.SharingType;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.UnigovException;
import org.unigov.sharing.RefusalCategory;
import org.unigov.sharing.RequestAnswered;
import org.unigov.sharing.RequestStatus;
import org.unigov.sharing.SharingRequest;

/**
 * The answer to a request, whoever gives it: the provider, the rule of the entry (S2, S3), or a
 * dispute's decision (S9). An approval starts the delivery clock (S5) and issues the grant.
 */
@Service
@Transactional
public class RequestDecisions {

	private final Requests requests;

	private final GrantDesk grants;

	private final Catalog catalog;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	RequestDecisions(Requests requests, GrantDesk grants, Catalog catalog, WorkingCalendar calendar, AuditJournal journal,
			ApplicationEventPublisher events) {
		this.requests = requests;
		this.grants = grants;
		this.catalog = catalog;
		this.calendar = calendar;
		this.journal = journal;
		this.events = events;
	}

	/** Approves and issues the grant at once. */
	public SharingRequest approve(Actor actor, SharingRequest request, @Nullable Integer rateLimit) {
		return startDelivery(actor, reply(actor, request, RequestStatus.APPROVED, null, null, null), rateLimit);
	}

	/**
	 * Approves a request because a dispute decided so (S9): the provider agreed in negotiation, the
	 * coordinator ordered sharing, or the government decided.
	 */
	public SharingRequest approveByDecision(Actor actor, SharingRequest request, String decision) {
		if (request.status() != RequestStatus.REFUSED && request.status() != RequestStatus.SUBMITTED) {
			throw new UnigovException(SharingError.WRONG_STATE, "Request " + request.number() + " is " + request.status().code() + ".");
		}
		requireShareable(request);
		this.journal.append(actor, RequestRules.audited("request.approved-by-decision", request.id(),
				request.providerDivision(), Map.of("number", request.number(), "decision", decision)));
		if (request.status() == RequestStatus.SUBMITTED) {
			// never answered: the decision is the reply, late as it is
			return approve(actor, request, null);
		}
		// refused earlier: the provider's reply (and its timing) stays on record; the decision approves
		return startDelivery(actor, this.requests.approveRefused(request.id()), null);
	}

	/** Records the reply, audits it with its timing and tells both agencies. */
	public SharingRequest reply(Actor actor, SharingRequest request, RequestStatus status,
			@Nullable RefusalCategory category, @Nullable String reasons, @Nullable Integer condition) {
		LocalDate today = this.calendar.today();
		int took = Math.max(0, this.calendar.workingDaysBetween(request.clockStart(), today));
		SharingRequest replied = this.requests.reply(request.id(),
				new Requests.Reply(status, today, took, actor.username(), category, reasons, condition));
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("number", request.number());
		details.put("workingDays", took);
		details.put("inTime", !today.isAfter(request.replyDue()));
		if (category != null) {
			details.put("category", category.code());
			details.put("reasons", Objects.requireNonNull(reasons));
		}
		if (condition != null) {
			details.put("condition", condition);
		}
		this.journal.append(actor, RequestRules.audited(
				status == RequestStatus.APPROVED ? "request.approved" : "request.refused", request.id(),
				request.providerDivision(), details));
		this.events.publishEvent(new RequestAnswered(request.id(), request.number(), request.entryId(),
				request.requesterAgencyId(), request.providerAgencyId(), status.code()));
		return replied;
	}

	/** The entry must still be published and shared: a grant never outlives its entry's rule. */
	public void requireShareable(SharingRequest request) {
		CatalogEntry entry = this.catalog.get(new EntryId(request.entryId())).orElseThrow();
		if (entry.status() != EntryStatus.PUBLISHED || entry.content().sharingType() == SharingType.NOT_SHARED) {
			throw new UnigovException(SharingError.ENTRY_NOT_REQUESTABLE, "Entry " + entry.code() + " is "
					+ (entry.status() != EntryStatus.PUBLISHED ? entry.status().code() : "no longer shared")
					+ "; no grant can be issued on it.");
		}
	}

	/** S5: the delivery clock starts and the grant takes effect. */
	private SharingRequest startDelivery(Actor actor, SharingRequest request, @Nullable Integer rateLimit) {
		LocalDate today = this.calendar.today();
		LocalDate deliveryDue = this.calendar.addWorkingDays(today, RequestRules.DELIVERY_DAYS).due();
		SharingRequest started = this.requests.startDelivery(request.id(), today, deliveryDue);
		this.grants.issue(actor, started, rateLimit);
		return started;
	}
}
