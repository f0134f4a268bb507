package org.unigov.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A catalog entry as readers see it: its identity, where it is in its lifecycle, and the content
 * of its current revision — the published one if there is one, else the one being prepared.
 *
 * @param workingRevision the revision being prepared or reviewed; equal to
 * {@code publishedRevision} when nothing is pending
 * @param updateDue the day by which an update owed under C7 must be submitted
 */
public record CatalogEntry(UUID id, String code, UUID providerAgencyId, String providerCode, String providerNameZh,
		String providerNameEn, String divisionCode, EntryStatus status, int workingRevision,
		@Nullable Integer publishedRevision, @Nullable Instant firstPublishedAt, @Nullable Instant publishedAt,
		EntryContent content, @Nullable String withdrawnReason, @Nullable String updateReason,
		@Nullable LocalDate updateStarted, @Nullable LocalDate updateDue, boolean updateExtended, long version,
		Instant createdAt, Instant updatedAt) {

	public String providerName(Locale locale) {
		return "zh".equals(locale.getLanguage()) ? this.providerNameZh : this.providerNameEn;
	}

	public boolean isPublished() {
		return this.status == EntryStatus.PUBLISHED;
	}

	/** Whether a revision is being prepared or reviewed beside the published one. */
	public boolean hasPendingRevision() {
		return this.publishedRevision != null && this.workingRevision != this.publishedRevision;
	}
}
