package org.unigov.catalog.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.unigov.audit.AuditEntry;
import org.unigov.audit.AuditJournal;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.EntryStatus;
import org.unigov.catalog.ItemType;
import org.unigov.catalog.Revision;
import org.unigov.catalog.internal.AuthoritativeSources;
import org.unigov.catalog.internal.Classification;
import org.unigov.catalog.internal.Classifications;
import org.unigov.catalog.internal.DataElement;
import org.unigov.catalog.internal.DataElements;
import org.unigov.catalog.internal.ElementFormat;
import org.unigov.catalog.internal.EntryAccess;
import org.unigov.catalog.internal.EntryEditing;
import org.unigov.catalog.internal.EntryInput;
import org.unigov.catalog.internal.EntryOutcome;
import org.unigov.catalog.internal.EntryReads;
import org.unigov.catalog.internal.EntryReview;
import org.unigov.catalog.internal.EntryWithdrawal;
import org.unigov.catalog.internal.UpdateDeadlines;
import org.unigov.catalog.search.CatalogSearch;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.Coded;
import org.unigov.shared.ident.PlainText;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/** The data catalog over JSON: search, entries and their lifecycle, data elements, authoritative sources. */
@RestController
@RequestMapping("/api/v1/catalog")
@Tag(name = "Data catalog", description = "Catalog entries (C1-C8), standard data elements, search")
class CatalogApi {

	static final String READERS = Access.ANY_STAFF;

	static final String COMPILERS = Access.AGENCY_WORKERS;

	private final Catalog catalog;

	private final EntryReads reads;

	private final Classifications classifications;

	private final EntryEditing editing;

	private final EntryReview review;

	private final EntryWithdrawal withdrawal;

	private final UpdateDeadlines deadlines;

	private final CatalogSearch search;

	private final DataElements elements;

	private final AuthoritativeSources authorities;

	private final AuditJournal journal;

	CatalogApi(Catalog catalog, EntryReads reads, Classifications classifications, EntryEditing editing,
			EntryReview review, EntryWithdrawal withdrawal, UpdateDeadlines deadlines, CatalogSearch search, DataElements elements, AuthoritativeSources authorities,
			AuditJournal journal) {
		this.catalog = catalog;
		this.reads = reads;
		this.classifications = classifications;
		this.editing = editing;
		this.review = review;
		this.withdrawal = withdrawal;
		this.deadlines = deadlines;
		this.search = search;
		this.elements = elements;
		this.authorities = authorities;
		this.journal = journal;
	}

	record EntryView(UUID id, String code, UUID providerAgencyId, String providerCode, String providerName,
			String divisionCode, String status, int workingRevision, @Nullable Integer publishedRevision,
			@Nullable Instant firstPublishedAt, @Nullable Instant publishedAt, EntryInput content,
			@Nullable String withdrawnReason, @Nullable String updateReason, @Nullable LocalDate updateDue,
			boolean updateExtended, long version, Instant updatedAt) {

		static EntryView of(CatalogEntry e) {
			return new EntryView(e.id(), e.code(), e.providerAgencyId(), e.providerCode(), e.providerNameZh(),
					e.divisionCode(), e.status().code(), e.workingRevision(), e.publishedRevision(),
					e.firstPublishedAt(), e.publishedAt(), EntryInput.of(e.content()), e.withdrawnReason(),
					e.updateReason(), e.updateDue(), e.updateExtended(), e.version(), e.updatedAt());
		}
	}

	record OutcomeView(EntryView entry, List<FieldProblem> warnings) {

		static OutcomeView of(EntryOutcome outcome) {
			return new OutcomeView(EntryView.of(outcome.entry()), outcome.warnings());
		}
	}

	record RevisionView(int revision, String state, EntryInput content, Instant createdAt, String createdBy,
			@Nullable Instant submittedAt, @Nullable String submittedBy, @Nullable LocalDate reviewDue,
			@Nullable Instant decidedAt, @Nullable String decidedBy, @Nullable String comment) {

		static RevisionView of(Revision r) {
			return new RevisionView(r.number(), r.state().code(), EntryInput.of(r.content()), r.createdAt(),
					r.createdBy(), r.submittedAt(), r.submittedBy(), r.reviewDue(), r.decidedAt(), r.decidedBy(),
					r.comment());
		}
	}

	record VersionRequest(@NotNull Long version) {
	}

	record ReviewRequest(@NotBlank @Size(max = 10) String decision, @Nullable @Size(max = 1000) @PlainText(multiline = true) String comment,
			@NotNull Long version) {
	}

	record ReasonRequest(@NotBlank @Size(max = 500) @PlainText(multiline = true) String reason, @NotNull Long version) {
	}

	record ElementRequest(@NotBlank @Size(max = 50) String code, @NotBlank @Size(max = 50) @PlainText String nameZh,
			@NotBlank @Size(max = 100) @PlainText String nameEn,
			@NotBlank @Size(max = 500) @PlainText(multiline = true) String definitionZh,
			@NotBlank @Size(max = 500) @PlainText(multiline = true) String definitionEn,
			@NotBlank @Size(max = 20) String itemType, @NotBlank @Size(max = 20) String format,
			@Nullable @Size(max = 200) String pattern, @Min(1) @Max(100000) int maxLength,
			@Nullable @Size(max = 100) @PlainText String standard) {
	}

	record CheckRequest(@NotNull @Size(min = 1, max = 1000) List<@NotNull @Size(max = 1000) String> values) {
	}

	record AuthorityRequest(@NotNull UUID entryId, @Nullable @Size(max = 500) @PlainText(multiline = true) String note) {
	}

	// ---- search -----------------------------------------------------------------------------

	@GetMapping("/resources")
	@PreAuthorize(READERS)
	@Operation(summary = "Search the catalog: full text (Chinese and English) with facets, permission-aware",
			description = "Facets: sharingType, openAttribute, agency (id), division, format, updateFrequency, "
					+ "classification, grade; repeat a parameter to select several values. Sort: relevance (default with "
					+ "text), newest (default without), name, code. Pages up to the 10,000th result.")
	CatalogSearch.Results resources(@RequestParam(required = false) @Nullable String q,
			@ParameterObject @ModelAttribute("facetParams") FacetParams facets,
			@RequestParam(defaultValue = "relevance") String sort, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		return this.search.search(Actor.current(), new CatalogSearch.Query(q, facets.selected(), sort, page, size));
	}

	// ---- entries ----------------------------------------------------------------------------

	@GetMapping("/entries")
	@PreAuthorize(READERS)
	@Operation(summary = "Work lists of entries you may see",
			description = "queue=review: submitted revisions awaiting your review; queue=updates: entries owing an update (C7).")
	PagedModel<EntryView> entries(@RequestParam(required = false) @Nullable UUID agencyId,
			@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String queue, @RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		EntryStatus parsed = status == null || status.isBlank() ? null
				: Coded.parse(EntryStatus.class, status)
					.orElseThrow(() -> new UnigovException(CommonError.INVALID_PARAMETER,
							"status is draft, submitted, published or withdrawn."));
		if (queue != null && !List.of("review", "updates").contains(queue)) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "queue is review or updates.");
		}
		Catalog.EntryFilter filter = new Catalog.EntryFilter(agencyId, parsed, q, "review".equals(queue),
				"updates".equals(queue));
		return new PagedModel<>(this.catalog.find(Actor.current(), filter, PageRequest.of(page, size)).map(EntryView::of));
	}

	@PostMapping("/entries")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize(COMPILERS)
	@Operation(summary = "Compile a new entry as a draft (audited: entry.created)",
			description = "agencyId only for platform admins; others compile for their own agency. Secret data is refused (C1).")
	OutcomeView create(@RequestParam(required = false) @Nullable UUID agencyId, @Valid @RequestBody EntryInput input) {
		return OutcomeView.of(this.editing.create(Actor.current(), agencyId, input));
	}

	@GetMapping("/entries/{id}")
	@PreAuthorize(READERS)
	@Operation(summary = "An entry with the content of its current revision")
	EntryView entry(@PathVariable UUID id) {
		return EntryView.of(this.reads.visible(Actor.current(), id));
	}

	@PutMapping("/entries/{id}")
	@PreAuthorize(COMPILERS)
	@Operation(summary = "Change the working revision (audited: entry.revised); a published entry gets a new revision")
	OutcomeView update(@PathVariable UUID id, @RequestParam long version, @Valid @RequestBody EntryInput input) {
		return OutcomeView.of(this.editing.update(Actor.current(), id, input, version));
	}

	@PostMapping("/entries/{id}/submit")
	@PreAuthorize(COMPILERS)
	@Operation(summary = "Submit the working revision for review (audited: entry.submitted)")
	OutcomeView submit(@PathVariable UUID id, @Valid @RequestBody VersionRequest request) {
		return OutcomeView.of(this.editing.submit(Actor.current(), id, request.version()));
	}

	@PostMapping("/entries/{id}/review")
	@PreAuthorize(Access.COORDINATORS)
	@Operation(summary = "Approve (publish) or return a submitted revision (audited: entry.published / entry.returned)",
			description = "decision is approve or return; returning needs a comment.")
	EntryView review(@PathVariable UUID id, @Valid @RequestBody ReviewRequest request) {
		EntryReview.Decision decision = switch (request.decision()) {
			case "approve" -> EntryReview.Decision.APPROVE;
			case "return" -> EntryReview.Decision.RETURN;
			default -> throw new UnigovException(CommonError.INVALID_PARAMETER, "decision is approve or return.");
		};
		return EntryView.of(this.review.review(Actor.current(), id, decision, request.comment(), request.version()));
	}

	@PostMapping("/entries/{id}/discard")
	@PreAuthorize(COMPILERS)
	@Operation(summary = "Discard a revision being prepared beside the published one (audited)")
	EntryView discard(@PathVariable UUID id, @Valid @RequestBody VersionRequest request) {
		return EntryView.of(this.editing.discardRevision(Actor.current(), id, request.version()));
	}

	@PostMapping("/entries/{id}/withdraw")
	@PreAuthorize(Access.AGENCY_ADMINS)
	@Operation(summary = "Withdraw an entry, with the reason (audited: entry.withdrawn); refused while grants are active")
	EntryView withdraw(@PathVariable UUID id, @Valid @RequestBody ReasonRequest request) {
		return EntryView.of(this.withdrawal.withdraw(Actor.current(), id, request.reason(), request.version()));
	}

	@PostMapping("/entries/{id}/require-update")
	@PreAuthorize("hasAnyRole('PLATFORM_ADMIN','COORDINATOR','AGENCY_ADMIN')")
	@Operation(summary = "Record that duties or the law changed: the entry must be updated within 10 working days (C7)")
	EntryView requireUpdate(@PathVariable UUID id, @Valid @RequestBody ReasonRequest request) {
		return EntryView.of(this.deadlines.requireUpdate(Actor.current(), id, request.reason(), request.version()));
	}

	@PostMapping("/entries/{id}/extend-update")
	@PreAuthorize(Access.COORDINATORS)
	@Operation(summary = "Allow 5 more working days for an owed update, once (C7)")
	EntryView extendUpdate(@PathVariable UUID id, @Valid @RequestBody VersionRequest request) {
		return EntryView.of(this.deadlines.extendUpdate(Actor.current(), id, request.version()));
	}

	@GetMapping("/entries/{id}/revisions")
	@PreAuthorize(READERS)
	@Operation(summary = "Every revision of an entry, newest first (C2)")
	List<RevisionView> revisions(@PathVariable UUID id) {
		return this.reads.revisions(Actor.current(), id).stream().map(RevisionView::of).toList();
	}

	@GetMapping("/entries/{id}/history")
	@PreAuthorize(READERS)
	@Operation(summary = "The audit entries about an entry, newest first (its department and the coordinators and auditors over it)")
	List<AuditEntry> history(@PathVariable UUID id) {
		Actor actor = Actor.current();
		CatalogEntry entry = this.reads.visible(actor, id);
		if (!EntryAccess.seesWork(actor, entry)) {
			throw new UnigovException(CommonError.FORBIDDEN,
					"The history of an entry is for its department and the coordinators and auditors over it.");
		}
		return this.journal.history("catalog-entry", entry.id().toString());
	}

	@GetMapping("/classifications")
	@PreAuthorize(READERS)
	@Operation(summary = "The resource classification (类/项)")
	List<Classification> classifications() {
		return this.classifications.all();
	}

	// ---- data elements and authoritative sources -----------------------------------------------

	@GetMapping("/elements")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "The standard data element library (数据元)")
	List<DataElement> elements() {
		return this.elements.all();
	}

	@PostMapping("/elements")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize(Access.PLATFORM_ADMIN)
	@Operation(summary = "Add a data element (audited: element.created)",
			description = "format: citizen-id, credit-code, division-code, person-name, sex, birth-date, date, phone, "
					+ "address, enterprise-name, licence-number, text, or pattern (with a regular expression).")
	DataElement addElement(@Valid @RequestBody ElementRequest request) {
		ItemType type = Coded.parse(ItemType.class, request.itemType())
			.orElseThrow(() -> new UnigovException(CatalogError.INVALID_ELEMENT,
					"Unknown item type " + request.itemType() + "."));
		ElementFormat format = ElementFormat.of(request.format())
			.orElseThrow(() -> new UnigovException(CatalogError.INVALID_ELEMENT,
					"Unknown format " + request.format() + "."));
		return this.elements.add(Actor.current(),
				new DataElement(request.code(), request.nameZh(), request.nameEn(), request.definitionZh(),
						request.definitionEn(), type, format, request.pattern(), request.maxLength(),
						request.standard() == null ? "" : request.standard(), false));
	}

	@PostMapping("/elements/{code}/check")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Check values against a data element (no change is made)")
	List<DataElements.ValueCheck> check(@PathVariable String code, @Valid @RequestBody CheckRequest request) {
		return this.elements.check(code, request.values());
	}

	@GetMapping("/authorities")
	@PreAuthorize(READERS)
	@Operation(summary = "Authoritative sources (数源部门) by data element (C8)")
	List<AuthoritativeSources.Source> authorities() {
		return this.authorities.all();
	}

	@PutMapping("/authorities/{elementCode}")
	@PreAuthorize(Access.COORDINATORS)
	@Operation(summary = "Designate the authoritative source of an element (province coordinator; audited: authority.designated)")
	AuthoritativeSources.Source designate(@PathVariable String elementCode, @Valid @RequestBody AuthorityRequest request) {
		return this.authorities.designate(Actor.current(), elementCode, request.entryId(),
				request.note() == null ? "" : request.note());
	}

}
