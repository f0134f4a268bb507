package org.unigov.sharing.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.calendar.Deadline;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.EntryId;
import org.unigov.catalog.LegalBasis;
import org.unigov.catalog.SharingMethod;
import org.unigov.catalog.UseCondition;
import org.unigov.shared.Actor;
import org.unigov.shared.Coded;
import org.unigov.shared.problem.UnigovException;
import org.unigov.sharing.RefusalCategory;
import org.unigov.sharing.RequestAnswered;
import org.unigov.sharing.RequestStatus;
import org.unigov.sharing.SharingRequest;

/**
 * The provider's reply (S2, S3) and delivery (S5): one notice listing everything missing, approval,
 * refusal with reasons citing only published conditions (C4), one extension decided by the
 * coordinator of the provider's level, and the record of delivery.
 */
@Service
@Transactional
public class ProviderReply {

	private final Requests requests;

	private final RequestDecisions decisions;

	private final Catalog catalog;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	ProviderReply(Requests requests, RequestDecisions decisions, Catalog catalog, WorkingCalendar calendar,
			AuditJournal journal, ApplicationEventPublisher events) {
		this.requests = requests;
		this.decisions = decisions;
		this.catalog = catalog;
		this.calendar = calendar;
		this.journal = journal;
		this.events = events;
	}

	/**
	 * Sends the one notice that lists everything missing (S3); the clock stops until the requester
	 * supplements, and then runs again in full.
	 */
	public SharingRequest noticeIncomplete(Actor actor, UUID id, Map<String, String> missing, long version) {
		SharingRequest request = asProvider(actor, id, version);
		RequestRules.requireStatus(request, RequestStatus.SUBMITTED);
		if (request.incompleteAt() != null) {
			throw new UnigovException(SharingError.NOTICE_ALREADY_SENT, "Request " + request.number()
					+ " had its notice already; S3 allows one notice listing everything missing. Reply to the request now.");
		}
		if (missing.isEmpty() || missing.values().stream().anyMatch(RequestRules::blank)) {
			throw new UnigovException(SharingError.REASONS_REQUIRED,
					"List everything that is missing, each with what the requester must add (S3).");
		}
		SharingRequest noticed = this.requests.markIncomplete(id, missing);
		this.events.publishEvent(new RequestAnswered(id, request.number(), request.entryId(), request.requesterAgencyId(),
				request.providerAgencyId(), RequestStatus.INCOMPLETE.code()));
		audit(actor, "request.incomplete", request, Map.of("number", request.number(), "missing", missing));
		return noticed;
	}

	/** The provider approves: the grant takes effect and the delivery clock starts (S5). */
	public SharingRequest approve(Actor actor, UUID id, @Nullable Integer rateLimitPerMinute, long version) {
		SharingRequest request = asProvider(actor, id, version);
		RequestRules.requireStatus(request, RequestStatus.SUBMITTED);
		this.decisions.requireShareable(request);
		return this.decisions.approve(actor, request, rateLimitPerMinute);
	}

	/**
	 * The provider refuses, with reasons (S3). A refusal for an unmet condition names the entry's
	 * published condition (C4: a department may not invent conditions); a refusal on legal grounds
	 * names the law.
	 */
	public SharingRequest refuse(Actor actor, UUID id, @Nullable String category, @Nullable String reasons,
			@Nullable Integer condition, long version) {
		SharingRequest request = asProvider(actor, id, version);
		RequestRules.requireStatus(request, RequestStatus.SUBMITTED);
		if (reasons == null || reasons.isBlank() || reasons.strip().length() < 10) {
			throw new UnigovException(SharingError.REASONS_REQUIRED,
					"A refusal states its reasons (S3): say in at least a sentence why the data cannot be shared.");
		}
		RefusalCategory kind = Coded.parse(RefusalCategory.class, category)
			.filter(c -> c != RefusalCategory.NOT_SHARED)
			.orElseThrow(() -> new UnigovException(SharingError.REASONS_REQUIRED,
					"Say what kind of refusal this is: condition-not-met, beyond-scope, legal-prohibition, security or other."));
		if (kind == RefusalCategory.CONDITION_NOT_MET) {
			requirePublishedCondition(request, condition);
		}
		if (kind == RefusalCategory.LEGAL_PROHIBITION && !LegalBasis.namesLaw(reasons)) {
			throw new UnigovException(SharingError.REASONS_REQUIRED,
					"A refusal on legal grounds names the law, administrative regulation or State Council decision (S3).");
		}
		return this.decisions.reply(actor, request, RequestStatus.REFUSED, kind, reasons.strip(),
				kind == RefusalCategory.CONDITION_NOT_MET ? condition : null);
	}

	/** C4: a refusal for an unmet condition cites one the entry publishes. */
	private void requirePublishedCondition(SharingRequest request, @Nullable Integer condition) {
		CatalogEntry entry = this.catalog.get(new EntryId(request.entryId())).orElseThrow();
		List<UseCondition> published = entry.content().conditions();
		if (condition == null || condition < 0 || condition >= published.size()) {
			throw new UnigovException(SharingError.UNPUBLISHED_CONDITION, "A refusal for an unmet condition names one of the "
					+ published.size() + " conditions entry " + entry.code()
					+ " publishes; a department may not refuse on conditions of its own (C4).");
		}
	}

	/** The provider asks for more time, once, up to 10 working days, with a reason (S2). */
	public SharingRequest requestExtension(Actor actor, UUID id, int days, @Nullable String reason, long version) {
		SharingRequest request = asProvider(actor, id, version);
		RequestRules.requireStatus(request, RequestStatus.SUBMITTED);
		if (request.extensionState() != null) {
			throw new UnigovException(SharingError.EXTENSION_ALREADY_USED,
					"Request " + request.number() + " has had its one extension request (S2).");
		}
		if (days < 1 || days > RequestRules.MAX_EXTENSION_DAYS) {
			throw new UnigovException(SharingError.EXTENSION_TOO_LONG,
					"An extension is at most " + RequestRules.MAX_EXTENSION_DAYS + " working days (S2).");
		}
		if (reason == null || reason.isBlank()) {
			throw new UnigovException(SharingError.REASONS_REQUIRED, "Say why the reply needs more time.");
		}
		if (this.calendar.today().isAfter(request.replyDue())) {
			throw new UnigovException(SharingError.WRONG_STATE, "The reply was due on " + request.replyDue()
					+ "; an extension is asked for before the deadline (S2).");
		}
		SharingRequest asked = this.requests.requestExtension(id, days, reason.strip());
		audit(actor, "request.extension.requested", request,
				Map.of("number", request.number(), "days", days, "reason", reason.strip()));
		return asked;
	}

	/** The coordinator of the provider's level approves or rejects the extension; the requester sees it (S2). */
	public SharingRequest decideExtension(Actor actor, UUID id, boolean approve, long version) {
		SharingRequest request = this.requests.visible(actor, id);
		if (!RequestRules.coordinates(actor, request.providerDivision())) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST,
					"Extensions are decided by the coordinator of the provider's level (S2).");
		}
		this.requests.lock(request, version);
		if (!"requested".equals(request.extensionState()) || request.extensionRequested() == null) {
			throw new UnigovException(SharingError.WRONG_STATE, "No extension is awaiting a decision.");
		}
		RequestRules.requireStatus(request, RequestStatus.SUBMITTED);
		int days = request.extensionRequested();
		Deadline due = approve ? this.calendar.addWorkingDays(request.clockStart(), request.replyDays() + days)
				: new Deadline(request.replyDue(), request.replyProvisional());
		SharingRequest decided = this.requests.decideExtension(id, approve ? "approved" : "rejected", approve ? days : 0,
				due);
		audit(actor, approve ? "request.extension.approved" : "request.extension.rejected", request,
				Map.of("number", request.number(), "days", days, "replyDue", due.due().toString()));
		return decided;
	}

	/** The provider records that the approved data was delivered (S5). */
	public SharingRequest deliver(Actor actor, UUID id, @Nullable String method, @Nullable String note, long version) {
		SharingRequest request = asProvider(actor, id, version);
		RequestRules.requireStatus(request, RequestStatus.APPROVED);
		if (request.deliveredAt() != null) {
			throw new UnigovException(SharingError.WRONG_STATE, "Delivery of " + request.number() + " is recorded already.");
		}
		SharingMethod how = Coded.parse(SharingMethod.class, method)
			.orElseThrow(() -> new UnigovException(SharingError.INVALID_REQUEST,
					"Say how the data was delivered: api, batch or file-download."));
		LocalDate today = this.calendar.today();
		SharingRequest delivered = this.requests.deliver(id, today, how.code(),
				note == null || note.isBlank() ? null : note.strip());
		audit(actor, "request.delivered", request, Map.of("number", request.number(), "method", how.code(), "inTime",
				request.deliveryDue() == null || !today.isAfter(request.deliveryDue())));
		return delivered;
	}

	private SharingRequest asProvider(Actor actor, UUID id, long version) {
		SharingRequest request = this.requests.visible(actor, id);
		if (!RequestRules.actsFor(actor, request.providerAgencyId())) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST,
					"Only the providing agency replies to request " + request.number() + ".");
		}
		this.requests.lock(request, version);
		return request;
	}

	private void audit(Actor actor, String action, SharingRequest request, Map<String, ?> details) {
		this.journal.append(actor, RequestRules.audited(action, request.id(), request.providerDivision(), details));
	}
}
