package org.unigov.catalog.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.unigov.catalog.internal.Distribution;
import org.unigov.catalog.internal.Distributions;
import org.unigov.shared.Actor;

/**
 * The files of an entry over JSON, for the provider's catalog staff: list, upload (multipart
 * {@code file}, optional {@code title}), replace and delete, each audited. The public downloads
 * them at {@code /open/files/{id}}.
 */
@RestController
@RequestMapping("/api/v1/catalog")
@Tag(name = "Data catalog")
class DistributionApi {

	private final Distributions distributions;

	DistributionApi(Distributions distributions) {
		this.distributions = distributions;
	}

	record FileView(UUID id, UUID entryId, String title, String fileName, String mediaType, long byteSize,
			String sha256, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, long version,
			String downloadUrl) {

		static FileView of(Distribution d) {
			String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
			return new FileView(d.id(), d.entryId(), d.title(), d.fileName(), d.mediaType(), d.byteSize(), d.sha256(),
					d.createdAt(), d.createdBy(), d.updatedAt(), d.updatedBy(), d.version(),
					DcatDistributions.downloadUrl(base, d));
		}
	}

	@GetMapping("/entries/{id}/files")
	@PreAuthorize(CatalogApi.READERS)
	@Operation(summary = "The files (distributions) of an entry")
	List<FileView> list(@PathVariable UUID id) {
		return this.distributions.files(Actor.current(), id).stream().map(FileView::of).toList();
	}

	@PostMapping(path = "/entries/{id}/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize(CatalogApi.COMPILERS)
	@Operation(summary = "Upload a file for the public to download; the provider's catalog staff only (audited)")
	FileView upload(@PathVariable UUID id, @RequestPart("file") MultipartFile file,
			@RequestParam(required = false) @Nullable String title) {
		return FileView.of(this.distributions.upload(Actor.current(), id, upload(file, title)));
	}

	@PutMapping(path = "/files/{fileId}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize(CatalogApi.COMPILERS)
	@Operation(summary = "Replace a file's content; the provider's catalog staff only (audited)")
	FileView replace(@PathVariable UUID fileId, @RequestPart("file") MultipartFile file,
			@RequestParam(required = false) @Nullable String title, @RequestParam long version) {
		return FileView.of(this.distributions.replace(Actor.current(), fileId, upload(file, title), version));
	}

	@DeleteMapping("/files/{fileId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PreAuthorize(CatalogApi.COMPILERS)
	@Operation(summary = "Delete a file; the provider's catalog staff only (audited)")
	void delete(@PathVariable UUID fileId, @RequestParam long version) {
		this.distributions.delete(Actor.current(), fileId, version);
	}

	static Distributions.Upload upload(MultipartFile file, @Nullable String title) {
		try {
			return new Distributions.Upload(title, file.getOriginalFilename(), file.getContentType(), file.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The upload could not be read", ex);
		}
	}
}
