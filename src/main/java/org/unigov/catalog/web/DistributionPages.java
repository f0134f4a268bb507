package org.unigov.catalog.web;

import java.io.InputStream;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.unigov.catalog.CatalogEntry;
import org.unigov.catalog.EntryStatus;
import org.unigov.catalog.internal.Distributions;
import org.unigov.catalog.internal.EntryReads;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.UnigovException;

/**
 * The files section of a staff entry page (loaded into it with htmx) and its forms: upload,
 * replace and delete, for the provider's catalog staff.
 */
@Controller
class DistributionPages {

	private final EntryReads reads;

	private final Distributions distributions;

	DistributionPages(EntryReads reads, Distributions distributions) {
		this.reads = reads;
		this.distributions = distributions;
	}

	@GetMapping("/catalog/fragments/entries/{id}/files")
	@PreAuthorize(CatalogApi.READERS)
	String files(@PathVariable UUID id, Model model) {
		Actor actor = Actor.current();
		CatalogEntry entry = this.reads.visible(actor, id);
		model.addAttribute("entry", entry);
		model.addAttribute("files", this.distributions.files(actor, id));
		model.addAttribute("canManage", Distributions.canManage(actor, entry) && entry.status() != EntryStatus.WITHDRAWN);
		model.addAttribute("downloadable", Distributions.isDownloadable(entry));
		model.addAttribute("maxMegabytes", this.distributions.maxSize() / (1024 * 1024));
		return "catalog/files :: files";
	}

	@PostMapping("/catalog/entries/{id}/files")
	@PreAuthorize(CatalogApi.COMPILERS)
	String upload(@PathVariable UUID id, @RequestParam(required = false) @Nullable MultipartFile file,
			@RequestParam(required = false) @Nullable String title, RedirectAttributes redirect) {
		try {
			this.distributions.upload(Actor.current(), id, file == null ? empty(title) : DistributionApi.upload(file, title));
			redirect.addFlashAttribute("done", "file");
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
		}
		return "redirect:/catalog/entries/" + id + "#files";
	}

	@PostMapping("/catalog/entries/{id}/files/{fileId}/replace")
	@PreAuthorize(CatalogApi.COMPILERS)
	String replace(@PathVariable UUID id, @PathVariable UUID fileId,
			@RequestParam(required = false) @Nullable MultipartFile file,
			@RequestParam(required = false) @Nullable String title, @RequestParam long version,
			RedirectAttributes redirect) {
		try {
			this.distributions.replace(Actor.current(), fileId,
					file == null ? empty(title) : DistributionApi.upload(file, title), version);
			redirect.addFlashAttribute("done", "file");
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
		}
		return "redirect:/catalog/entries/" + id + "#files";
	}

	@PostMapping("/catalog/entries/{id}/files/{fileId}/delete")
	@PreAuthorize(CatalogApi.COMPILERS)
	String delete(@PathVariable UUID id, @PathVariable UUID fileId, @RequestParam long version,
			RedirectAttributes redirect) {
		try {
			this.distributions.delete(Actor.current(), fileId, version);
			redirect.addFlashAttribute("done", "file");
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
		}
		return "redirect:/catalog/entries/" + id + "#files";
	}

	private static Distributions.Upload empty(@Nullable String title) {
		return new Distributions.Upload(title, null, null, InputStream.nullInputStream());
	}
}
