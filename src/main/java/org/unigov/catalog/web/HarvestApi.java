package org.unigov.catalog.web;

import java.io.IOException;
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
import org.springframework.web.multipart.MultipartFile;
import org.unigov.catalog.harvest.HarvestDefaults;
import org.unigov.catalog.harvest.HarvestJob;
import org.unigov.catalog.harvest.HarvestSource;
import org.unigov.catalog.harvest.Harvester;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;

/** Harvesting external catalogues over JSON: the same operations as the harvest pages. */
@RestController
@RequestMapping("/api/v1/catalog/harvest")
@PreAuthorize(Access.AGENCY_ADMINS)
@Tag(name = "Data catalog")
class HarvestApi {

	private final Harvester harvester;

	HarvestApi(Harvester harvester) {
		this.harvester = harvester;
	}

	record SourceRequest(@NotNull UUID agencyId, @NotBlank @Size(max = 100) String name,
			@Nullable @Size(max = 2000) String url, @Nullable @Min(1) @Max(720) Integer intervalHours,
			@NotBlank @Size(max = 10) String classification, @Nullable @Size(max = 30) String openAttribute,
			@Nullable @Size(max = 30) String updateFrequency, @Nullable @Size(max = 30) String format) {
	}

	@GetMapping("/sources")
	@Operation(summary = "The harvest sources the caller manages")
	List<HarvestSource> sources() {
		return this.harvester.sources(Actor.current());
	}

	@PostMapping("/sources")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Register an external catalogue to harvest into an agency (its admins, platform admins; audited)",
			description = "Problems: 403 harvest_not_yours; 422 invalid_harvest_source with errors[] "
					+ "(harvest_url_refused for non-http(s), loopback or private addresses, harvest_name_taken, ...).")
	HarvestSource create(@Valid @RequestBody SourceRequest r) {
		return this.harvester.createSource(Actor.current(),
				new Harvester.SourceInput(r.agencyId(), r.name(), r.url(), r.intervalHours(),
						new HarvestDefaults(r.classification(), "unconditional",
								r.openAttribute() == null ? "open" : r.openAttribute(),
								r.updateFrequency() == null ? "yearly" : r.updateFrequency(),
								r.format() == null ? "file" : r.format(), List.of("file-download"))));
	}

	@GetMapping("/sources/{id}/jobs")
	@Operation(summary = "The latest runs of a source")
	List<HarvestJob> jobs(@PathVariable UUID id) {
		return this.harvester.jobs(Actor.current(), id);
	}

	@PostMapping(path = "/sources/{id}/jobs", consumes = "multipart/form-data")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Start a dry run (default) or a real run over an uploaded catalogue file (audited)",
			description = "DCAT-US 1.1 data.json or DCAT-AP in Turtle, RDF/XML or JSON-LD. Poll GET /jobs/{id}. "
					+ "Problems: 422 harvest_document_unreadable; 409 harvest_running.")
	HarvestJob upload(@PathVariable UUID id, @RequestParam("file") MultipartFile file,
			@RequestParam(defaultValue = "true") boolean dryRun) throws IOException {
		String name = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
		return this.harvester.upload(Actor.current(), id, name, file.getBytes(), dryRun);
	}

	@PostMapping("/sources/{id}/fetch")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Fetch the source's URL now and start a dry run (default) or a real run (audited)",
			description = "Problems: 422 harvest_url_refused; 502 harvest_fetch_failed; 413 harvest_document_too_large.")
	HarvestJob fetch(@PathVariable UUID id, @RequestParam(defaultValue = "true") boolean dryRun) {
		return this.harvester.fetch(Actor.current(), id, dryRun);
	}

	@GetMapping("/jobs/{id}")
	@Operation(summary = "A run: its progress, and per dataset what it does or did and the mapping problems")
	HarvestJob job(@PathVariable UUID id) {
		return this.harvester.job(Actor.current(), id);
	}

	@PostMapping("/jobs/{id}/confirm")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Run a finished dry run for real, over the very document it checked (audited)")
	HarvestJob confirm(@PathVariable UUID id) {
		return this.harvester.confirm(Actor.current(), id);
	}
}
