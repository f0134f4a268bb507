package org.unigov.sharing.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.unigov.audit.AuditEntry;
import org.unigov.audit.AuditJournal;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.Coded;
import org.unigov.shared.ident.PlainText;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;
import org.unigov.sharing.Dispute;
import org.unigov.sharing.Grant;
import org.unigov.sharing.GrantStatus;
import org.unigov.sharing.QualityCheck;
import org.unigov.sharing.RequestInput;
import org.unigov.sharing.RequestStatus;
import org.unigov.sharing.SharingDesk;
import org.unigov.sharing.SharingRequest;
import org.unigov.sharing.internal.DataReturns;
import org.unigov.sharing.internal.DisputeProcedure;
import org.unigov.sharing.internal.GrantDesk;
import org.unigov.sharing.internal.ProviderReply;
import org.unigov.sharing.internal.QualityCheckProcedure;
import org.unigov.sharing.internal.RequestFiling;
import org.unigov.sharing.internal.Requests;
import org.unigov.sharing.internal.SharingStatistics;

/** Sharing over JSON: requests and their replies, grants, disputes, quality checks, statistics. */
@RestController
@RequestMapping("/api/v1/sharing")
@Tag(name = "Data sharing", description = "Requests with statutory deadlines (S1-S5), grants (S7), disputes (S9), quality checks (S8)")
class SharingApi {

	static final String STAFF = Access.ANY_STAFF;

	static final String AGENCIES = Access.AGENCY_WORKERS;

	private final SharingDesk desk;

	private final Requests requests;

	private final RequestFiling filing;

	private final ProviderReply replies;

	private final DataReturns returns;

	private final GrantDesk grants;

	private final DisputeProcedure disputes;

	private final QualityCheckProcedure checks;

	private final SharingStatistics statistics;

	private final WorkingCalendar calendar;

	private final AuditJournal journal;

	SharingApi(SharingDesk desk, Requests requests, RequestFiling filing, ProviderReply replies, DataReturns returns,
			GrantDesk grants, DisputeProcedure disputes, QualityCheckProcedure checks, SharingStatistics statistics,
			WorkingCalendar calendar, AuditJournal journal) {
		this.desk = desk;
		this.requests = requests;
		this.filing = filing;
		this.replies = replies;
		this.returns = returns;
		this.grants = grants;
		this.disputes = disputes;
		this.checks = checks;
		this.statistics = statistics;
		this.calendar = calendar;
		this.journal = journal;
	}

	/** A request with its clock as of today: days left or overdue, in working days. */
	record RequestView(SharingRequest request, Clock clock) {
	}

	/** Where a request's current deadline stands today. */
	record Clock(String stage, @Nullable LocalDate due, @Nullable Integer workingDaysLeft, boolean overdue,
			boolean provisional) {
	}

	static Clock clock(SharingRequest r, WorkingCalendar calendar) {
		LocalDate today = calendar.today();
		LocalDate due;
		String stage;
		if (r.awaitingReply()) {
			due = r.replyDue();
			stage = "reply";
		}
		else if (r.awaitingDelivery()) {
			due = r.deliveryDue();
			stage = "delivery";
		}
		else if (r.status() == RequestStatus.INCOMPLETE) {
			return new Clock("supplement", null, null, false, false);
		}
		else {
			return new Clock("none", null, null, false, false);
		}
		if (due == null) {
			return new Clock(stage, null, null, false, false);
		}
		int left = calendar.workingDaysBetween(today, due);
		return new Clock(stage, due, left, today.isAfter(due), !calendar.covers(due.getYear()));
	}

	RequestView view(SharingRequest r) {
		return new RequestView(r, clock(r, this.calendar));
	}

	record VersionRequest(@NotNull Long version) {
	}

	record NoticeRequest(@NotNull @Size(min = 1, max = 20) Map<String, @NotNull @Size(max = 500) String> missing,
			@NotNull Long version) {
	}

	record ApproveRequest(@Nullable @Min(1) @Max(1000000) Integer rateLimitPerMinute, @NotNull Long version) {
	}

	record RefuseRequest(@Nullable @Size(max = 30) String category,
			@Nullable @Size(max = 2000) @PlainText(multiline = true) String reasons, @Nullable Integer condition,
			@NotNull Long version) {
	}

	record ExtensionRequest(@Min(1) @Max(366) int days, @Nullable @Size(max = 1000) @PlainText(multiline = true) String reason,
			@NotNull Long version) {
	}

	record DecisionRequest(boolean approve, @NotNull Long version) {
	}

	record DeliveryRequest(@Nullable @Size(max = 30) String method,
			@Nullable @Size(max = 1000) @PlainText(multiline = true) String note, @NotNull Long version) {
	}

	record SupplementRequest(@Valid @NotNull RequestInput request, @NotNull Long version) {
	}

	record ReturnRequest(@NotNull UUID entryId, @NotNull UUID consumerSystemId,
			@NotNull @Size(min = 1, max = 500) List<@NotNull @Size(max = 50) String> items,
			@NotNull @Size(min = 1, max = 1000) @PlainText(multiline = true) String purpose, @NotNull LocalDate periodTo) {
	}

	record SuspendRequest(@Nullable @Size(max = 1000) @PlainText(multiline = true) String reason,
			@Nullable LocalDate correctionDue, @NotNull Long version) {
	}

	record NoteRequest(@Nullable @Size(max = 1000) @PlainText(multiline = true) String note, @NotNull Long version) {
	}

	record EndRequest(@Nullable @Size(max = 1000) @PlainText(multiline = true) String reason,
			@Nullable @Size(max = 1000) @PlainText(multiline = true) String consultation, @NotNull Long version) {
	}

	record DisposalRequest(@Nullable @Size(max = 30) String method, @Nullable LocalDate on,
			@Nullable @Size(max = 1000) @PlainText(multiline = true) String note, @NotNull Long version) {
	}

	record DisputeRequest(@Nullable @Size(max = 2000) @PlainText(multiline = true) String grounds, @NotNull Long version) {
	}

	record ResolveRequest(@Nullable @Size(max = 30) String outcome,
			@Nullable @Size(max = 2000) @PlainText(multiline = true) String resolution, @NotNull Long version) {
	}

	record CheckRequest(@NotNull UUID entryId, @NotNull @Size(min = 1, max = 500) List<@NotNull @Size(max = 50) String> items,
			@Nullable @Size(max = 2000) @PlainText(multiline = true) String description) {
	}

	record AnswerRequest(@Nullable @Size(max = 30) String outcome,
			@Nullable @Size(max = 2000) @PlainText(multiline = true) String answer, @NotNull Long version) {
	}

	// ---- requests ---------------------------------------------------------------------------

	@PostMapping("/requests")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAnyRole('AGENCY_ADMIN','AGENCY_STAFF')")
	@Operation(summary = "File a sharing request through the catalog (S1; audited: request.filed)",
			description = "Unconditional entries are granted at once (S2), not-shared ones refused at once citing the "
					+ "entry's basis (S3); conditional ones get a reply deadline of 10 working days (S2, S4). Every missing "
					+ "statement is listed in one 422 answer.")
	RequestView file(@Valid @RequestBody RequestInput input) {
		return view(this.filing.file(Actor.current(), input));
	}

	@GetMapping("/requests")
	@PreAuthorize(STAFF)
	@Operation(summary = "Requests you may see, with their clocks",
			description = "role=made|received narrows to your agency's; overdue=true to replies and deliveries past due; "
					+ "escalated=true to those handed to the coordinator.")
	PagedModel<RequestView> requests(@RequestParam(required = false) @Nullable String role,
			@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable UUID agencyId,
			@RequestParam(required = false) @Nullable UUID entryId, @RequestParam(defaultValue = "false") boolean overdue,
			@RequestParam(defaultValue = "false") boolean escalated, @RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		if (role != null && !List.of("made", "received").contains(role)) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "role is made or received.");
		}
		RequestStatus parsed = status == null || status.isBlank() ? null
				: Coded.parse(RequestStatus.class, status)
					.orElseThrow(() -> new UnigovException(CommonError.INVALID_PARAMETER,
							"status is submitted, incomplete, approved, refused or withdrawn."));
		return new PagedModel<>(this.desk.find(Actor.current(),
				new SharingDesk.RequestFilter(role, parsed, agencyId, overdue, escalated, entryId), PageRequest.of(page, size))
			.map(this::view));
	}

	@GetMapping("/requests/{id}")
	@PreAuthorize(STAFF)
	@Operation(summary = "A request with its clock")
	RequestView request(@PathVariable UUID id) {
		return view(this.requests.visible(Actor.current(), id));
	}

	@GetMapping("/requests/{id}/history")
	@PreAuthorize(STAFF)
	@Operation(summary = "The audit entries of a request, newest first: the timeline both agencies see")
	List<AuditEntry> history(@PathVariable UUID id) {
		SharingRequest request = this.requests.visible(Actor.current(), id);
		return this.journal.history("sharing-request", request.id().toString());
	}

	@PostMapping("/requests/{id}/incomplete")
	@PreAuthorize(AGENCIES)
	@Operation(summary = "Send the one notice listing everything missing (S3; audited: request.incomplete)")
	RequestView incomplete(@PathVariable UUID id, @Valid @RequestBody NoticeRequest request) {
		return view(this.replies.noticeIncomplete(Actor.current(), id, request.missing(), request.version()));
	}

	@PostMapping("/requests/{id}/supplement")
	@PreAuthorize(AGENCIES)
	@Operation(summary = "Supplement an incomplete request; the reply clock restarts (S3)")
	RequestView supplement(@PathVariable UUID id, @Valid @RequestBody SupplementRequest request) {
		return view(this.filing.supplement(Actor.current(), id, request.request(), request.version()));
	}

	@PostMapping("/requests/{id}/approve")
	@PreAuthorize(AGENCIES)
	@Operation(summary = "Approve: the grant is issued and delivery is due in 20 working days (S5; audited)")
	RequestView approve(@PathVariable UUID id, @Valid @RequestBody ApproveRequest request) {
		return view(this.replies.approve(Actor.current(), id, request.rateLimitPerMinute(), request.version()));
	}

	@PostMapping("/requests/{id}/refuse")
	@PreAuthorize(AGENCIES)
	@Operation(summary = "Refuse with reasons (S3); an unmet condition must be one the entry publishes (C4)",
			description = "category: condition-not-met (with condition = index of the entry's condition), beyond-scope, "
					+ "legal-prohibition (reasons name the law), security, other.")
	RequestView refuse(@PathVariable UUID id, @Valid @RequestBody RefuseRequest request) {
		return view(this.replies.refuse(Actor.current(), id, request.category(), request.reasons(), request.condition(),
				request.version()));
	}

	@PostMapping("/requests/{id}/extension")
	@PreAuthorize(AGENCIES)
	@Operation(summary = "Ask the coordinator for more time, once, up to 10 working days (S2)")
	RequestView extension(@PathVariable UUID id, @Valid @RequestBody ExtensionRequest request) {
		return view(this.replies.requestExtension(Actor.current(), id, request.days(), request.reason(), request.version()));
	}

	@PostMapping("/requests/{id}/extension/decision")
	@PreAuthorize(Access.COORDINATORS)
	@Operation(summary = "The coordinator of the provider's level approves or rejects the extension (S2)")
	RequestView decideExtension(@PathVariable UUID id, @Valid @RequestBody DecisionRequest request) {
		return view(this.replies.decideExtension(Actor.current(), id, request.approve(), request.version()));
	}

	@PostMapping("/requests/{id}/delivery")
	@PreAuthorize(AGENCIES)
	@Operation(summary = "Record delivery of approved data (S5)")
	RequestView deliver(@PathVariable UUID id, @Valid @RequestBody DeliveryRequest request) {
		return view(this.replies.deliver(Actor.current(), id, request.method(), request.note(), request.version()));
	}

	@PostMapping("/requests/{id}/withdraw")
	@PreAuthorize(AGENCIES)
	@Operation(summary = "Withdraw an unanswered request")
	RequestView withdraw(@PathVariable UUID id, @Valid @RequestBody VersionRequest request) {
		return view(this.filing.withdraw(Actor.current(), id, request.version()));
	}

	@PostMapping("/returns")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize(AGENCIES)
	@Operation(summary = "Return data downward to a lower-level agency's system (S11)")
	RequestView returnData(@Valid @RequestBody ReturnRequest request) {
		return view(this.returns.returnData(Actor.current(), request.entryId(), request.consumerSystemId(), request.items(),
				request.purpose(), request.periodTo()));
	}

	// ---- disputes (S9) -----------------------------------------------------------------------

	@GetMapping("/requests/{id}/disputes")
	@PreAuthorize(STAFF)
	List<Dispute> disputes(@PathVariable UUID id) {
		return this.disputes.forRequest(Actor.current(), id);
	}

	@PostMapping("/requests/{id}/disputes")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize(AGENCIES)
	@Operation(summary = "Dispute a refusal or an overdue reply; the departments negotiate first (S9)")
	Dispute openDispute(@PathVariable UUID id, @Valid @RequestBody DisputeRequest request) {
		return this.disputes.open(Actor.current(), id, request.grounds(), request.version());
	}

	@GetMapping("/disputes")
	@PreAuthorize(STAFF)
	@Operation(summary = "Open disputes: for coordinators, those at their tier; otherwise those in your scope")
	List<Dispute> openDisputes(@RequestParam(defaultValue = "false") boolean mine) {
		return mine ? this.disputes.awaiting(Actor.current()) : this.disputes.open(Actor.current());
	}

	@PostMapping("/disputes/{id}/escalate")
	@PreAuthorize("hasAnyRole('PLATFORM_ADMIN','COORDINATOR','AGENCY_ADMIN','AGENCY_STAFF')")
	@Operation(summary = "Take a dispute to the next tier (S9)")
	Dispute escalate(@PathVariable UUID id, @Valid @RequestBody NoteRequest request) {
		return this.disputes.escalate(Actor.current(), id, request.note(), request.version());
	}

	@PostMapping("/disputes/{id}/resolve")
	@PreAuthorize("hasAnyRole('PLATFORM_ADMIN','COORDINATOR','AGENCY_ADMIN','AGENCY_STAFF')")
	@Operation(summary = "Resolve a dispute: refusal-upheld, sharing-ordered, settled or withdrawn (S9)")
	Dispute resolve(@PathVariable UUID id, @Valid @RequestBody ResolveRequest request) {
		return this.disputes.resolve(Actor.current(), id, request.outcome(), request.resolution(), request.version());
	}

	// ---- grants (S6, S7, S10) ------------------------------------------------------------------

	@GetMapping("/grants")
	@PreAuthorize(STAFF)
	@Operation(summary = "Grants you may see; role=consumer|provider; disposalOutstanding=true for ended grants awaiting a disposal record")
	PagedModel<Grant> grants(@RequestParam(required = false) @Nullable String role,
			@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable UUID entryId,
			@RequestParam(defaultValue = "false") boolean disposalOutstanding,
			@RequestParam(defaultValue = "0") @Min(0) int page, @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		GrantStatus parsed = status == null || status.isBlank() ? null
				: Coded.parse(GrantStatus.class, status)
					.orElseThrow(() -> new UnigovException(CommonError.INVALID_PARAMETER,
							"status is active, suspended, ended or expired."));
		return new PagedModel<>(this.grants.find(Actor.current(),
				new GrantDesk.GrantFilter(role, parsed, entryId, disposalOutstanding), PageRequest.of(page, size)));
	}

	@GetMapping("/grants/{id}")
	@PreAuthorize(STAFF)
	Grant grant(@PathVariable UUID id) {
		return this.grants.visible(Actor.current(), id);
	}

	@PostMapping("/grants/{id}/suspend")
	@PreAuthorize("hasAnyRole('PLATFORM_ADMIN','COORDINATOR','AGENCY_ADMIN','AGENCY_STAFF')")
	@Operation(summary = "Suspend for misuse until corrected by a deadline (S7; event GrantSuspended)")
	Grant suspend(@PathVariable UUID id, @Valid @RequestBody SuspendRequest request) {
		return this.grants.suspend(Actor.current(), id, request.reason(), request.correctionDue(), request.version());
	}

	@PostMapping("/grants/{id}/correction")
	@PreAuthorize(AGENCIES)
	@Operation(summary = "The consumer reports its correction (S7)")
	Grant correction(@PathVariable UUID id, @Valid @RequestBody NoteRequest request) {
		return this.grants.reportCorrection(Actor.current(), id, request.note(), request.version());
	}

	@PostMapping("/grants/{id}/resume")
	@PreAuthorize("hasAnyRole('PLATFORM_ADMIN','COORDINATOR','AGENCY_ADMIN','AGENCY_STAFF')")
	@Operation(summary = "Resume a suspended grant (S7)")
	Grant resume(@PathVariable UUID id, @Valid @RequestBody VersionRequest request) {
		return this.grants.resume(Actor.current(), id, request.version());
	}

	@PostMapping("/grants/{id}/end")
	@PreAuthorize(AGENCIES)
	@Operation(summary = "End a grant: the provider with reasons and a record of consulting the consumer, filed with the coordinator (S7; event GrantRevoked)")
	Grant end(@PathVariable UUID id, @Valid @RequestBody EndRequest request) {
		return this.grants.end(Actor.current(), id, request.reason(), request.consultation(), request.version());
	}

	@PostMapping("/grants/{id}/disposal")
	@PreAuthorize(AGENCIES)
	@Operation(summary = "The consumer records how it disposed of the data (S7, S10): deleted, returned or archived-by-law")
	Grant disposal(@PathVariable UUID id, @Valid @RequestBody DisposalRequest request) {
		return this.grants.recordDisposal(Actor.current(), id, request.method(), request.on(), request.note(),
				request.version());
	}

	// ---- quality checks (S8) -------------------------------------------------------------------

	@PostMapping("/quality-checks")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize(AGENCIES)
	@Operation(summary = "Ask the provider to check data you received (S8); answer due in 10 working days")
	QualityCheck fileCheck(@Valid @RequestBody CheckRequest request) {
		return this.checks.file(Actor.current(), request.entryId(), request.items(), request.description());
	}

	@GetMapping("/quality-checks")
	@PreAuthorize(STAFF)
	@Operation(summary = "Checks on an entry (entryId), or your agency's")
	List<QualityCheck> checks(@RequestParam(required = false) @Nullable UUID entryId) {
		return entryId != null ? this.checks.forEntry(Actor.current(), entryId) : this.checks.forAgency(Actor.current());
	}

	@PostMapping("/quality-checks/{id}/answer")
	@PreAuthorize(AGENCIES)
	@Operation(summary = "Answer a check: corrected or verified-correct (S8)")
	QualityCheck answer(@PathVariable UUID id, @Valid @RequestBody AnswerRequest request) {
		return this.checks.answer(Actor.current(), id, request.outcome(), request.answer(), request.version());
	}

	// ---- statistics ----------------------------------------------------------------------------

	@GetMapping("/statistics")
	@PreAuthorize(Access.OVERSEERS)
	@Operation(summary = "Per agency: requests made and received, median reply in working days, late replies and deliveries, refusals by reason (S5)")
	List<SharingStatistics.AgencyStatistics> statistics() {
		Actor actor = Actor.current();
		String prefix = actor.scopePrefix();
		return this.statistics.perAgency(prefix == null ? "-" : prefix, this.calendar.today());
	}
}
