package org.unigov.sharing;

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
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.calendar.CalendarChanged;
import org.unigov.calendar.Deadline;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.EntryId;
import org.unigov.catalog.EntryStatus;
import org.unigov.catalog.SharingMethod;
import org.unigov.catalog.SharingType;
import org.unigov.catalog.UseCondition;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemRegistry;
import org.unigov.registry.SystemStatus;
import org.unigov.shared.Actor;
import org.unigov.shared.Coded;
import org.unigov.shared.Role;
import org.unigov.shared.jdbc.Queries;
import org.unigov.shared.jdbc.Where;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sharing desk: requests through the published catalog (S1), decided by the rule the entry
 * carries rather than by who asks. Unconditional entries are granted at once and not-shared ones
 * refused at once, citing the entry's basis (S2, S3); conditional ones go to the provider with a
 * clock of 10 working days, which the coordinator may extend once by up to 10 (S2). The provider
 * may send one notice listing everything missing (S3), must give reasons to refuse (S3) and may
 * only cite conditions the entry publishes (C4). Approved data is delivered within 20 working days
 * (S5). An unanswered request or undelivered data past its deadline is handed to the coordinator
 * by itself.
 *
 * <p>Who may do what: the requesting agency's admins and staff file, supplement and withdraw; the
 * providing agency's admins and staff reply and record delivery; the coordinator of the provider's
 * division decides extensions. Requests are visible to both agencies and to coordinators and
 * auditors over either. Every change is audited.
 */
@Service
@Transactional
public class SharingDesk {

	/** S2: working days to reply to a request for a conditional entry. */
	public static final int REPLY_DAYS = 10;

	/** S2: working days for an unconditional entry (Unigov grants at once). */
	public static final int UNCONDITIONAL_REPLY_DAYS = 1;

	/** S2: the longest extension, granted once. */
	public static final int MAX_EXTENSION_DAYS = 10;

	/** S5: working days to deliver approved data. */
	public static final int DELIVERY_DAYS = 20;

	/** The longest period of use a request may ask for before it must be renewed. */
	public static final int MAX_PERIOD_YEARS = 5;

	private final JdbcClient jdbc;

	private final Catalog catalog;

	private final SystemRegistry registry;

	private final WorkingCalendar calendar;

	private final Grants grants;

	private final AuditJournal journal;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	SharingDesk(JdbcClient jdbc, Catalog catalog, SystemRegistry registry, WorkingCalendar calendar, Grants grants,
			AuditJournal journal, JsonMapper json, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.catalog = catalog;
		this.registry = registry;
		this.calendar = calendar;
		this.grants = grants;
		this.journal = journal;
		this.json = json;
		this.events = events;
	}

	/** What a list of requests is narrowed to. */
	public record RequestFilter(@Nullable String role, @Nullable RequestStatus status, @Nullable UUID agencyId,
			boolean overdue, boolean escalated, @Nullable UUID entryId) {
	}

	// ---- reading ------------------------------------------------------------------------------

	public static boolean canRead(Actor actor) {
		return Catalog.canRead(actor);
	}

	public static boolean isVisible(Actor actor, SharingRequest r) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return true;
		}
		if (actor.hasAny(Role.COORDINATOR, Role.AUDITOR)
				&& (actor.covers(r.requesterDivision()) || actor.covers(r.providerDivision()))) {
			return true;
		}
		return actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF)
				&& (r.requesterAgencyId().equals(actor.agencyId()) || r.providerAgencyId().equals(actor.agencyId()));
	}

	static boolean actsFor(Actor actor, UUID agencyId) {
		return actor.has(Role.PLATFORM_ADMIN)
				|| actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF) && agencyId.equals(actor.agencyId());
	}

	/** The coordinator of the provider's level decides extensions (S2). */
	static boolean coordinates(Actor actor, String division) {
		return actor.has(Role.PLATFORM_ADMIN) || actor.has(Role.COORDINATOR) && division.equals(actor.divisionCode());
	}

	@Transactional(readOnly = true)
	public Optional<SharingRequest> get(UUID id) {
		return this.jdbc.sql("select * from shr_request where id = ?")
			.param(id)
			.query((rs, n) -> Rows.request(rs, this.json))
			.optional();
	}

	@Transactional(readOnly = true)
	public List<SharingRequest> get(java.util.Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select * from shr_request where id = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query((rs, n) -> Rows.request(rs, this.json))
			.list();
	}

	@Transactional(readOnly = true)
	public SharingRequest visible(Actor actor, UUID id) {
		return get(id).filter(r -> isVisible(actor, r))
			.orElseThrow(() -> UnigovException.notFound(SharingError.REQUEST_NOT_FOUND, "Sharing request", id));
	}

	/**
	 * Requests the actor may see. {@code role} narrows to those the actor's agency made
	 * ({@code made}) or received ({@code received}); {@code overdue} to replies or deliveries past
	 * their deadline; {@code escalated} to those handed to the coordinator.
	 */
	@Transactional(readOnly = true)
	public Page<SharingRequest> find(Actor actor, RequestFilter filter, Pageable pageable) {
		UUID agency = actor.agencyId();
		LocalDate today = this.calendar.today();
		Where where = Where.start()
			.visibleTo(actor, null, List.of("requester_division", "provider_division"),
					List.of("requester_agency_id", "provider_agency_id"))
			.andIf("made".equals(filter.role()) && agency != null, "requester_agency_id = ?", agency)
			.andIf("received".equals(filter.role()) && agency != null, "provider_agency_id = ?", agency)
			.andIf(filter.agencyId() != null, "requester_agency_id = ? or provider_agency_id = ?", filter.agencyId(),
					filter.agencyId())
			.andIf(filter.entryId() != null, "entry_id = ?", filter.entryId())
			.andIf(filter.status() != null, "status = ?", filter.status() == null ? null : filter.status().code())
			.andIf(filter.overdue(),
					"(status = 'submitted' and reply_due < ?) or (status = 'approved' and delivered_at is null and delivery_due < ?)",
					today, today)
			.andIf(filter.escalated(), "escalated_at is not null or delivery_escalated_at is not null");
		String order = filter.overdue() ? "reply_due, number" : "filed_at desc, number desc";
		return Queries.page(this.jdbc, "shr_request", where.sql(), where.params(), order,
				(rs, n) -> Rows.request(rs, this.json), pageable);
	}

	// ---- filing (S1) ----------------------------------------------------------------------------

	/**
	 * Files a request. Every missing statutory statement is listed in one answer (S1, S3); the
	 * entry's sharing type then decides: unconditional is granted at once, not-shared refused at
	 * once citing the entry's basis, conditional goes to the provider with its clock.
	 */
	public SharingRequest file(Actor actor, RequestInput input) {
		UUID requester = actor.agencyId();
		if (requester == null || !actor.hasAny(Role.AGENCY_ADMIN, Role.AGENCY_STAFF)) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST,
					"Requests are filed by the staff of the agency that will use the data.");
		}
		CatalogEntry entry = this.catalog.get(new EntryId(input.entryId()))
			.filter(e -> Catalog.isVisible(actor, e))
			.orElseThrow(() -> UnigovException.notFound(org.unigov.catalog.CatalogError.ENTRY_NOT_FOUND, "Catalog entry", input.entryId()));
		if (entry.status() != EntryStatus.PUBLISHED || entry.publishedRevision() == null) {
			throw new UnigovException(SharingError.ENTRY_NOT_REQUESTABLE,
					"Requests go through the published catalog (S1); entry " + entry.code() + " is " + entry.status().code() + ".");
		}
		if (entry.providerAgencyId().equals(requester)) {
			throw new UnigovException(SharingError.ENTRY_NOT_REQUESTABLE, "Your agency provides entry " + entry.code()
					+ " itself; there is nothing to request.");
		}
		List<FieldProblem> problems = new ArrayList<>();
		RegisteredSystem system = this.registry.get(input.consumerSystemId()).orElse(null);
		if (system == null || !system.agencyId().equals(requester)) {
			problems.add(new FieldProblem("consumerSystemId", "consumer_system_unknown",
					"The consumer system must be one of your agency's registered systems."));
		}
		else if (system.status() == SystemStatus.RETIRED) {
			problems.add(new FieldProblem("consumerSystemId", "consumer_system_retired",
					"The consumer system is retired."));
		}
		Grant renewed = null;
		if (input.renewsGrantId() != null) {
			renewed = this.grants.get(input.renewsGrantId())
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
		}
		if (entry.content().sharingType() != SharingType.NOT_SHARED) {
			problems.addAll(statements(input, entry));
		}
		if (!problems.isEmpty()) {
			throw invalid(problems);
		}
		UUID id = UUID.randomUUID();
		String number = "GX" + this.calendar.today().getYear() + "-"
				+ String.format("%06d", this.jdbc.sql("select nextval('shr_request_number')").query(Long.class).single());
		LocalDate today = this.calendar.today();
		SharingType type = entry.content().sharingType();
		int replyDays = type == SharingType.CONDITIONAL ? REPLY_DAYS : UNCONDITIONAL_REPLY_DAYS;
		Deadline due = this.calendar.addWorkingDays(today, replyDays);
		List<String> items = input.items() == null || input.items().isEmpty() ? entry.content().itemNames()
				: input.items().stream().map(String::strip).distinct().toList();
		LocalDate from = input.periodFrom() == null ? today : input.periodFrom();
		LocalDate to = input.periodTo() == null ? today : input.periodTo();
		this.jdbc.sql("""
				insert into shr_request (id, number, kind, requester_agency_id, requester_division, consumer_system_id,
				    entry_id, entry_code, entry_revision, sharing_type, provider_agency_id, provider_division, items,
				    legal_basis, use_case, use_scope, sharing_method, period_from, period_to, expected_volume,
				    renews_grant_id, status, filed_at, filed_by, clock_start, reply_days, reply_due, reply_provisional)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', now(), ?, ?, ?, ?, ?)""")
			.params(id, number, renewed != null ? "renewal" : "request", requester,
					Objects.requireNonNull(actor.divisionCode()), input.consumerSystemId(), entry.id(), entry.code(),
					entry.publishedRevision(), type.code(), entry.providerAgencyId(), entry.divisionCode(),
					items.toArray(String[]::new), text(input.legalBasis()), text(input.useCase()), text(input.useScope()),
					input.sharingMethod() == null ? "" : Coded.parse(SharingMethod.class, input.sharingMethod())
						.map(SharingMethod::code)
						.orElse(input.sharingMethod()),
					from, to, text(input.expectedVolume()), input.renewsGrantId(), actor.username(), today, replyDays,
					due.due(), due.provisional())
			.update();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("number", number);
		details.put("entry", entry.code());
		details.put("sharingType", type.code());
		details.put("provider", entry.providerCode());
		details.put("consumerSystem", input.consumerSystemId().toString());
		details.put("items", items);
		details.put("replyDue", due.due().toString());
		audit(actor, "request.filed", id, Objects.requireNonNull(actor.divisionCode()), details);
		if (type == SharingType.NOT_SHARED) {
			// S3: refused by the rule, citing the entry's reason and basis
			String reasons = entry.content().notSharedReason() + " (" + entry.content().notSharedBasis() + ")";
			reply(Actor.SYSTEM, get(id).orElseThrow(), RequestStatus.REFUSED, RefusalCategory.NOT_SHARED, reasons, null);
		}
		else if (type == SharingType.UNCONDITIONAL) {
			// S2: unconditional sharing is granted at once
			approveNow(Actor.SYSTEM, get(id).orElseThrow(), null);
		}
		else {
			this.events.publishEvent(new RequestReceived(id, number, entry.id(), entry.providerAgencyId(), requester,
					due.due()));
		}
		return get(id).orElseThrow();
	}

	/** The statutory statements of S1 and their consistency with the entry. */
	private List<FieldProblem> statements(RequestInput in, CatalogEntry entry) {
		List<FieldProblem> problems = new ArrayList<>();
		if (blank(in.legalBasis())) {
			problems.add(new FieldProblem("legalBasis", "missing", "State the legal basis for using the data (S1)."));
		}
		if (blank(in.useCase())) {
			problems.add(new FieldProblem("useCase", "missing", "Describe the use case (S1)."));
		}
		if (blank(in.useScope())) {
			problems.add(new FieldProblem("useScope", "missing", "State the scope of use (S1)."));
		}
		if (blank(in.sharingMethod())) {
			problems.add(new FieldProblem("sharingMethod", "missing", "Choose a sharing method (S1)."));
		}
		else {
			Optional<SharingMethod> method = Coded.parse(SharingMethod.class, in.sharingMethod());
			if (method.isEmpty() || !entry.content().sharingMethods().contains(method.get())) {
				problems.add(new FieldProblem("sharingMethod", "method_not_offered", "Entry " + entry.code()
						+ " is shared by " + String.join(", ",
								entry.content().sharingMethods().stream().map(SharingMethod::code).toList()) + "."));
			}
		}
		if (in.periodFrom() == null || in.periodTo() == null) {
			problems.add(new FieldProblem("periodTo", "missing", "State the period of use: from and to (S1)."));
		}
		else {
			if (in.periodTo().isBefore(in.periodFrom())) {
				problems.add(new FieldProblem("periodTo", "period_reversed", "The period of use ends before it starts."));
			}
			if (in.periodTo().isBefore(this.calendar.today())) {
				problems.add(new FieldProblem("periodTo", "period_past", "The period of use is over already."));
			}
			if (in.periodTo().isAfter(in.periodFrom().plusYears(MAX_PERIOD_YEARS))) {
				problems.add(new FieldProblem("periodTo", "period_too_long",
						"A period of use is at most " + MAX_PERIOD_YEARS + " years; renew the grant after that."));
			}
		}
		if (blank(in.expectedVolume())) {
			problems.add(new FieldProblem("expectedVolume", "missing", "Estimate the expected volume (calls or records)."));
		}
		List<String> offered = entry.content().itemNames();
		if (in.items() == null || in.items().isEmpty()) {
			problems.add(new FieldProblem("items", "missing", "List the data items you need, a subset of the entry's."));
		}
		else {
			for (int i = 0; i < in.items().size(); i++) {
				if (!offered.contains(in.items().get(i).strip())) {
					problems.add(new FieldProblem("items[" + i + "]", "unknown_item",
							"Entry " + entry.code() + " has no item " + in.items().get(i) + "."));
				}
			}
		}
		return problems;
	}

	// ---- the provider's reply (S2, S3) --------------------------------------------------------

	/**
	 * Sends the one notice that lists everything missing (S3); the clock stops until the requester
	 * supplements, and then runs again in full.
	 */
	public SharingRequest noticeIncomplete(Actor actor, UUID id, Map<String, String> missing, long version) {
		SharingRequest request = asProvider(actor, id, version);
		requireStatus(request, RequestStatus.SUBMITTED);
		if (request.incompleteAt() != null) {
			throw new UnigovException(SharingError.NOTICE_ALREADY_SENT, "Request " + request.number()
					+ " had its notice already; S3 allows one notice listing everything missing. Reply to the request now.");
		}
		if (missing.isEmpty() || missing.values().stream().anyMatch(SharingDesk::blank)) {
			throw new UnigovException(SharingError.REASONS_REQUIRED,
					"List everything that is missing, each with what the requester must add (S3).");
		}
		this.jdbc.sql("""
				update shr_request set status = 'incomplete', incomplete_notice = ?::jsonb, incomplete_at = now(),
				    version = version + 1, updated_at = now() where id = ?""")
			.params(this.json.writeValueAsString(missing), id)
			.update();
		this.events.publishEvent(new RequestAnswered(id, request.number(), request.entryId(), request.requesterAgencyId(),
				request.providerAgencyId(), RequestStatus.INCOMPLETE.code()));
		audit(actor, "request.incomplete", id, request.providerDivision(),
				Map.of("number", request.number(), "missing", missing));
		return get(id).orElseThrow();
	}

	/** The requester supplies what the notice listed; the reply clock starts again (S3). */
	public SharingRequest supplement(Actor actor, UUID id, RequestInput input, long version) {
		SharingRequest request = visible(actor, id);
		if (!actsFor(actor, request.requesterAgencyId())) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST, "Only the requesting agency supplements its request.");
		}
		lock(request, version);
		requireStatus(request, RequestStatus.INCOMPLETE);
		CatalogEntry entry = this.catalog.get(new EntryId(request.entryId())).orElseThrow();
		if (!input.entryId().equals(request.entryId()) || !input.consumerSystemId().equals(request.consumerSystemId())) {
			throw invalid(List.of(new FieldProblem("entryId", "fixed",
					"A supplement keeps the entry and consumer system; withdraw and file anew to change them.")));
		}
		List<FieldProblem> problems = statements(input, entry);
		if (!problems.isEmpty()) {
			throw invalid(problems);
		}
		LocalDate today = this.calendar.today();
		Deadline due = this.calendar.addWorkingDays(today, request.replyDays() + request.extensionDays());
		this.jdbc.sql("""
				update shr_request set status = 'submitted', items = ?, legal_basis = ?, use_case = ?, use_scope = ?,
				    sharing_method = ?, period_from = ?, period_to = ?, expected_volume = ?, clock_start = ?,
				    reply_due = ?, reply_provisional = ?, version = version + 1, updated_at = now()
				where id = ?""")
			.params(input.items().stream().map(String::strip).distinct().toArray(String[]::new), text(input.legalBasis()),
					text(input.useCase()), text(input.useScope()),
					Coded.parse(SharingMethod.class, input.sharingMethod()).orElseThrow().code(), input.periodFrom(),
					input.periodTo(), text(input.expectedVolume()), today, due.due(), due.provisional(), id)
			.update();
		audit(actor, "request.supplemented", id, request.requesterDivision(),
				Map.of("number", request.number(), "replyDue", due.due().toString()));
		this.events.publishEvent(new RequestReceived(id, request.number(), request.entryId(), request.providerAgencyId(),
				request.requesterAgencyId(), due.due()));
		return get(id).orElseThrow();
	}

	/** The provider approves: the grant takes effect and the delivery clock starts (S5). */
	public SharingRequest approve(Actor actor, UUID id, @Nullable Integer rateLimitPerMinute, long version) {
		SharingRequest request = asProvider(actor, id, version);
		requireStatus(request, RequestStatus.SUBMITTED);
		requireShareable(request);
		approveNow(actor, request, rateLimitPerMinute);
		return get(id).orElseThrow();
	}

	/**
	 * The provider refuses, with reasons (S3). A refusal for an unmet condition names the entry's
	 * published condition (C4: a department may not invent conditions); a refusal on legal grounds
	 * names the law.
	 */
	public SharingRequest refuse(Actor actor, UUID id, @Nullable String category, @Nullable String reasons,
			@Nullable Integer condition, long version) {
		SharingRequest request = asProvider(actor, id, version);
		requireStatus(request, RequestStatus.SUBMITTED);
		if (blank(reasons) || reasons.strip().length() < 10) {
			throw new UnigovException(SharingError.REASONS_REQUIRED,
					"A refusal states its reasons (S3): say in at least a sentence why the data cannot be shared.");
		}
		RefusalCategory kind = Coded.parse(RefusalCategory.class, category)
			.filter(c -> c != RefusalCategory.NOT_SHARED)
			.orElseThrow(() -> new UnigovException(SharingError.REASONS_REQUIRED,
					"Say what kind of refusal this is: condition-not-met, beyond-scope, legal-prohibition, security or other."));
		if (kind == RefusalCategory.CONDITION_NOT_MET) {
			CatalogEntry entry = this.catalog.get(new EntryId(request.entryId())).orElseThrow();
			List<UseCondition> published = entry.content().conditions();
			if (condition == null || condition < 0 || condition >= published.size()) {
				throw new UnigovException(SharingError.UNPUBLISHED_CONDITION, "A refusal for an unmet condition names one of the "
						+ published.size() + " conditions entry " + entry.code()
						+ " publishes; a department may not refuse on conditions of its own (C4).");
			}
		}
		if (kind == RefusalCategory.LEGAL_PROHIBITION && !org.unigov.catalog.LegalBasis.namesLaw(reasons)) {
			throw new UnigovException(SharingError.REASONS_REQUIRED,
					"A refusal on legal grounds names the law, administrative regulation or State Council decision (S3).");
		}
		reply(actor, request, RequestStatus.REFUSED, kind, reasons.strip(),
				kind == RefusalCategory.CONDITION_NOT_MET ? condition : null);
		return get(id).orElseThrow();
	}

	/** The provider asks for more time, once, up to 10 working days, with a reason (S2). */
	public SharingRequest requestExtension(Actor actor, UUID id, int days, @Nullable String reason, long version) {
		SharingRequest request = asProvider(actor, id, version);
		requireStatus(request, RequestStatus.SUBMITTED);
		if (request.extensionState() != null) {
			throw new UnigovException(SharingError.EXTENSION_ALREADY_USED,
					"Request " + request.number() + " has had its one extension request (S2).");
		}
		if (days < 1 || days > MAX_EXTENSION_DAYS) {
			throw new UnigovException(SharingError.EXTENSION_TOO_LONG,
					"An extension is at most " + MAX_EXTENSION_DAYS + " working days (S2).");
		}
		if (blank(reason)) {
			throw new UnigovException(SharingError.REASONS_REQUIRED, "Say why the reply needs more time.");
		}
		if (this.calendar.today().isAfter(request.replyDue())) {
			throw new UnigovException(SharingError.WRONG_STATE, "The reply was due on " + request.replyDue()
					+ "; an extension is asked for before the deadline (S2).");
		}
		this.jdbc.sql("""
				update shr_request set extension_state = 'requested', extension_requested = ?, extension_reason = ?,
				    version = version + 1, updated_at = now() where id = ?""")
			.params(days, reason.strip(), id)
			.update();
		audit(actor, "request.extension.requested", id, request.providerDivision(),
				Map.of("number", request.number(), "days", days, "reason", reason.strip()));
		return get(id).orElseThrow();
	}

	/** The coordinator of the provider's level approves or rejects the extension; the requester sees it (S2). */
	public SharingRequest decideExtension(Actor actor, UUID id, boolean approve, long version) {
		SharingRequest request = visible(actor, id);
		if (!coordinates(actor, request.providerDivision())) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST,
					"Extensions are decided by the coordinator of the provider's level (S2).");
		}
		lock(request, version);
		if (!"requested".equals(request.extensionState()) || request.extensionRequested() == null) {
			throw new UnigovException(SharingError.WRONG_STATE, "No extension is awaiting a decision.");
		}
		requireStatus(request, RequestStatus.SUBMITTED);
		int days = request.extensionRequested();
		Deadline due = approve ? this.calendar.addWorkingDays(request.clockStart(), request.replyDays() + days)
				: new Deadline(request.replyDue(), request.replyProvisional());
		this.jdbc.sql("""
				update shr_request set extension_state = ?, extension_days = ?, reply_due = ?, reply_provisional = ?,
				    version = version + 1, updated_at = now()
				where id = ?""")
			.params(approve ? "approved" : "rejected", approve ? days : 0, due.due(), due.provisional(), id)
			.update();
		audit(actor, approve ? "request.extension.approved" : "request.extension.rejected", id,
				request.providerDivision(), Map.of("number", request.number(), "days", days,
						"replyDue", due.due().toString()));
		return get(id).orElseThrow();
	}

	/** The provider records that the approved data was delivered (S5). */
	public SharingRequest deliver(Actor actor, UUID id, @Nullable String method, @Nullable String note, long version) {
		SharingRequest request = asProvider(actor, id, version);
		requireStatus(request, RequestStatus.APPROVED);
		if (request.deliveredAt() != null) {
			throw new UnigovException(SharingError.WRONG_STATE, "Delivery of " + request.number() + " is recorded already.");
		}
		SharingMethod how = Coded.parse(SharingMethod.class, method)
			.orElseThrow(() -> new UnigovException(SharingError.INVALID_REQUEST,
					"Say how the data was delivered: api, batch or file-download."));
		LocalDate today = this.calendar.today();
		this.jdbc.sql("""
				update shr_request set delivered_at = now(), delivered_on = ?, delivery_method = ?, delivery_note = ?,
				    version = version + 1, updated_at = now() where id = ?""")
			.params(today, how.code(), blank(note) ? null : note.strip(), id)
			.update();
		audit(actor, "request.delivered", id, request.providerDivision(),
				Map.of("number", request.number(), "method", how.code(), "inTime",
						request.deliveryDue() == null || !today.isAfter(request.deliveryDue())));
		return get(id).orElseThrow();
	}

	/** The requester withdraws a request not yet answered. */
	public SharingRequest withdraw(Actor actor, UUID id, long version) {
		SharingRequest request = visible(actor, id);
		if (!actsFor(actor, request.requesterAgencyId())) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST, "Only the requesting agency withdraws its request.");
		}
		lock(request, version);
		if (request.status() != RequestStatus.SUBMITTED && request.status() != RequestStatus.INCOMPLETE) {
			throw new UnigovException(SharingError.WRONG_STATE, "Only an unanswered request can be withdrawn.");
		}
		this.jdbc.sql("""
				update shr_request set status = 'withdrawn',
				    extension_state = case when extension_state = 'requested' then 'lapsed' else extension_state end,
				    version = version + 1, updated_at = now() where id = ?""")
			.param(id)
			.update();
		audit(actor, "request.withdrawn", id, request.requesterDivision(), Map.of("number", request.number()));
		return get(id).orElseThrow();
	}

	// ---- S11: data returned downward --------------------------------------------------------

	/**
	 * A higher-level provider returns its data to a lower-level agency's system without waiting
	 * for a request (S11): recorded as an approved request of kind {@code return} with its grant.
	 */
	public SharingRequest returnData(Actor actor, UUID entryId, UUID consumerSystemId, List<String> items,
			String purpose, LocalDate periodTo) {
		CatalogEntry entry = this.catalog.visible(actor, new EntryId(entryId));
		if (!actsFor(actor, entry.providerAgencyId()) || entry.status() != EntryStatus.PUBLISHED) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST,
					"Only the provider of a published entry returns its data downward.");
		}
		if (entry.content().sharingType() == SharingType.NOT_SHARED) {
			throw new UnigovException(SharingError.ENTRY_NOT_REQUESTABLE, "Entry " + entry.code()
					+ " is not shared (" + entry.content().notSharedBasis() + "); it cannot be returned downward either (C3).");
		}
		RegisteredSystem system = this.registry.get(consumerSystemId)
			.filter(s -> s.status() != SystemStatus.RETIRED)
			.orElseThrow(() -> invalid(List.of(new FieldProblem("consumerSystemId", "consumer_system_unknown",
					"There is no registered system " + consumerSystemId + " in service."))));
		String prefix = Actor.significantPrefix(entry.divisionCode());
		if (system.divisionCode().equals(entry.divisionCode()) || !system.divisionCode().startsWith(prefix)) {
			throw new UnigovException(SharingError.NOT_DOWNWARD,
					"Data is returned to agencies below the provider's level, within its region (S11).");
		}
		List<String> offered = entry.content().itemNames();
		if (items.isEmpty() || !offered.containsAll(items) || blank(purpose)) {
			throw invalid(List.of(new FieldProblem("items", "unknown_item",
					"Name the entry's items to return and the purpose.")));
		}
		LocalDate today = this.calendar.today();
		if (periodTo.isBefore(today) || periodTo.isAfter(today.plusYears(MAX_PERIOD_YEARS))) {
			throw invalid(List.of(new FieldProblem("periodTo", "period_invalid",
					"The period ends after today and within " + MAX_PERIOD_YEARS + " years.")));
		}
		UUID id = UUID.randomUUID();
		String number = "GX" + today.getYear() + "-"
				+ String.format("%06d", this.jdbc.sql("select nextval('shr_request_number')").query(Long.class).single());
		this.jdbc.sql("""
				insert into shr_request (id, number, kind, requester_agency_id, requester_division, consumer_system_id,
				    entry_id, entry_code, entry_revision, sharing_type, provider_agency_id, provider_division, items,
				    legal_basis, use_case, use_scope, sharing_method, period_from, period_to, expected_volume,
				    status, filed_at, filed_by, clock_start, reply_days, reply_due)
				values (?, ?, 'return', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', 'submitted', now(), ?, ?, 0, ?)""")
			.params(id, number, system.agencyId(), system.divisionCode(), system.id(), entry.id(), entry.code(),
					entry.publishedRevision(), entry.content().sharingType().code(), entry.providerAgencyId(),
					entry.divisionCode(), items.toArray(String[]::new),
					"《政务数据共享条例》（数据回流）", purpose.strip(), "回流至下级部门依职责使用",
					entry.content().sharingMethods().isEmpty() ? SharingMethod.API.code()
							: entry.content().sharingMethods().getFirst().code(),
					today, periodTo, actor.username(), today, today)
			.update();
		audit(actor, "request.returned-downward", id, entry.divisionCode(),
				Map.of("number", number, "entry", entry.code(), "consumerSystem", system.id().toString(), "items", items));
		approveNow(actor, get(id).orElseThrow(), null);
		return get(id).orElseThrow();
	}

	// ---- the clock's own actions --------------------------------------------------------------

	/**
	 * Hands every reply and delivery past its deadline to the coordinator of the provider's level
	 * (S5, S9): marks it escalated and audits it, once. Runs on a schedule; returns how many it
	 * escalated.
	 */
	public int escalateOverdue() {
		LocalDate today = this.calendar.today();
		List<SharingRequest> late = this.jdbc.sql("""
				select * from shr_request where (status = 'submitted' and reply_due < ? and escalated_at is null)
				   or (status = 'approved' and delivered_at is null and delivery_due < ? and delivery_escalated_at is null)
				order by reply_due limit 10000""")
			.params(today, today)
			.query((rs, n) -> Rows.request(rs, this.json))
			.list();
		int escalated = 0;
		for (SharingRequest request : late) {
			boolean reply = request.status() == RequestStatus.SUBMITTED;
			int updated = this.jdbc.sql(reply
					? "update shr_request set escalated_at = now() where id = ? and escalated_at is null and status = 'submitted'"
					: "update shr_request set delivery_escalated_at = now() where id = ? and delivery_escalated_at is null"
							+ " and status = 'approved' and delivered_at is null")
				.param(request.id())
				.update();
			if (updated == 0) {
				continue; // another instance got there first
			}
			escalated++;
			audit(Actor.SYSTEM, reply ? "request.reply.overdue" : "request.delivery.overdue", request.id(),
					request.providerDivision(), Map.of("number", request.number(), "due",
							(reply ? request.replyDue() : Objects.requireNonNull(request.deliveryDue())).toString(),
							"coordinatorDivision", request.providerDivision()));
			this.events.publishEvent(new RequestOverdue(request.id(), request.number(), request.entryId(),
					request.providerAgencyId(), request.providerDivision(),
					reply ? request.replyDue() : Objects.requireNonNull(request.deliveryDue()), !reply));
		}
		return escalated;
	}

	/**
	 * Recomputes the stored deadlines of every open request from its clock start (after a calendar
	 * change), writing only those that moved, in one statement per kind of deadline.
	 */
	public int recomputeDeadlines() {
		List<UUID> ids = new ArrayList<>();
		List<LocalDate> dues = new ArrayList<>();
		List<Boolean> provisional = new ArrayList<>();
		this.jdbc.sql("""
				select id, clock_start, reply_days + extension_days, reply_due, reply_provisional
				from shr_request where status in ('submitted', 'incomplete')""").query(rs -> {
			Deadline due = this.calendar.addWorkingDays(rs.getObject(2, LocalDate.class), rs.getInt(3));
			if (!due.due().equals(rs.getObject(4, LocalDate.class)) || due.provisional() != rs.getBoolean(5)) {
				ids.add(rs.getObject(1, UUID.class));
				dues.add(due.due());
				provisional.add(due.provisional());
			}
		});
		List<UUID> deliveryIds = new ArrayList<>();
		List<LocalDate> deliveryDues = new ArrayList<>();
		this.jdbc.sql("""
				select id, delivery_start, delivery_due from shr_request
				where status = 'approved' and delivered_at is null and delivery_start is not null""").query(rs -> {
			LocalDate due = this.calendar.addWorkingDays(rs.getObject(2, LocalDate.class), DELIVERY_DAYS).due();
			if (!due.equals(rs.getObject(3, LocalDate.class))) {
				deliveryIds.add(rs.getObject(1, UUID.class));
				deliveryDues.add(due);
			}
		});
		if (!ids.isEmpty()) {
			this.jdbc.sql("""
					update shr_request r set reply_due = u.due, reply_provisional = u.provisional
					from unnest(?::uuid[], ?::date[], ?::boolean[]) as u(id, due, provisional) where r.id = u.id""")
				.params(ids.toArray(UUID[]::new), dues.stream().map(LocalDate::toString).toArray(String[]::new), provisional.toArray(Boolean[]::new))
				.update();
		}
		if (!deliveryIds.isEmpty()) {
			this.jdbc.sql("""
					update shr_request r set delivery_due = u.due
					from unnest(?::uuid[], ?::date[]) as u(id, due) where r.id = u.id""")
				.params(deliveryIds.toArray(UUID[]::new), deliveryDues.stream().map(LocalDate::toString).toArray(String[]::new))
				.update();
		}
		return ids.size() + deliveryIds.size();
	}

	@TransactionalEventListener
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void on(CalendarChanged event) {
		this.calendar.reload();
		int moved = recomputeDeadlines();
		this.journal.append(Actor.SYSTEM, AuditRecord.of("sharing.deadlines.recomputed", "calendar-year", event.year(),
				null, Map.of("moved", moved)));
	}

	// ---- helpers -----------------------------------------------------------------------------

	/**
	 * Approves a request because a dispute decided so (S9): the provider agreed in negotiation, the
	 * coordinator ordered sharing, or the government decided.
	 */
	void approveByDecision(Actor actor, SharingRequest request, String decision) {
		if (request.status() != RequestStatus.REFUSED && request.status() != RequestStatus.SUBMITTED) {
			throw new UnigovException(SharingError.WRONG_STATE, "Request " + request.number() + " is " + request.status().code() + ".");
		}
		requireShareable(request);
		audit(actor, "request.approved-by-decision", request.id(), request.providerDivision(),
				Map.of("number", request.number(), "decision", decision));
		if (request.status() == RequestStatus.SUBMITTED) {
			// never answered: the decision is the reply, late as it is
			approveNow(actor, request, null);
			return;
		}
		// refused earlier: the provider's reply (and its timing) stays on record; the decision approves
		this.jdbc.sql("update shr_request set status = 'approved', version = version + 1, updated_at = now() where id = ?")
			.param(request.id())
			.update();
		startDelivery(actor, get(request.id()).orElseThrow(), null);
	}

	private void approveNow(Actor actor, SharingRequest request, @Nullable Integer rateLimit) {
		reply(actor, request, RequestStatus.APPROVED, null, null, null);
		startDelivery(actor, request, rateLimit);
	}

	/** S5: the delivery clock starts and the grant takes effect. */
	private void startDelivery(Actor actor, SharingRequest request, @Nullable Integer rateLimit) {
		LocalDate today = this.calendar.today();
		LocalDate deliveryDue = this.calendar.addWorkingDays(today, DELIVERY_DAYS).due();
		this.jdbc.sql("update shr_request set delivery_start = ?, delivery_due = ? where id = ?")
			.params(today, deliveryDue, request.id())
			.update();
		this.grants.issue(actor, get(request.id()).orElseThrow(), rateLimit);
	}

	private void reply(Actor actor, SharingRequest request, RequestStatus status, @Nullable RefusalCategory category,
			@Nullable String reasons, @Nullable Integer condition) {
		LocalDate today = this.calendar.today();
		int took = Math.max(0, this.calendar.workingDaysBetween(request.clockStart(), today));
		this.jdbc.sql("""
				update shr_request set status = ?, replied_at = now(), replied_on = ?, reply_working_days = ?, replied_by = ?,
				    refusal_category = ?, refusal_reasons = ?, refusal_condition = ?,
				    extension_state = case when extension_state = 'requested' then 'lapsed' else extension_state end,
				    version = version + 1, updated_at = now() where id = ?""")
			.params(status.code(), today, took, actor.username(), category == null ? null : category.code(), reasons,
					condition, request.id())
			.update();
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
		audit(actor, status == RequestStatus.APPROVED ? "request.approved" : "request.refused", request.id(),
				request.providerDivision(), details);
		this.events.publishEvent(new RequestAnswered(request.id(), request.number(), request.entryId(),
				request.requesterAgencyId(), request.providerAgencyId(), status.code()));
	}

	private SharingRequest asProvider(Actor actor, UUID id, long version) {
		SharingRequest request = visible(actor, id);
		if (!actsFor(actor, request.providerAgencyId())) {
			throw new UnigovException(SharingError.NOT_YOUR_REQUEST,
					"Only the providing agency replies to request " + request.number() + ".");
		}
		lock(request, version);
		return request;
	}

	void lock(SharingRequest request, long version) {
		long current = this.jdbc.sql("select version from shr_request where id = ? for update")
			.param(request.id())
			.query(Long.class)
			.single();
		if (current != version || request.version() != version) {
			throw new UnigovException(CommonError.STALE_VERSION, "Request " + request.number()
					+ " changed since you read it (version " + current + ", you had " + version + "); reload it.");
		}
	}

	/** The entry must still be published and shared: a grant never outlives its entry's rule. */
	private void requireShareable(SharingRequest request) {
		CatalogEntry entry = this.catalog.get(new EntryId(request.entryId())).orElseThrow();
		if (entry.status() != EntryStatus.PUBLISHED || entry.content().sharingType() == SharingType.NOT_SHARED) {
			throw new UnigovException(SharingError.ENTRY_NOT_REQUESTABLE, "Entry " + entry.code() + " is "
					+ (entry.status() != EntryStatus.PUBLISHED ? entry.status().code() : "no longer shared")
					+ "; no grant can be issued on it.");
		}
	}

	private static void requireStatus(SharingRequest request, RequestStatus status) {
		if (request.status() != status) {
			throw new UnigovException(SharingError.WRONG_STATE, "Request " + request.number() + " is "
					+ request.status().code() + ", not " + status.code() + ".");
		}
	}

	private void audit(Actor actor, String action, UUID id, String division, Map<String, ?> details) {
		this.journal.append(actor, AuditRecord.of(action, "sharing-request", id, division, details));
	}

	public static UnigovException invalid(List<FieldProblem> problems) {
		return UnigovException.invalid(SharingError.INVALID_REQUEST, "The request lacks or misstates "
				+ problems.size() + " thing(s); all are listed: " + UnigovException.messages(problems), problems);
	}

	static boolean blank(@Nullable String text) {
		return text == null || text.isBlank();
	}

	private static String text(@Nullable String text) {
		return text == null ? "" : text.strip();
	}
}
