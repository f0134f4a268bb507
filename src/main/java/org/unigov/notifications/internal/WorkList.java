package org.unigov.notifications.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.organization.Agency;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.projects.ProjectReviews;
import org.unigov.projects.ReviewStep;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.sharing.Dispute;
import org.unigov.sharing.Disputes;
import org.unigov.sharing.QualityCheck;
import org.unigov.sharing.QualityChecks;
import org.unigov.sharing.QualityStatus;
import org.unigov.sharing.RequestId;
import org.unigov.sharing.RequestStatus;
import org.unigov.sharing.SharingDesk;
import org.unigov.sharing.SharingRequest;

/**
 * The to-do list of the home page: what waits for the signed-in person's decision or action,
 * gathered through the public APIs of the catalog, sharing and projects modules (never their
 * tables), overdue first, then by due date. Agency staff see requests to answer or deliver,
 * incompleteness notices to supplement, quality checks to answer and catalog updates owed;
 * coordinators see catalog entries, projects and disputes awaiting them and overdue requests in
 * their scope; auditors see budget reviews.
 */
@Service
@Transactional(readOnly = true)
public class WorkList {

	/** The most items of one kind gathered (the list links to the full pages). */
	static final int PER_KIND = 100;

	private final SharingDesk desk;

	private final QualityChecks checks;

	private final Disputes disputes;

	private final ProjectReviews reviews;

	private final Catalog catalog;

	private final OrganizationDirectory directory;

	private final WorkingCalendar calendar;

	WorkList(SharingDesk desk, QualityChecks checks, Disputes disputes, ProjectReviews reviews, Catalog catalog,
			OrganizationDirectory directory, WorkingCalendar calendar) {
		this.desk = desk;
		this.checks = checks;
		this.disputes = disputes;
		this.reviews = reviews;
		this.catalog = catalog;
		this.directory = directory;
		this.calendar = calendar;
	}

	/** Everything waiting for {@code actor}, overdue first, then soonest due, then undated. */
	public List<WorkItem> of(Actor actor, Locale locale) {
		if (actor.kind() != Actor.Kind.STAFF) {
			return List.of();
		}
		LocalDate today = this.calendar.today();
		List<WorkItem> items = new ArrayList<>();
		boolean agency = actor.agencyId() != null && actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF);
		if (agency) {
			agencyWork(actor, locale, today, items);
		}
		if (actor.has(Role.COORDINATOR)) {
			for (CatalogEntry entry : this.catalog
				.find(actor, new Catalog.EntryFilter(null, null, null, true, false), PageRequest.of(0, PER_KIND))) {
				items.add(new WorkItem("catalog-review", entry.code(), entry.content().name(locale),
						entry.providerName(locale), "/catalog/entries/" + entry.id(), null, false));
			}
			List<SharingRequest> late = this.desk
				.find(actor, new SharingDesk.RequestFilter(null, null, null, true, true, null), PageRequest.of(0, PER_KIND))
				.getContent();
			Map<UUID, CatalogEntry> entries = entries(late.stream().map(SharingRequest::entryId).toList());
			Map<UUID, Agency> agencies = agencies(late.stream().map(SharingRequest::providerAgencyId).toList());
			for (SharingRequest r : late) {
				LocalDate due = r.status() == RequestStatus.SUBMITTED ? r.replyDue() : r.deliveryDue();
				items.add(new WorkItem("overdue-request", r.number(), entryName(entries, r.entryId(), locale),
						agencyName(agencies, r.providerAgencyId(), locale), "/sharing/requests/" + r.id(), due, true));
			}
		}
		if (actor.hasAny(Role.COORDINATOR, Role.PLATFORM_ADMIN)) {
			List<Dispute> open = this.disputes.awaiting(actor);
			Map<UUID, SharingRequest> requests = this.desk.get(open.stream().map(d -> new RequestId(d.requestId())).toList())
				.stream()
				.collect(Collectors.toMap(SharingRequest::id, Function.identity()));
			Map<UUID, CatalogEntry> entries = entries(requests.values().stream().map(SharingRequest::entryId).toList());
			for (Dispute dispute : open.stream().limit(PER_KIND).toList()) {
				SharingRequest r = requests.get(dispute.requestId());
				if (r != null) {
					items.add(new WorkItem("dispute", r.number(), entryName(entries, r.entryId(), locale), null,
							"/sharing/requests/" + r.id(), null, false));
				}
			}
		}
		if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR)) {
			for (ProjectReviews.QueueItem item : this.reviews.queue(actor, false, PageRequest.of(0, PER_KIND))) {
				items.add(new WorkItem(item.step().kind() == ReviewStep.Kind.BUDGET ? "budget-review" : "project-review",
						item.code(), item.name(), null, "/projects/" + item.projectId(), item.step().due(), item.overdue()));
			}
		}
		items.sort(Comparator.comparing(WorkItem::overdue)
			.reversed()
			.thenComparing(WorkItem::due, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(WorkItem::ref));
		return items;
	}

	private void agencyWork(Actor actor, Locale locale, LocalDate today, List<WorkItem> items) {
		UUID mine = Objects.requireNonNull(actor.agencyId());
		List<SharingRequest> received = new ArrayList<>();
		received.addAll(requests(actor, "received", RequestStatus.SUBMITTED));
		received.addAll(requests(actor, "received", RequestStatus.APPROVED).stream()
			.filter(SharingRequest::awaitingDelivery)
			.toList());
		List<SharingRequest> incomplete = requests(actor, "made", RequestStatus.INCOMPLETE);
		List<QualityCheck> toAnswer = this.checks.forAgency(actor)
			.stream()
			.filter(c -> c.status() == QualityStatus.OPEN && c.providerAgencyId().equals(mine))
			.limit(PER_KIND)
			.toList();
		Set<UUID> entryIds = new HashSet<>();
		Set<UUID> agencyIds = new HashSet<>();
		received.forEach(r -> {
			entryIds.add(r.entryId());
			agencyIds.add(r.requesterAgencyId());
		});
		incomplete.forEach(r -> {
			entryIds.add(r.entryId());
			agencyIds.add(r.providerAgencyId());
		});
		toAnswer.forEach(c -> {
			entryIds.add(c.entryId());
			agencyIds.add(c.requesterAgencyId());
		});
		Map<UUID, CatalogEntry> entries = entries(entryIds);
		Map<UUID, Agency> agencies = agencies(agencyIds);
		for (SharingRequest r : received) {
			boolean reply = r.status() == RequestStatus.SUBMITTED;
			LocalDate due = reply ? r.replyDue() : r.deliveryDue();
			items.add(new WorkItem(reply ? "reply" : "deliver", r.number(), entryName(entries, r.entryId(), locale),
					agencyName(agencies, r.requesterAgencyId(), locale), "/sharing/requests/" + r.id(), due,
					due != null && today.isAfter(due)));
		}
		for (SharingRequest r : incomplete) {
			items.add(new WorkItem("supplement", r.number(), entryName(entries, r.entryId(), locale),
					agencyName(agencies, r.providerAgencyId(), locale), "/sharing/requests/" + r.id(), null, false));
		}
		for (QualityCheck c : toAnswer) {
			items.add(new WorkItem("quality-check", c.entryCode(), entryName(entries, c.entryId(), locale),
					agencyName(agencies, c.requesterAgencyId(), locale), "/catalog/entries/" + c.entryId(), c.due(),
					today.isAfter(c.due())));
		}
		for (CatalogEntry entry : this.catalog
			.find(actor, new Catalog.EntryFilter(mine, null, null, false, true), PageRequest.of(0, PER_KIND))) {
			LocalDate due = entry.updateDue();
			items.add(new WorkItem("catalog-update", entry.code(), entry.content().name(locale), null,
					"/catalog/entries/" + entry.id(), due, due != null && today.isAfter(due)));
		}
	}

	private List<SharingRequest> requests(Actor actor, String role, RequestStatus status) {
		return this.desk
			.find(actor, new SharingDesk.RequestFilter(role, status, null, false, false, null), PageRequest.of(0, PER_KIND))
			.getContent();
	}

	private Map<UUID, CatalogEntry> entries(Collection<UUID> ids) {
		return this.catalog.get(new HashSet<>(ids))
			.stream()
			.collect(Collectors.toMap(CatalogEntry::id, Function.identity(), (a, b) -> a));
	}

	private Map<UUID, Agency> agencies(Collection<UUID> ids) {
		return this.directory.agencies(new HashSet<>(ids));
	}

	private static String entryName(Map<UUID, CatalogEntry> entries, UUID id, Locale locale) {
		CatalogEntry entry = entries.get(id);
		return entry == null ? "" : entry.content().name(locale);
	}

	private static @Nullable String agencyName(Map<UUID, Agency> agencies, UUID id, Locale locale) {
		Agency agency = agencies.get(id);
		return agency == null ? null : agency.name(locale);
	}
}
