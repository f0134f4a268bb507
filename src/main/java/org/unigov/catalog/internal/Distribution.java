package org.unigov.catalog.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A file of a catalog entry that the public downloads (dcat:Distribution): uploaded by the
 * provider's staff and stored by the platform, with what a downloader checks it against.
 *
 * @param mediaType the IANA media type the file is served with
 * @param sha256 the SHA-256 of the content, lower-case hex; also the download's ETag
 * @param updatedAt when the content was uploaded or last replaced
 */
public record Distribution(UUID id, UUID entryId, String title, String fileName, String mediaType, long byteSize,
		String sha256, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, long version) {

	/** The size for people: bytes, KB, MB with one decimal (1 KB = 1024 bytes). */
	public String displaySize() {
		if (this.byteSize < 1024) {
			return this.byteSize + " B";
		}
		if (this.byteSize < 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1f KB", this.byteSize / 1024.0);
		}
		return String.format(Locale.ROOT, "%.1f MB", this.byteSize / (1024.0 * 1024));
	}
}
