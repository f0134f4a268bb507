package org.unigov.sharing.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.EntryId;
import org.unigov.catalog.EntryStatus;
import org.unigov.catalog.SharingMethod;
import org.unigov.catalog.SharingType;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemId;
import org.unigov.registry.SystemRegistry;
import org.unigov.registry.SystemStatus;
import org.unigov.shared.Actor;
import org.unigov.shared.Coded;
import org.unigov.shared.Role;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;
import org.unigov.sharing.Grant;
import org.unigov.sharing.GrantId;
import org.unigov.sharing.GrantStatus;
import org.unigov.sharing.RefusalCategory;
import org.unigov.sharing.RequestInput;
import org.unigov.sharing.RequestReceived;
import org.unigov.sharing.RequestStatus;
import org.unigov.sharing.SharingRequest;

/**
 * The requester's side of a request: filing through the published catalog (S1), supplementing what
 * a notice listed (S3) and withdrawing. Every missing statutory statement is listed in one answer;
 * the entry's sharing type then decides: unconditional is granted at once, not-shared refused at
 * once citing the entry's basis, conditional goes to the provider with its clock (S2).
 */
@Service
@Transactional
public class RequestFiling {

	private final Requests requests;

	private final RequestDecisions decisions;

	private final Catalog catalog;

	private final SystemRegistry registry;

	private final GrantDesk grants;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	RequestFiling(Requests requests, RequestDecisions decisions, Catalog catalog, SystemRegistry registry, GrantDesk grants,
			WorkingCalendar calendar, AuditJournal journal, ApplicationEventPublisher events) {
		this.requests = requests;
		this.decisions = decisions;
		this.catalog = catalog;
		this.registry = registry;
		this.grants = grants;
		this.calendar = calendar;
		this.journal = journal;
		this.events = events;
	}

	/** Files a request and lets the entry's sharing type decide it (S1, S2, S3). */
	public SharingRequest file(Actor actor, RequestInput input) {
		UUID requester = actor.agencyId();
		if (requester == null || !actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF)) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST,
					"Requests are filed by the staff of the agency that will use the data.");
		}
		CatalogEntry entry = requestable(actor, input.entryId(), requester);
		List<FieldProblem> problems = new ArrayList<>(consumerProblems(input.consumerSystemId(), requester));
		Grant renewed = renewed(input, entry, requester, problems);
		if (entry.content().sharingType() != SharingType.NOT_SHARED) {
			problems.addAll(statementProblems(input, entry));
		}
		if (!problems.isEmpty()) {
			throw RequestRules.invalid(problems);
		}
		SharingRequest filed = insert(actor, input, entry, renewed != null);
		return decide(filed, entry);
	}

	/** The entry asked for: visible, published, and not the requester's own (S1). */
	private CatalogEntry requestable(Actor actor, UUID entryId, UUID requester) {
		CatalogEntry entry = this.catalog.get(new EntryId(entryId))
			.filter(e -> Catalog.isVisible(actor, e))
			.orElseThrow(() -> UnigovException.notFound(CatalogError.ENTRY_NOT_FOUND, "Catalog entry", entryId));
		if (entry.status() != EntryStatus.PUBLISHED || entry.publishedRevision() == null) {
			throw new UnigovException(SharingError.ENTRY_NOT_REQUESTABLE,
					"Requests go through the published catalog (S1); entry " + entry.code() + " is " + entry.status().code() + ".");
		}
		if (entry.providerAgencyId().equals(requester)) {
			throw new UnigovException(SharingError.ENTRY_NOT_REQUESTABLE, "Your agency provides entry " + entry.code()
					+ " itself; there is nothing to request.");
		}
		return entry;
	}

	/** The consumer system must be one of the requester's registered systems in service. */
	private List<FieldProblem> consumerProblems(UUID systemId, UUID requester) {
		RegisteredSystem system = this.registry.get(new SystemId(systemId)).orElse(null);
		if (system == null || !system.agencyId().equals(requester)) {
			return List.of(new FieldProblem("consumerSystemId", "consumer_system_unknown",
					"The consumer system must be one of your agency's registered systems."));
		}
		if (system.status() == SystemStatus.RETIRED) {
			return List.of(new FieldProblem("consumerSystemId", "consumer_system_retired",
					"The consumer system is retired."));
		}
		return List.of();
	}

	/** The grant a renewal names, if valid; what is wrong with it goes to {@code problems}. */
	private @Nullable Grant renewed(RequestInput input, CatalogEntry entry, UUID requester, List<FieldProblem> problems) {
		if (input.renewsGrantId() == null) {
			return null;
		}
		Grant renewed = this.grants.get(new GrantId(input.renewsGrantId()))
			.filter(g -> g.consumerAgencyId().equals(requester) && g.entryId().equals(entry.id()))
			.orElse(null);
		if (renewed == null) {
			problems.add(new FieldProblem("renewsGrantId", "grant_unknown",
					"A renewal names a grant of your agency on the same entry."));
		}
		else if (renewed.status() == GrantStatus.ENDED) {
			problems.add(new FieldProblem("renewsGrantId", "grant_ended",
					"An ended grant cannot be renewed; file a new request."));
		}
		else if (!renewed.consumerSystemId().equals(input.consumerSystemId())) {
			problems.add(new FieldProblem("consumerSystemId", "renewal_system_differs",
					"A renewal keeps the grant's consumer system; file a new request for another system."));
		}
		return renewed;
	}

	/** Writes the request with its reply clock and audits the filing. */
	private SharingRequest insert(Actor actor, RequestInput input, CatalogEntry entry, boolean renewal) {
		LocalDate today = this.calendar.today();
		SharingType type = entry.content().sharingType();
		int replyDays = type == SharingType.CONDITIONAL ? RequestRules.REPLY_DAYS : RequestRules.UNCONDITIONAL_REPLY_DAYS;
		Deadline due = this.calendar.addWorkingDays(today, replyDays);
		String division = Objects.requireNonNull(actor.divisionCode());
		Requests.Filing filing = new Requests.Filing(UUID.randomUUID(), this.requests.nextNumber(today.getYear()),
				renewal ? "renewal" : "request", Objects.requireNonNull(actor.agencyId()), division,
				input.consumerSystemId(), input.renewsGrantId(), actor.username());
		SharingRequest filed = this.requests.insert(filing, entry, statements(input, entry, today),
				new Requests.ReplyClock(today, replyDays, due));
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("number", filed.number());
		details.put("entry", entry.code());
		details.put("sharingType", type.code());
		details.put("provider", entry.providerCode());
		details.put("consumerSystem", input.consumerSystemId().toString());
		details.put("items", filed.items());
		details.put("replyDue", due.due().toString());
		this.journal.append(actor, RequestRules.audited("request.filed", filed.id(), division, details));
		return filed;
	}

	/** The statements as stored; a request for a not-shared entry may leave them out. */
	private static Requests.Statements statements(RequestInput input, CatalogEntry entry, LocalDate today) {
		List<String> items = input.items() == null || input.items().isEmpty() ? entry.content().itemNames()
				: input.items().stream().map(String::strip).distinct().toList();
		String method = input.sharingMethod() == null ? ""
				: Coded.parse(SharingMethod.class, input.sharingMethod())
					.map(SharingMethod::code)
					.orElse(input.sharingMethod());
		return new Requests.Statements(items, RequestRules.text(input.legalBasis()), RequestRules.text(input.useCase()),
				RequestRules.text(input.useScope()), method, input.periodFrom() == null ? today : input.periodFrom(),
				input.periodTo() == null ? today : input.periodTo(), RequestRules.text(input.expectedVolume()));
	}

	/** The entry's rule decides: not shared is refused (S3), unconditional granted (S2), else the provider replies. */
	private SharingRequest decide(SharingRequest filed, CatalogEntry entry) {
		SharingType type = entry.content().sharingType();
		if (type == SharingType.NOT_SHARED) {
			// S3: refused by the rule, citing the entry's reason and basis
			String reasons = entry.content().notSharedReason() + " (" + entry.content().notSharedBasis() + ")";
			return this.decisions.reply(Actor.SYSTEM, filed, RequestStatus.REFUSED, RefusalCategory.NOT_SHARED, reasons,
					null);
		}
		if (type == SharingType.UNCONDITIONAL) {
			// S2: unconditional sharing is granted at once
			return this.decisions.approve(Actor.SYSTEM, filed, null);
		}
		this.events.publishEvent(new RequestReceived(filed.id(), filed.number(), entry.id(), entry.providerAgencyId(),
				filed.requesterAgencyId(), filed.replyDue()));
		return filed;
	}

	/** The statutory statements of S1 and their consistency with the entry. */
	private List<FieldProblem> statementProblems(RequestInput in, CatalogEntry entry) {
		List<FieldProblem> problems = new ArrayList<>();
		if (RequestRules.blank(in.legalBasis())) {
			problems.add(new FieldProblem("legalBasis", "missing", "State the legal basis for using the data (S1)."));
		}
		if (RequestRules.blank(in.useCase())) {
			problems.add(new FieldProblem("useCase", "missing", "Describe the use case (S1)."));
		}
		if (RequestRules.blank(in.useScope())) {
			problems.add(new FieldProblem("useScope", "missing", "State the scope of use (S1)."));
		}
		methodProblem(in.sharingMethod(), entry).ifPresent(problems::add);
		problems.addAll(periodProblems(in.periodFrom(), in.periodTo()));
		if (RequestRules.blank(in.expectedVolume())) {
			problems.add(new FieldProblem("expectedVolume", "missing", "Estimate the expected volume (calls or records)."));
		}
		problems.addAll(itemProblems(in.items(), entry));
		return problems;
	}

	private static Optional<FieldProblem> methodProblem(@Nullable String sharingMethod, CatalogEntry entry) {
		if (RequestRules.blank(sharingMethod)) {
			return Optional.of(new FieldProblem("sharingMethod", "missing", "Choose a sharing method (S1)."));
		}
		Optional<SharingMethod> method = Coded.parse(SharingMethod.class, sharingMethod);
		if (method.isEmpty() || !entry.content().sharingMethods().contains(method.get())) {
			return Optional.of(new FieldProblem("sharingMethod", "method_not_offered", "Entry " + entry.code()
					+ " is shared by " + String.join(", ",
							entry.content().sharingMethods().stream().map(SharingMethod::code).toList()) + "."));
		}
		return Optional.empty();
	}

	private List<FieldProblem> periodProblems(@Nullable LocalDate from, @Nullable LocalDate to) {
		if (from == null || to == null) {
			return List.of(new FieldProblem("periodTo", "missing", "State the period of use: from and to (S1)."));
		}
		List<FieldProblem> problems = new ArrayList<>();
		if (to.isBefore(from)) {
			problems.add(new FieldProblem("periodTo", "period_reversed", "The period of use ends before it starts."));
		}
		if (to.isBefore(this.calendar.today())) {
			problems.add(new FieldProblem("periodTo", "period_past", "The period of use is over already."));
		}
		if (to.isAfter(from.plusYears(RequestRules.MAX_PERIOD_YEARS))) {
			problems.add(new FieldProblem("periodTo", "period_too_long", "A period of use is at most "
					+ RequestRules.MAX_PERIOD_YEARS + " years; renew the grant after that."));
		}
		return problems;
	}

	private static List<FieldProblem> itemProblems(@Nullable List<String> items, CatalogEntry entry) {
		if (items == null || items.isEmpty()) {
			return List.of(new FieldProblem("items", "missing", "List the data items you need, a subset of the entry's."));
		}
		List<String> offered = entry.content().itemNames();
		List<FieldProblem> problems = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			if (!offered.contains(items.get(i).strip())) {
				problems.add(new FieldProblem("items[" + i + "]", "unknown_item",
						"Entry " + entry.code() + " has no item " + items.get(i) + "."));
			}
		}
		return problems;
	}

	/** The requester supplies what the notice listed; the reply clock starts again (S3). */
	public SharingRequest supplement(Actor actor, UUID id, RequestInput input, long version) {
		SharingRequest request = asRequester(actor, id, version, "supplements");
		RequestRules.requireStatus(request, RequestStatus.INCOMPLETE);
		CatalogEntry entry = this.catalog.get(new EntryId(request.entryId())).orElseThrow();
		if (!input.entryId().equals(request.entryId()) || !input.consumerSystemId().equals(request.consumerSystemId())) {
			throw RequestRules.invalid(List.of(new FieldProblem("entryId", "fixed",
					"A supplement keeps the entry and consumer system; withdraw and file anew to change them.")));
		}
		List<FieldProblem> problems = statementProblems(input, entry);
		if (!problems.isEmpty()) {
			throw RequestRules.invalid(problems);
		}
		LocalDate today = this.calendar.today();
		int days = request.replyDays() + request.extensionDays();
		Deadline due = this.calendar.addWorkingDays(today, days);
		SharingRequest supplemented = this.requests.supplement(id, statements(input, entry, today),
				new Requests.ReplyClock(today, days, due));
		this.journal.append(actor, RequestRules.audited("request.supplemented", id, request.requesterDivision(),
				Map.of("number", request.number(), "replyDue", due.due().toString())));
		this.events.publishEvent(new RequestReceived(id, request.number(), request.entryId(), request.providerAgencyId(),
				request.requesterAgencyId(), due.due()));
		return supplemented;
	}

	/** The requester withdraws a request not yet answered. */
	public SharingRequest withdraw(Actor actor, UUID id, long version) {
		SharingRequest request = asRequester(actor, id, version, "withdraws");
		if (request.status() != RequestStatus.SUBMITTED && request.status() != RequestStatus.INCOMPLETE) {
			throw new UnigovException(SharingError.WRONG_STATE, "Only an unanswered request can be withdrawn.");
		}
		SharingRequest withdrawn = this.requests.withdraw(id);
		this.journal.append(actor, RequestRules.audited("request.withdrawn", id, request.requesterDivision(),
				Map.of("number", request.number())));
		return withdrawn;
	}

	private SharingRequest asRequester(Actor actor, UUID id, long version, String verb) {
		SharingRequest request = this.requests.visible(actor, id);
		if (!RequestRules.actsFor(actor, request.requesterAgencyId())) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST,
					"Only the requesting agency " + verb + " its request.");
		}
		this.requests.lock(request, version);
		return request;
	}
}
