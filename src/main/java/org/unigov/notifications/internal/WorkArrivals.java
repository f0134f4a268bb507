package org.unigov.notifications.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.EntryId;
import org.unigov.projects.ProjectDecided;
import org.unigov.projects.ReviewAwaited;
import org.unigov.shared.Role;
import org.unigov.sharing.DisputeRaised;
import org.unigov.sharing.DisputeTier;
import org.unigov.sharing.QualityCheckRequested;
import org.unigov.sharing.RequestAnswered;
import org.unigov.sharing.RequestOverdue;
import org.unigov.sharing.RequestReceived;

/**
 * Turns the events of the sharing and projects modules into notifications for the people who now
 * have work, or whose own request or project was decided.
 *
 * <p>Plain synchronous listeners rather than {@code @ApplicationModuleListener}: the notification
 * (and its outbox rows) is written in the very transaction that changed the request or project, so
 * neither exists without the other and nothing is lost if the process stops right after the
 * commit. What may fail on its own — e-mail, webhook — is sent later from the outbox, with retries.
 */
@Component
class WorkArrivals {

	private final Notifications notifications;

	private final Recipients recipients;

	private final Catalog catalog;

	WorkArrivals(Notifications notifications, Recipients recipients, Catalog catalog) {
		this.notifications = notifications;
		this.recipients = recipients;
		this.catalog = catalog;
	}

	@EventListener
	void on(RequestReceived event) {
		this.notifications.tell(this.recipients.agencyStaff(event.providerAgencyId()), "request-received",
				"sharing-request", event.requestId(),
				entryParams(event.number(), event.entryId(), "due", event.replyDue().toString()),
				"/sharing/requests/" + event.requestId());
	}

	@EventListener
	void on(RequestAnswered event) {
		this.notifications.tell(this.recipients.agencyStaff(event.requesterAgencyId()), "request-answered",
				"sharing-request", event.requestId(), entryParams(event.number(), event.entryId(), "result", event.status()),
				"/sharing/requests/" + event.requestId());
	}

	@EventListener
	void on(RequestOverdue event) {
		List<String> told = new ArrayList<>(this.recipients.agencyStaff(event.providerAgencyId()));
		told.addAll(this.recipients.reviewers(event.providerDivision(), Role.COORDINATOR));
		this.notifications.tell(told, event.delivery() ? "delivery-overdue" : "request-overdue", "sharing-request",
				event.requestId(), entryParams(event.number(), event.entryId(), "due", event.due().toString()),
				"/sharing/requests/" + event.requestId());
	}

	/** S8: the provider's staff are told a consumer asked them to verify an entry's data. */
	@EventListener
	void on(QualityCheckRequested event) {
		Map<String, String> params = entryParams(event.entryCode(), event.entryId(), "due", event.due().toString());
		this.notifications.tell(this.recipients.agencyStaff(event.providerAgencyId()), "quality-check-requested",
				"quality-check", event.checkId(), params, "/catalog/entries/" + event.entryId());
	}

	/**
	 * S9: a dispute opened is the provider's to negotiate; one taken up a tier is the coordinators'
	 * of the division that decides it (at the government tier they record the government's decision).
	 */
	@EventListener
	void on(DisputeRaised event) {
		List<String> told = event.tier() == DisputeTier.NEGOTIATION ? this.recipients.agencyStaff(event.providerAgencyId())
				: this.recipients.reviewers(event.coordinatorDivision(), Role.COORDINATOR);
		this.notifications.tell(told, event.tier() == DisputeTier.NEGOTIATION ? "dispute-opened" : "dispute-escalated",
				"sharing-request", event.requestId(),
				entryParams(event.number(), event.entryId(), "result", "tier." + event.tier().code()),
				"/sharing/requests/" + event.requestId());
	}

	@EventListener
	void on(ReviewAwaited event) {
		Role role = "budget".equals(event.kind()) ? Role.AUDITOR : Role.COORDINATOR;
		Map<String, String> params = new LinkedHashMap<>();
		params.put("ref", event.code());
		params.put("nameZh", event.name());
		params.put("due", event.due().toString());
		this.notifications.tell(this.recipients.reviewers(event.divisionCode(), role), "review-awaited", "project",
				event.projectId(), params, "/projects/" + event.projectId());
	}

	@EventListener
	void on(ProjectDecided event) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("ref", event.code());
		params.put("nameZh", event.name());
		params.put("result", event.result());
		this.notifications.tell(this.recipients.agencyStaff(event.agencyId()), "project-decided", "project",
				event.projectId(), params, "/projects/" + event.projectId());
	}

	/** The request's number and its entry's names, plus one more parameter. */
	private Map<String, String> entryParams(String number, UUID entryId, String key, String value) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("ref", number);
		CatalogEntry entry = this.catalog.get(new EntryId(entryId)).orElse(null);
		params.put("nameZh", entry == null ? "" : entry.content().name());
		if (entry != null && entry.content().nameEn() != null) {
			params.put("nameEn", entry.content().nameEn());
		}
		params.put(key, value);
		return params;
	}
}
