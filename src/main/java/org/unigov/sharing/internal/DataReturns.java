package org.unigov.sharing.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.calendar.Deadline;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.EntryId;
import org.unigov.catalog.EntryStatus;
import org.unigov.catalog.SharingMethod;
import org.unigov.catalog.SharingType;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemId;
import org.unigov.registry.SystemRegistry;
import org.unigov.registry.SystemStatus;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;
import org.unigov.sharing.SharingRequest;

/**
 * Data returned downward (S11): a higher-level provider returns its data to a lower-level agency's
 * system without waiting for a request, recorded as an approved request of kind {@code return}
 * with its grant.
 */
@Service
@Transactional
public class DataReturns {

	private final Requests requests;

	private final RequestDecisions decisions;

	private final Catalog catalog;

	private final SystemRegistry registry;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	DataReturns(Requests requests, RequestDecisions decisions, Catalog catalog, SystemRegistry registry,
			WorkingCalendar calendar, AuditJournal journal) {
		this.requests = requests;
		this.decisions = decisions;
		this.catalog = catalog;
		this.registry = registry;
		this.calendar = calendar;
		this.journal = journal;
	}

	public SharingRequest returnData(Actor actor, UUID entryId, UUID consumerSystemId, List<String> items,
			String purpose, LocalDate periodTo) {
		CatalogEntry entry = returnable(actor, entryId);
		RegisteredSystem system = below(entry, consumerSystemId);
		if (items.isEmpty() || !entry.content().itemNames().containsAll(items) || RequestRules.blank(purpose)) {
			throw RequestRules.invalid(List.of(new FieldProblem("items", "unknown_item",
					"Name the entry's items to return and the purpose.")));
		}
		LocalDate today = this.calendar.today();
		if (periodTo.isBefore(today) || periodTo.isAfter(today.plusYears(RequestRules.MAX_PERIOD_YEARS))) {
			throw RequestRules.invalid(List.of(new FieldProblem("periodTo", "period_invalid",
					"The period ends after today and within " + RequestRules.MAX_PERIOD_YEARS + " years.")));
		}
		Requests.Filing filing = new Requests.Filing(UUID.randomUUID(), this.requests.nextNumber(today.getYear()),
				"return", system.agencyId(), system.divisionCode(), system.id(), null, actor.username());
		String method = entry.content().sharingMethods().isEmpty() ? SharingMethod.API.code()
				: entry.content().sharingMethods().getFirst().code();
		Requests.Statements statements = new Requests.Statements(items, "《政务数据共享条例》（数据回流）", purpose.strip(),
				"回流至下级部门依职责使用", method, today, periodTo, "");
		SharingRequest returned = this.requests.insert(filing, entry, statements,
				new Requests.ReplyClock(today, 0, new Deadline(today, false)));
		this.journal.append(actor, RequestRules.audited("request.returned-downward", returned.id(), entry.divisionCode(),
				Map.of("number", returned.number(), "entry", entry.code(), "consumerSystem", system.id().toString(),
						"items", items)));
		return this.decisions.approve(actor, returned, null);
	}

	/** Only the provider of a published, shared entry returns its data downward. */
	private CatalogEntry returnable(Actor actor, UUID entryId) {
		CatalogEntry entry = this.catalog.visible(actor, new EntryId(entryId));
		if (!RequestRules.actsFor(actor, entry.providerAgencyId()) || entry.status() != EntryStatus.PUBLISHED) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST,
					"Only the provider of a published entry returns its data downward.");
		}
		if (entry.content().sharingType() == SharingType.NOT_SHARED) {
			throw new UnigovException(SharingError.ENTRY_NOT_REQUESTABLE, "Entry " + entry.code()
					+ " is not shared (" + entry.content().notSharedBasis() + "); it cannot be returned downward either (C3).");
		}
		return entry;
	}

	/** The consumer system must be in service below the provider's level, within its region. */
	private RegisteredSystem below(CatalogEntry entry, UUID consumerSystemId) {
		RegisteredSystem system = this.registry.get(new SystemId(consumerSystemId))
			.filter(s -> s.status() != SystemStatus.RETIRED)
			.orElseThrow(() -> RequestRules.invalid(List.of(new FieldProblem("consumerSystemId",
					"consumer_system_unknown", "There is no registered system " + consumerSystemId + " in service."))));
		String prefix = Actor.significantPrefix(entry.divisionCode());
		if (system.divisionCode().equals(entry.divisionCode()) || !system.divisionCode().startsWith(prefix)) {
			throw new UnigovException(SharingError.NOT_DOWNWARD,
					"Data is returned to agencies below the provider's level, within its region (S11).");
		}
		return system;
	}
}
