package org.unigov.catalog.web;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.internal.Distribution;
import org.unigov.catalog.internal.Distributions;
import org.unigov.shared.problem.UnigovException;

/**
 * Downloads of open files, signed out: only files of published entries open without conditions
 * (C5); any other address answers 404 as if nothing were there. The answer carries the file's
 * media type, length, an RFC 6266 Content-Disposition with the original (Chinese) name, its SHA-256
 * as strong ETag and its upload time as Last-Modified; Spring MVC answers conditional requests
 * (304) and byte ranges (206) from these, reading the stored chunks only as far as needed.
 */
@RestController
@Tag(name = "Open data")
class OpenFiles {

	private final Distributions distributions;

	OpenFiles(Distributions distributions) {
		this.distributions = distributions;
	}

	@GetMapping("/open/files/{id}")
	@Operation(summary = "Download a file of an open dataset (no sign-in)",
			description = "ETag is the SHA-256 of the content; If-None-Match/If-Modified-Since and Range are honoured.")
	ResponseEntity<Resource> download(@PathVariable UUID id) {
		Distribution file = this.distributions.openFile(id)
			.orElseThrow(() -> UnigovException.notFound(CatalogError.DISTRIBUTION_NOT_FOUND, "Open file", id));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.mediaType()))
			.contentLength(file.byteSize())
			.eTag("\"" + file.sha256() + "\"")
			.lastModified(file.updatedAt())
			.cacheControl(CacheControl.noCache().cachePublic())
			.header(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(file.fileName()))
			.header(HttpHeaders.ACCEPT_RANGES, "bytes")
			// an uploaded HTML or SVG file must never run as a page of this site
			.header("Content-Security-Policy", "sandbox; default-src 'none'")
			.header("X-Content-Type-Options", "nosniff")
			// RFC 9530: the checksum of the whole file, also on a 206 answer to a range request
			.header("Repr-Digest", "sha-256=:" + Base64.getEncoder()
				.encodeToString(HexFormat.of().parseHex(file.sha256())) + ":")
			.body(new StoredFile(file, this.distributions));
	}

	/**
	 * {@code attachment} with an ASCII fallback name for old clients and the exact name in
	 * {@code filename*} (RFC 6266 section 4.3, RFC 8187 encoding).
	 */
	static String contentDisposition(String name) {
		StringBuilder ascii = new StringBuilder();
		name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%'
				? Character.toString(c) : "_"));
		return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
				+ UriUtils.encode(name, StandardCharsets.UTF_8);
	}

	/** A stored file as a resource whose stream reads its chunks lazily. */
	private static final class StoredFile extends AbstractResource {

		private final Distribution file;

		private final Distributions distributions;

		StoredFile(Distribution file, Distributions distributions) {
			this.file = file;
			this.distributions = distributions;
		}

		@Override
		public String getDescription() {
			return "open file " + this.file.id();
		}

		@Override
		public long contentLength() {
			return this.file.byteSize();
		}

		@Override
		public InputStream getInputStream() {
			return this.distributions.content(this.file);
		}

		@Override
		public boolean exists() {
			return true;
		}

		@Override
		public long lastModified() {
			return this.file.updatedAt().toEpochMilli();
		}
	}
}
