package org.unigov.sharing.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.calendar.CalendarChanged;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.shared.Actor;
import org.unigov.sharing.RequestOverdue;
import org.unigov.sharing.RequestStatus;
import org.unigov.sharing.SharingRequest;

/**
 * The statutory clocks of requests: replies and deliveries past their deadline go to the
 * coordinator of the provider's level (S5, S9), and stored deadlines follow the working calendar
 * when it changes (S4). The recompute after a calendar change is an application module listener,
 * so the event publication registry keeps it until it has run.
 */
@Service
@Transactional
public class DeadlineClock {

	private final Requests requests;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	DeadlineClock(Requests requests, WorkingCalendar calendar, AuditJournal journal, ApplicationEventPublisher events) {
		this.requests = requests;
		this.calendar = calendar;
		this.journal = journal;
		this.events = events;
	}

	/**
	 * Hands every reply and delivery past its deadline to the coordinator of the provider's level
	 * (S5, S9): marks it escalated and audits it, once. Runs on a schedule; returns how many it
	 * escalated.
	 */
	public int escalateOverdue() {
		int escalated = 0;
		for (SharingRequest request : this.requests.overdueUnescalated(this.calendar.today())) {
			boolean reply = request.status() == RequestStatus.SUBMITTED;
			if (!this.requests.markEscalated(request.id(), reply)) {
				continue; // another instance got there first
			}
			escalated++;
			LocalDate due = reply ? request.replyDue() : Objects.requireNonNull(request.deliveryDue());
			this.journal.append(Actor.SYSTEM, RequestRules.audited(
					reply ? "request.reply.overdue" : "request.delivery.overdue", request.id(), request.providerDivision(),
					Map.of("number", request.number(), "due", due.toString(), "coordinatorDivision",
							request.providerDivision())));
			this.events.publishEvent(new RequestOverdue(request.id(), request.number(), request.entryId(),
					request.providerAgencyId(), request.providerDivision(), due, !reply));
		}
		return escalated;
	}

	/**
	 * Recomputes the stored deadlines of every open request from its clock start (after a calendar
	 * change), writing only those that moved, in one statement per kind of deadline.
	 */
	public int recomputeDeadlines() {
		List<Requests.Moved> replies = this.requests.movedReplyDeadlines(this.calendar::addWorkingDays);
		List<Requests.Moved> deliveries = this.requests
			.movedDeliveryDeadlines(start -> this.calendar.addWorkingDays(start, RequestRules.DELIVERY_DAYS));
		this.requests.updateReplyDeadlines(replies);
		this.requests.updateDeliveryDeadlines(deliveries);
		return replies.size() + deliveries.size();
	}

	/** After a calendar change has committed, the stored deadlines follow it (S4). */
	@ApplicationModuleListener
	void on(CalendarChanged event) {
		this.calendar.reload();
		int moved = recomputeDeadlines();
		this.journal.append(Actor.SYSTEM, AuditRecord.of("sharing.deadlines.recomputed", "calendar-year", event.year(),
				null, Map.of("moved", moved)));
	}
}
