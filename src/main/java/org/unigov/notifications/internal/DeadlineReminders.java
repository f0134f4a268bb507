package org.unigov.notifications.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.EntryId;
import org.unigov.shared.Actor;
import org.unigov.shared.ChinaTime;
import org.unigov.shared.Role;
import org.unigov.sharing.RequestStatus;
import org.unigov.sharing.SharingDesk;
import org.unigov.sharing.SharingRequest;

/**
 * Every morning, reminds a provider's staff of replies and deliveries due within
 * {@link #DAYS_BEFORE} working days (S2, S5), once per request and deadline, before they become
 * overdue (overdue ones are told by the escalation's event).
 */
@Component
public class DeadlineReminders {

	/** How many working days before the deadline the reminder goes out. */
	public static final int DAYS_BEFORE = 2;

	/** Reads every request: the desk shows a platform admin everything. */
	private static final Actor LOOKUP = new Actor(null, "system", "Unigov", Actor.Kind.SYSTEM, null, null, null,
			Set.of(Role.PLATFORM_ADMIN));

	private final SharingDesk desk;

	private final WorkingCalendar calendar;

	private final Catalog catalog;

	private final Recipients recipients;

	private final NotificationRows rows;

	private final Notifications notifications;

	DeadlineReminders(SharingDesk desk, WorkingCalendar calendar, Catalog catalog, Recipients recipients,
			NotificationRows rows, Notifications notifications) {
		this.desk = desk;
		this.calendar = calendar;
		this.catalog = catalog;
		this.recipients = recipients;
		this.rows = rows;
		this.notifications = notifications;
	}

	@Scheduled(cron = "0 0 8 * * *", zone = ChinaTime.ID)
	void daily() {
		remind();
	}

	/** Sends the reminders due today; returns how many notifications it created. */
	@Transactional
	public int remind() {
		LocalDate today = this.calendar.today();
		int told = 0;
		told += remind(RequestStatus.SUBMITTED, "reply-due-soon", today);
		told += remind(RequestStatus.APPROVED, "delivery-due-soon", today);
		return told;
	}

	private int remind(RequestStatus status, String kind, LocalDate today) {
		int told = 0;
		Page<SharingRequest> page;
		int number = 0;
		do {
			page = this.desk.find(LOOKUP, new SharingDesk.RequestFilter(null, status, null, false, false, null),
					PageRequest.of(number++, 200));
			for (SharingRequest r : page) {
				LocalDate due = status == RequestStatus.SUBMITTED ? r.replyDue() : r.deliveryDue();
				if (due == null || (status == RequestStatus.APPROVED && !r.awaitingDelivery()) || today.isAfter(due)
						|| this.calendar.workingDaysBetween(today, due) > DAYS_BEFORE) {
					continue;
				}
				String dueText = due.toString();
				List<String> recipients = this.recipients.agencyStaff(r.providerAgencyId())
					.stream()
					.filter(who -> !this.rows.told(who, kind, r.id(), dueText))
					.toList();
				if (recipients.isEmpty()) {
					continue;
				}
				Map<String, String> params = new LinkedHashMap<>();
				params.put("ref", r.number());
				this.catalog.get(new EntryId(r.entryId())).ifPresent(entry -> {
					params.put("nameZh", entry.content().name());
					if (entry.content().nameEn() != null) {
						params.put("nameEn", entry.content().nameEn());
					}
				});
				params.put("due", dueText);
				told += this.notifications.tell(recipients, kind, "sharing-request", r.id(), params,
						"/sharing/requests/" + r.id());
			}
		}
		while (page.hasNext());
		return told;
	}
}
