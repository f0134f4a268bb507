package org.unigov.catalog.harvest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.EntryStatus;
import org.unigov.catalog.harvest.HarvestJob.Action;
import org.unigov.catalog.harvest.HarvestJob.DatasetResult;
import org.unigov.catalog.internal.Classifications;
import org.unigov.catalog.internal.EntryEditing;
import org.unigov.catalog.internal.EntryReads;
import org.unigov.organization.Agency;
import org.unigov.organization.AgencyId;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Harvests external catalogues into an agency's catalog as draft entries: a dry run lists what a
 * real run would create, update, leave unchanged or skip, and every mapping problem; the real run
 * does it in the background, one dataset per transaction, with its progress in the database.
 * A dataset harvested before (same source, same identifier) updates its entry instead of adding
 * one. Only the agency's admins and platform admins manage sources; everything is audited.
 */
@Service
public class Harvester {

	private static final Logger log = LoggerFactory.getLogger(Harvester.class);

	private final HarvestSources sources;

	private final HarvestJobs jobs;

	private final CatalogDocuments documents;

	private final CatalogFetcher fetcher;

	private final EntryReads reads;

	private final Classifications classifications;

	private final EntryEditing editing;

	private final OrganizationDirectory organizations;

	private final AuditJournal journal;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
		Thread thread = new Thread(runnable, "catalog-harvest");
		thread.setDaemon(true);
		return thread;
	});

	Harvester(HarvestSources sources, HarvestJobs jobs, CatalogDocuments documents, CatalogFetcher fetcher,
			EntryReads reads, Classifications classifications, EntryEditing editing, OrganizationDirectory organizations, AuditJournal journal, TransactionTemplate transactions,
			JsonMapper json) {
		this.sources = sources;
		this.jobs = jobs;
		this.documents = documents;
		this.fetcher = fetcher;
		this.reads = reads;
		this.classifications = classifications;
		this.editing = editing;
		this.organizations = organizations;
		this.journal = journal;
		this.transactions = transactions;
		this.json = json;
	}

	@PreDestroy
	void stop() {
		this.executor.shutdownNow();
	}

	/** Catalog admins of the agency (its agency admins) and platform admins manage its harvest. */
	public static boolean canManage(Actor actor, UUID agencyId) {
		return actor.has(Role.PLATFORM_ADMIN) || actor.has(Role.AGENCY_ADMIN) && agencyId.equals(actor.agencyId());
	}

	/** Whether the actor may harvest into some agency (to show the menu). */
	public static boolean canHarvest(Actor actor) {
		return actor.has(Role.PLATFORM_ADMIN) || actor.has(Role.AGENCY_ADMIN) && actor.agencyId() != null;
	}

	// ---- sources ----------------------------------------------------------------------------------

	/** A new source, as the form states it. */
	public record SourceInput(UUID agencyId, String name, @Nullable String url, @Nullable Integer intervalHours,
			HarvestDefaults defaults) {
	}

	public HarvestSource createSource(Actor actor, SourceInput in) {
		if (!canManage(actor, in.agencyId())) {
			throw new UnigovException(CatalogError.NOT_YOUR_HARVEST,
					"Only the agency's admins and platform admins harvest into its catalog.");
		}
		Agency agency = this.organizations.agency(new AgencyId(in.agencyId()))
			.orElseThrow(() -> new UnigovException(CommonError.NOT_FOUND, "There is no agency " + in.agencyId() + "."));
		List<Map<String, String>> errors = new ArrayList<>();
		String name = in.name() == null ? "" : in.name().strip();
		if (name.isEmpty() || name.length() > 100) {
			errors.add(error("name", "harvest_name_invalid", "Name the source in 1 to 100 characters."));
		}
		else if (this.sources.nameTaken(in.agencyId(), name)) {
			errors.add(error("name", "harvest_name_taken", "The agency already has a source named " + name + "."));
		}
		String url = in.url() == null || in.url().isBlank() ? null : in.url().strip();
		checkUrl(url, in.intervalHours(), errors);
		HarvestDefaults d = in.defaults();
		checkDefaults(d, errors);
		if (!errors.isEmpty()) {
			throw new UnigovException(CatalogError.INVALID_HARVEST_SOURCE,
					"The source is not valid: " + errors.stream().map(e -> e.get("message")).toList(), Map.of("errors", errors));
		}
		HarvestSource source = new HarvestSource(UUID.randomUUID(), in.agencyId(), agency.divisionCode(), name, url,
				in.intervalHours(), null, d, actor.username(), Instant.now(), null, 0);
		this.transactions.executeWithoutResult(status -> {
			this.sources.insert(source);
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("name", name);
			details.put("agency", agency.nameZh());
			details.put("url", url);
			details.put("intervalHours", in.intervalHours());
			details.put("defaults", d);
			audit(actor, "catalog.harvest.source.created", source.id(), agency.divisionCode(), details);
		});
		return source;
	}

	private void checkUrl(@Nullable String url, @Nullable Integer intervalHours, List<Map<String, String>> errors) {
		if (url != null) {
			if (url.length() > 2000) {
				errors.add(error("url", "harvest_url_refused", "The URL is longer than 2000 characters."));
			}
			else {
				try {
					this.fetcher.check(url);
				}
				catch (UnigovException ex) {
					errors.add(error("url", ex.error().spec().code(), ex.getMessage()));
				}
			}
		}
		if (intervalHours != null && (url == null || intervalHours < 1 || intervalHours > 720)) {
			errors.add(error("intervalHours", "harvest_schedule_invalid",
					"A schedule needs a URL and is between 1 and 720 hours."));
		}
	}

	private void checkDefaults(HarvestDefaults d, List<Map<String, String>> errors) {
		if (this.classifications.all().stream().noneMatch(c -> c.code().equals(d.classification()))) {
			errors.add(error("classification", "unknown_classification", "There is no classification " + d.classification() + "."));
		}
		if (!d.sharingType().equals("unconditional")) {
			errors.add(error("sharingType", "harvest_sharing_type",
					"Harvested open data is shared unconditionally; other sharing types need conditions or a legal basis per entry."));
		}
		if (!Set.of("open", "not-open").contains(d.openAttribute())) {
			errors.add(error("openAttribute", "unknown_value", "Harvested entries are open or not open."));
		}
	}

	private static Map<String, String> error(String field, String code, String message) {
		return Map.of("field", field, "code", code, "message", message);
	}

	/** The sources the actor manages. */
	public List<HarvestSource> sources(Actor actor) {
		if (actor.has(Role.PLATFORM_ADMIN)) {
			return this.sources.list(null);
		}
		return actor.has(Role.AGENCY_ADMIN) && actor.agencyId() != null ? this.sources.list(actor.agencyId()) : List.of();
	}

	public HarvestSource source(Actor actor, UUID id) {
		HarvestSource source = this.sources.get(id)
			.orElseThrow(() -> UnigovException.notFound(CatalogError.HARVEST_SOURCE_NOT_FOUND, "Harvest source", id));
		if (!canManage(actor, source.agencyId())) {
			throw UnigovException.notFound(CatalogError.HARVEST_SOURCE_NOT_FOUND, "Harvest source", id);
		}
		return source;
	}

	public List<HarvestJob> jobs(Actor actor, UUID sourceId) {
		source(actor, sourceId);
		return this.jobs.ofSource(sourceId, 20);
	}

	public HarvestJob job(Actor actor, UUID id) {
		HarvestJob job = this.jobs.get(id)
			.orElseThrow(() -> UnigovException.notFound(CatalogError.HARVEST_JOB_NOT_FOUND, "Harvest job", id));
		source(actor, job.sourceId());
		return job;
	}

	/** What the source said about an entry that was harvested, for staff who can see the entry. */
	public Optional<HarvestedDataset> sourceMetadata(UUID entryId) {
		return this.sources.metadataOf(entryId);
	}

	/**
	 * For each of the entries that were harvested, the licence its source states, or empty where
	 * it states none: the open-data export gives these instead of the platform's own licence.
	 */
	public Map<UUID, Optional<String>> statedLicences(Collection<UUID> entryIds) {
		return this.sources.licences(entryIds);
	}

	// ---- jobs -------------------------------------------------------------------------------------

	/** Starts a dry run or a real run over an uploaded document. */
	public HarvestJob upload(Actor actor, UUID sourceId, String documentName, byte[] document, boolean dryRun) {
		return start(actor, source(actor, sourceId), documentName, document, dryRun);
	}

	/** Fetches the source's URL now and starts a dry run or a real run over what it serves. */
	public HarvestJob fetch(Actor actor, UUID sourceId, boolean dryRun) {
		HarvestSource source = source(actor, sourceId);
		if (source.url() == null) {
			throw new UnigovException(CatalogError.INVALID_HARVEST_SOURCE, "The source has no URL; upload a file instead.");
		}
		return start(actor, source, source.url(), this.fetcher.fetch(source.url()), dryRun);
	}

	/** Runs for real over the very document a dry run checked. */
	public HarvestJob confirm(Actor actor, UUID dryRunId) {
		HarvestJob dry = job(actor, dryRunId);
		if (!dry.dryRun() || dry.state() != HarvestJob.State.DONE) {
			throw new UnigovException(CatalogError.HARVEST_RUNNING, "Only a finished dry run can be run for real.");
		}
		return start(actor, source(actor, dry.sourceId()), dry.documentName(), this.jobs.document(dryRunId), false);
	}

	private HarvestJob start(Actor actor, HarvestSource source, String documentName, byte[] document, boolean dryRun) {
		if (this.jobs.running(source.id())) {
			throw new UnigovException(CatalogError.HARVEST_RUNNING,
					"A harvest of this source is running; wait for it to finish.");
		}
		CatalogDocuments.Read read = this.documents.read(document);
		UUID id = UUID.randomUUID();
		String name = documentName.length() > 200 ? documentName.substring(0, 200) : documentName;
		this.transactions.executeWithoutResult(status -> {
			this.jobs.insert(id, source.id(), dryRun, name, read.format(), document, read.datasets().size(),
					actor.username());
			audit(actor, dryRun ? "catalog.harvest.dry-run.started" : "catalog.harvest.started", source.id(),
					source.divisionCode(), Map.of("source", source.name(), "job", id.toString(), "document", name,
							"format", read.format(), "datasets", read.datasets().size()));
		});
		this.executor.execute(() -> run(actor, source, id, dryRun, read.datasets()));
		return this.jobs.get(id).orElseThrow();
	}

	private void run(Actor actor, HarvestSource source, UUID jobId, boolean dryRun, List<HarvestedDataset> datasets) {
		List<DatasetResult> results = new ArrayList<>();
		int[] counts = new int[5];
		Set<String> seen = new HashSet<>();
		String failure = null;
		try {
			for (HarvestedDataset dataset : datasets) {
				DatasetResult result = one(actor, source, dataset, dryRun, seen);
				results.add(result);
				counts[result.action().ordinal()]++;
				if (!result.problems().isEmpty()) {
					counts[4]++;
				}
				this.jobs.progress(jobId, results.size(), counts[0], counts[1], counts[2], counts[3], counts[4]);
			}
		}
		catch (RuntimeException ex) {
			log.error("Harvest job {} failed", jobId, ex);
			failure = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
		}
		String failed = failure;
		this.transactions.executeWithoutResult(status -> {
			this.jobs.finish(jobId, results, failed);
			if (!dryRun && failed == null) {
				this.sources.ran(source.id());
			}
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("source", source.name());
			details.put("job", jobId.toString());
			details.put("dryRun", dryRun);
			details.put("created", counts[0]);
			details.put("updated", counts[1]);
			details.put("unchanged", counts[2]);
			details.put("skipped", counts[3]);
			details.put("withProblems", counts[4]);
			details.put("failure", failed);
			audit(actor, dryRun ? "catalog.harvest.dry-run.finished" : "catalog.harvest.finished", source.id(),
					source.divisionCode(), details);
		});
	}

	/** Plans (dry run) or carries out what one dataset becomes. */
	private DatasetResult one(Actor actor, HarvestSource source, HarvestedDataset d, boolean dryRun, Set<String> seen) {
		String title = d.title() == null ? d.identifier() : d.title();
		if (!d.identifier().isBlank() && !seen.add(d.identifier())) {
			return new DatasetResult(d.identifier(), title, Action.SKIP, null, null, List.of(HarvestProblem.blocking(
					"identifier_duplicate", "identifier", "An earlier dataset of this document has the same identifier.")), d);
		}
		Optional<HarvestSources.Record> record = d.identifier().isBlank() ? Optional.empty()
				: this.sources.record(source.id(), d.identifier());
		CatalogEntry existing = record.flatMap(r -> this.reads.get(r.entryId())).orElse(null);
		String fingerprint = fingerprint(d);
		if (existing != null && record.get().fingerprint().equals(fingerprint)) {
			return new DatasetResult(d.identifier(), title, Action.UNCHANGED, existing.id(), existing.code(), List.of(), d);
		}
		if (existing != null && existing.status() == EntryStatus.WITHDRAWN) {
			return new DatasetResult(d.identifier(), title, Action.SKIP, existing.id(), existing.code(),
					List.of(HarvestProblem.blocking("entry_withdrawn", "entry",
							"The entry harvested from this dataset was withdrawn; it is not revived.")), d);
		}
		EntryMapping.Mapped mapped = existing == null ? EntryMapping.create(d, source.defaults())
				: EntryMapping.update(d, source.defaults(), existing.content());
		Action action = existing == null ? Action.CREATE : Action.UPDATE;
		if (mapped.blocked() || mapped.input() == null) {
			return new DatasetResult(d.identifier(), title, Action.SKIP, existing == null ? null : existing.id(),
					existing == null ? null : existing.code(), mapped.problems(), d);
		}
		if (dryRun) {
			return new DatasetResult(d.identifier(), title, action, existing == null ? null : existing.id(),
					existing == null ? null : existing.code(), mapped.problems(), d);
		}
		Actor harvesting = actorFor(actor, source);
		try {
			CatalogEntry entry = this.transactions.execute(status -> {
				CatalogEntry saved = existing == null
						? this.editing.create(harvesting, source.agencyId(), mapped.input()).entry()
						: this.editing.update(harvesting, existing.id(), mapped.input(), existing.version()).entry();
				this.sources.saveRecord(source.id(), d.identifier(), saved.id(), d, fingerprint);
				return saved;
			});
			return new DatasetResult(d.identifier(), title, action, entry.id(), entry.code(), mapped.problems(), d);
		}
		catch (UnigovException ex) {
			List<HarvestProblem> problems = new ArrayList<>(mapped.problems());
			if (ex.properties().get("errors") instanceof List<?> errors && !errors.isEmpty()) {
				for (Object e : errors) {
					if (e instanceof Map<?, ?> m) {
						problems.add(HarvestProblem.blocking(String.valueOf(m.get("code")), String.valueOf(m.get("field")),
								String.valueOf(m.get("message"))));
					}
				}
			}
			else {
				problems.add(HarvestProblem.blocking(ex.error().spec().code(), "entry", ex.getMessage()));
			}
			return new DatasetResult(d.identifier(), title, Action.SKIP, existing == null ? null : existing.id(),
					existing == null ? null : existing.code(), problems, d);
		}
	}

	/**
	 * Who the catalog records as compiling harvested entries: the person who started the run; for a
	 * scheduled run, the harvest itself acting for the source's agency as its staff would.
	 */
	private Actor actorFor(Actor actor, HarvestSource source) {
		if (actor.kind() != Actor.Kind.SYSTEM) {
			return actor;
		}
		Agency agency = this.organizations.agency(new AgencyId(source.agencyId())).orElseThrow();
		return new Actor(null, "harvest:" + source.id(), "Harvest: " + source.name(), Actor.Kind.SYSTEM,
				source.agencyId(), agency.creditCode(), agency.divisionCode(), Set.of(Role.AGENCY_STAFF));
	}

	private String fingerprint(HarvestedDataset d) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(this.json.writeValueAsString(d).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void audit(Actor actor, String action, UUID sourceId, String division, Map<String, ?> details) {
		this.journal.append(actor, AuditRecord.of(action, "catalog-harvest-source", sourceId, division, details));
	}

	// ---- schedule ---------------------------------------------------------------------------------

	/**
	 * Fetches the sources whose scheduled time has come, one at a time. A source is claimed by
	 * moving its next run on in the same statement ({@code for update skip locked}), so several
	 * instances never fetch the same source twice; a fetch that fails is recorded as a failed job.
	 */
	@Scheduled(initialDelay = 2, fixedDelay = 5, timeUnit = TimeUnit.MINUTES)
	void scheduled() {
		for (int i = 0; i < 10; i++) {
			Optional<UUID> due = this.transactions.execute(status -> this.sources.claimDue());
			if (due == null || due.isEmpty()) {
				return;
			}
			HarvestSource source = this.sources.get(due.get()).orElseThrow();
			try {
				byte[] document = this.fetcher.fetch(Objects.requireNonNull(source.url()));
				start(Actor.SYSTEM, source, source.url(), document, false);
			}
			catch (UnigovException ex) {
				log.warn("Scheduled harvest of source {} failed: {}", source.id(), ex.getMessage());
				this.jobs.insertFailed(UUID.randomUUID(), source.id(), String.valueOf(source.url()), ex.getMessage(),
						Actor.SYSTEM.username());
			}
		}
	}
}
