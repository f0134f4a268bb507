package org.unigov.registry.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PagedModel;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.unigov.audit.AuditEntry;
import org.unigov.audit.AuditJournal;
import org.unigov.registry.Capability;
import org.unigov.registry.DuplicateFinder;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.ReusableSystems;
import org.unigov.registry.SystemRegistry;
import org.unigov.registry.Taxonomy;
import org.unigov.registry.internal.SystemEditing;
import org.unigov.registry.internal.SystemImport;
import org.unigov.registry.internal.SystemRegistration;
import org.unigov.registry.internal.SystemSheets;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.ChinaTime;
import org.unigov.shared.ident.PlainText;
import org.unigov.shared.ident.ValidDivisionCode;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;
import tools.jackson.databind.json.JsonMapper;

/** The systems registry over JSON, multipart and file downloads. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Systems registry", description = "Inventory of government systems, import/export, duplicate finder")
class RegistryApi {

	static final String READERS = Access.ANY_STAFF;

	static final String WRITERS = Access.AGENCY_WORKERS;

	private final SystemRegistry registry;

	private final SystemRegistration registration;

	private final SystemEditing editing;

	private final Taxonomy taxonomy;

	private final SystemImport importer;

	private final SystemSheets sheets;

	private final DuplicateFinder finder;

	private final AuditJournal journal;

	private final JsonMapper json;

	private final ReusableSystems reusable;

	private final Clock clock;

	RegistryApi(SystemRegistry registry, SystemRegistration registration, SystemEditing editing, Taxonomy taxonomy,
			SystemImport importer, SystemSheets sheets, DuplicateFinder finder, AuditJournal journal, JsonMapper json,
			ReusableSystems reusable, Clock clock) {
		this.reusable = reusable;
		this.registry = registry;
		this.registration = registration;
		this.editing = editing;
		this.taxonomy = taxonomy;
		this.importer = importer;
		this.sheets = sheets;
		this.finder = finder;
		this.journal = journal;
		this.json = json;
		this.clock = clock;
	}

	record SystemView(UUID id, String name, List<String> aliases, UUID agencyId, String agencyCode,
			String agencyName, String divisionCode, String summary, List<String> capabilities, String status,
			@Nullable LocalDate goLiveDate, @Nullable Long buildCostFen, @Nullable Long annualOmCostFen,
			String fundingSource, String vendor, String hosting, @Nullable Long registeredUsers,
			@Nullable Long monthlyActiveUsers, String loginMethod,
			List<String> integrations, boolean publicFacing, boolean sharedPlatform, long version, Instant createdAt,
			Instant updatedAt) {

		static SystemView of(RegisteredSystem s) {
			return new SystemView(s.id(), s.name(), s.aliases(), s.agencyId(), s.agencyCode(), s.agencyNameZh(),
					s.divisionCode(), s.summary(), s.capabilities(), s.status().code(), s.goLiveDate(),
					s.buildCostFen(), s.annualOmCostFen(), s.fundingSource().code(), s.vendor(), s.hosting().code(),
					s.registeredUsers(), s.monthlyActiveUsers(), s.loginMethod().code(), s.integrations(),
					s.publicFacing(), s.sharedPlatform(), s.version(), s.createdAt(), s.updatedAt());
		}
	}

	record CapabilityRequest(@NotBlank @Size(max = 50) String code, @NotBlank @Size(max = 50) @PlainText String nameZh,
			@NotBlank @Size(max = 100) @PlainText String nameEn, @Nullable Boolean provinceWide) {
	}

	record SimilarRequest(@NotBlank @Size(max = 200) String name, @Nullable @Size(max = 4000) String summary,
			@Nullable @Size(max = 20) List<String> capabilities, @NotBlank @ValidDivisionCode String divisionCode,
			@Nullable UUID excludeSystemId, @Nullable @Min(1) @Max(50) Integer limit) {
	}

	@GetMapping("/capabilities")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "The function taxonomy (功能分类), in order")
	List<Capability> capabilities() {
		return this.taxonomy.capabilities();
	}

	@PostMapping("/capabilities")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize(Access.PLATFORM_ADMIN)
	@Operation(summary = "Extend the taxonomy with a capability (audited: capability.created)")
	Capability addCapability(@Valid @RequestBody CapabilityRequest request) {
		return this.taxonomy.add(Actor.current(), request.code(), request.nameZh(), request.nameEn(),
				Boolean.TRUE.equals(request.provinceWide()));
	}

	@GetMapping("/systems")
	@PreAuthorize(READERS)
	@Operation(summary = "List the systems you may see, filtered, sorted and paged",
			description = "Sort by name, agency, division, status, goLiveDate, buildCostFen, annualOmCostFen, monthlyActiveUsers or updatedAt.")
	PagedModel<SystemView> systems(@RequestParam(required = false) @Nullable String divisionCode,
			@RequestParam(required = false) @Nullable UUID agencyId,
			@RequestParam(required = false) @Nullable String capability,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String loginMethod,
			@RequestParam(required = false) @Nullable Boolean sharedPlatform,
			@RequestParam(required = false) @Nullable String q, Pageable pageable) {
		return new PagedModel<>(this.registry
			.find(Actor.current(),
					SystemForms.filter(divisionCode, agencyId, capability, status, loginMethod, q, sharedPlatform),
					pageable)
			.map(SystemView::of));
	}

	@GetMapping("/systems/{id}")
	@PreAuthorize(READERS)
	@Operation(summary = "Read one system (404 when outside your scope)")
	SystemView system(@PathVariable UUID id) {
		return SystemView.of(this.registry.visible(Actor.current(), id));
	}

	@GetMapping("/systems/{id}/history")
	@PreAuthorize(READERS)
	@Operation(summary = "The audit entries about one system, newest first")
	List<AuditEntry> history(@PathVariable UUID id) {
		this.registry.visible(Actor.current(), id);
		return this.journal.history("system", id.toString());
	}

	@PostMapping("/systems")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize(WRITERS)
	@Operation(summary = "Register a system of your agency (audited: system.registered)",
			description = "Runs the duplicate check first: when the system looks like registered ones (score at least 0.5) "
					+ "the answer is 409 possible_duplicate listing the matches (name, agency, score, reasons). Send the "
					+ "request again with confirmDuplicates=true (query parameter or body field) to save anyway; the "
					+ "confirmation and the matches are recorded in the audit entry.")
	SystemView create(@Valid @RequestBody SystemForms.SystemRequest request,
			@RequestParam(defaultValue = "false") boolean confirmDuplicates) {
		Actor actor = Actor.current();
		return SystemView.of(this.registration.create(actor, request.draft(actor.agencyId()),
				confirmDuplicates || Boolean.TRUE.equals(request.confirmDuplicates())));
	}

	@PutMapping("/systems/{id}")
	@PreAuthorize(WRITERS)
	@Operation(summary = "Change a system of your agency (audited: system.updated); 409 if the version is stale",
			description = "When the change touches name, summary, capabilities or agency, the duplicate check runs as on "
					+ "registration (409 possible_duplicate unless confirmDuplicates=true).")
	SystemView update(@PathVariable UUID id, @Valid @RequestBody SystemForms.SystemRequest request,
			@RequestParam(defaultValue = "false") boolean confirmDuplicates) {
		if (request.version() == null) {
			throw new UnigovException(CommonError.VALIDATION_FAILED, "An update names the version it changes.");
		}
		Actor actor = Actor.current();
		RegisteredSystem current = this.registry.visible(actor, id);
		return SystemView.of(this.editing.update(actor, id, request.draft(current.agencyId()), request.version(),
				confirmDuplicates || Boolean.TRUE.equals(request.confirmDuplicates())));
	}

	@PostMapping(path = "/systems/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize(WRITERS)
	@Operation(summary = "Import systems from the XLSX or CSV template",
			description = "dryRun=true checks every row and imports nothing (200 with the report). dryRun=false imports all rows or none: "
					+ "with any problem it answers 422 import_rejected carrying the same report. Audited: system.registered per row and systems.imported.")
	SystemImport.ImportReport importSystems(@RequestPart("file") MultipartFile file,
			@RequestParam(defaultValue = "true") boolean dryRun) throws IOException {
		String name = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
		return this.importer.run(Actor.current(), name, file.getBytes(), dryRun, SystemImport.Progress.NONE);
	}

	@GetMapping("/systems/import/template")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Download the import template: format=xlsx (default) or csv, lang=zh-CN (default) or en")
	ResponseEntity<byte[]> template(@RequestParam(defaultValue = "xlsx") String format,
			@RequestParam(defaultValue = "zh-CN") String lang) {
		Locale locale = lang.toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
		return switch (format.toLowerCase(Locale.ROOT)) {
			case "xlsx" -> download(this.sheets.xlsxTemplate(locale), "unigov-systems-template.xlsx", SystemForms.XLSX);
			case "csv" -> download(this.sheets.csvTemplate(locale), "unigov-systems-template.csv", SystemForms.CSV);
			default -> throw new UnigovException(CommonError.INVALID_PARAMETER, "format is xlsx or csv.");
		};
	}

	@GetMapping("/systems/export")
	@PreAuthorize(READERS)
	@Operation(summary = "Export the systems you may see: format=csv, xlsx or json, with the list's filters",
			description = "Spreadsheet cells that begin with =, +, -, @, tab or CR are prefixed with an apostrophe (formula-injection guard).")
	void export(@RequestParam(defaultValue = "csv") String format,
			@RequestParam(required = false) @Nullable String divisionCode,
			@RequestParam(required = false) @Nullable UUID agencyId,
			@RequestParam(required = false) @Nullable String capability,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String loginMethod,
			@RequestParam(required = false) @Nullable Boolean sharedPlatform,
			@RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "zh-CN") String lang,
			HttpServletResponse response) throws IOException {
		String f = format.toLowerCase(Locale.ROOT);
		if (!List.of("csv", "xlsx", "json").contains(f)) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "format is csv, xlsx or json.");
		}
		Locale locale = lang.toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
		List<RegisteredSystem> systems = this.registry.findAll(Actor.current(),
				SystemForms.filter(divisionCode, agencyId, capability, status, loginMethod, q, sharedPlatform),
				Sort.by("division", "name"));
		String file = "unigov-systems-" + LocalDate.now(this.clock.withZone(ChinaTime.ZONE)) + "." + f;
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(file).build().toString());
		switch (f) {
			case "csv" -> {
				response.setContentType(SystemForms.CSV);
				this.sheets.csv(systems, locale, response.getOutputStream());
			}
			case "xlsx" -> {
				response.setContentType(SystemForms.XLSX);
				this.sheets.xlsx(systems, locale, response.getOutputStream());
			}
			default -> {
				response.setContentType(MediaType.APPLICATION_JSON_VALUE);
				this.json.writeValue(response.getOutputStream(), systems.stream().map(SystemView::of).toList());
			}
		}
	}

	@PostMapping("/systems/similar")
	@PreAuthorize(READERS)
	@Operation(summary = "Rank the registered systems a draft would duplicate",
			description = "Shared platforms that already provide one of the draft's capabilities come first with reuse=true; "
					+ "the rest follow by score (0..1). Reasons name shared capabilities, matching words and the hierarchy relation.")
	List<DuplicateFinder.SimilarSystem> similar(@Valid @RequestBody SimilarRequest request) {
		return this.finder.similar(Actor.current(),
				new DuplicateFinder.Draft(request.name(), request.summary() == null ? "" : request.summary(),
						request.capabilities() == null ? List.of() : request.capabilities(), request.divisionCode(),
						request.excludeSystemId()),
				request.limit() == null ? 10 : request.limit());
	}

	@GetMapping("/systems/reusable")
	@PreAuthorize(READERS)
	@Operation(summary = "Registered systems a project could reuse: name, alias or summary containing q, shared platforms first",
			description = "Province-wide, as the duplicate finder; shows name, agency, division, status and capabilities. "
					+ "Without q, the shared platforms. A project names its choices in reuseSystemIds.")
	List<ReusableSystems.Choice> reusable(@RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "20") @Min(1) @Max(20) int limit) {
		return this.reusable.search(Actor.current(), q, limit);
	}

	@GetMapping("/systems/duplicate-clusters")
	@PreAuthorize(Access.OVERSEERS)
	@Operation(summary = "Clusters of likely duplicates across a division's subtree, with their combined annual cost")
	DuplicateFinder.ClusterReport clusters(@RequestParam(required = false) @Nullable String divisionCode) {
		Actor actor = Actor.current();
		String division = divisionCode != null && !divisionCode.isBlank() ? divisionCode.strip()
				: actor.divisionCode();
		if (division == null) {
			throw new UnigovException(CommonError.MISSING_PARAMETER, "Name the divisionCode to report on.");
		}
		return this.finder.clusters(actor, division);
	}

	static ResponseEntity<byte[]> download(byte[] content, String fileName, String type) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
			.contentType(MediaType.parseMediaType(type))
			.body(content);
	}
}
