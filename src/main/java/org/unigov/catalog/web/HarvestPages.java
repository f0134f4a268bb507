package org.unigov.catalog.web;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.CatalogLabels;
import org.unigov.catalog.DataFormat;
import org.unigov.catalog.UpdateFrequency;
import org.unigov.catalog.harvest.HarvestDefaults;
import org.unigov.catalog.harvest.HarvestJob;
import org.unigov.catalog.harvest.HarvestSource;
import org.unigov.catalog.harvest.Harvester;
import org.unigov.catalog.internal.Classifications;
import org.unigov.organization.Agency;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.problem.UnigovException;

/**
 * The harvest pages (目录采集): an agency's admins (or a platform admin, for any agency) register
 * an external catalogue, upload it or fetch it from its URL, look at the dry run's plan and
 * problems, then run it for real and watch its progress.
 */
@Controller
@PreAuthorize(Access.AGENCY_ADMINS)
class HarvestPages {

	private final Harvester harvester;

	private final Classifications classifications;

	private final OrganizationDirectory organizations;

	private final CatalogLabels labels;

	HarvestPages(Harvester harvester, Classifications classifications, OrganizationDirectory organizations, CatalogLabels labels) {
		this.harvester = harvester;
		this.classifications = classifications;
		this.organizations = organizations;
		this.labels = labels;
	}

	private void common(Model model) {
		Actor actor = Actor.current();
		model.addAttribute("labels", this.labels);
		model.addAttribute("zone", CatalogPages.ZONE);
		model.addAttribute("canCompile", true);
		model.addAttribute("isCoordinator", actor.hasAny(Role.PLATFORM_ADMIN, Role.COORDINATOR));
		model.addAttribute("isPlatformAdmin", actor.has(Role.PLATFORM_ADMIN));
		model.addAttribute("canHarvest", true);
	}

	@GetMapping("/catalog/harvest")
	String index(Model model) {
		common(model);
		Actor actor = Actor.current();
		model.addAttribute("sources", this.harvester.sources(actor));
		List<Agency> agencies = this.organizations.agencies(actor, null, null, true, PageRequest.of(0, 500))
			.getContent()
			.stream()
			.filter(a -> Harvester.canManage(actor, a.id().value()))
			.toList();
		model.addAttribute("agencies", agencies);
		model.addAttribute("classifications", this.classifications.all());
		model.addAttribute("frequencies", UpdateFrequency.values());
		model.addAttribute("formats", DataFormat.values());
		return "catalog/harvest";
	}

	@PostMapping("/catalog/harvest/sources")
	String create(@RequestParam UUID agencyId, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) @Nullable String url,
			@RequestParam(required = false) @Nullable Integer intervalHours,
			@RequestParam(defaultValue = "") String classification, @RequestParam(defaultValue = "open") String openAttribute,
			@RequestParam(defaultValue = "yearly") String updateFrequency, @RequestParam(defaultValue = "file") String format,
			RedirectAttributes redirect) {
		try {
			HarvestSource source = this.harvester.createSource(Actor.current(),
					new Harvester.SourceInput(agencyId, name, url, intervalHours, new HarvestDefaults(classification,
							"unconditional", openAttribute, updateFrequency, format, List.of("file-download"))));
			return "redirect:/catalog/harvest/sources/" + source.id();
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
			return "redirect:/catalog/harvest";
		}
	}

	@GetMapping("/catalog/harvest/sources/{id}")
	String source(@PathVariable UUID id, Model model) {
		common(model);
		Actor actor = Actor.current();
		model.addAttribute("source", this.harvester.source(actor, id));
		model.addAttribute("jobs", this.harvester.jobs(actor, id));
		return "catalog/harvest-source";
	}

	@PostMapping("/catalog/harvest/sources/{id}/upload")
	String upload(@PathVariable UUID id, @RequestParam("file") @Nullable MultipartFile file,
			@RequestParam(defaultValue = "true") boolean dryRun, RedirectAttributes redirect) throws IOException {
		try {
			if (file == null || file.isEmpty()) {
				throw new UnigovException(CatalogError.HARVEST_UNREADABLE, "Choose a catalogue file to upload.");
			}
			String name = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
			HarvestJob job = this.harvester.upload(Actor.current(), id, name, file.getBytes(), dryRun);
			return "redirect:/catalog/harvest/jobs/" + job.id();
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
			return "redirect:/catalog/harvest/sources/" + id;
		}
	}

	@PostMapping("/catalog/harvest/sources/{id}/fetch")
	String fetch(@PathVariable UUID id, @RequestParam(defaultValue = "true") boolean dryRun, RedirectAttributes redirect) {
		try {
			HarvestJob job = this.harvester.fetch(Actor.current(), id, dryRun);
			return "redirect:/catalog/harvest/jobs/" + job.id();
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
			return "redirect:/catalog/harvest/sources/" + id;
		}
	}

	@GetMapping("/catalog/harvest/jobs/{id}")
	String job(@PathVariable UUID id, @RequestParam(required = false) @Nullable String fragment, Model model) {
		common(model);
		Actor actor = Actor.current();
		HarvestJob job = this.harvester.job(actor, id);
		model.addAttribute("job", job);
		model.addAttribute("source", this.harvester.source(actor, job.sourceId()));
		return fragment != null ? "catalog/harvest-job :: status" : "catalog/harvest-job";
	}

	@PostMapping("/catalog/harvest/jobs/{id}/confirm")
	String confirm(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			HarvestJob job = this.harvester.confirm(Actor.current(), id);
			return "redirect:/catalog/harvest/jobs/" + job.id();
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
			return "redirect:/catalog/harvest/jobs/" + id;
		}
	}
}
