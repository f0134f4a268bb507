package org.unigov.catalog.harvest;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An external catalogue one agency harvests: uploaded by hand, or fetched from {@code url} every
 * {@code intervalHours} once a first real run has succeeded.
 */
public record HarvestSource(UUID id, UUID agencyId, String divisionCode, String name, @Nullable String url,
		@Nullable Integer intervalHours, @Nullable Instant nextRunAt, HarvestDefaults defaults, String createdBy,
		Instant createdAt, @Nullable Instant lastRunAt, long version) {
}
