package org.unigov.exchange.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.unigov.exchange.DataService;

/**
 * What a provider states when it registers or changes a data service; every problem is reported
 * at once (422 {@code invalid_data_service} with a list of fields).
 *
 * @param timeoutMs how long the gateway waits for the provider (100–60,000 ms, default 5,000)
 * @param maxConcurrent calls in flight to this provider at once (1–1,000, default 32); more are
 * refused with 503 rather than queued, so one slow provider cannot hold the gateway's threads
 */
public record DataServiceInput(@Nullable UUID entryId, @Nullable UUID systemId, @Nullable String name,
		@Nullable String baseUrl, @Nullable List<DataService.Operation> operations,
		@Nullable Map<String, String> fieldMap, @Nullable String subjectParam, @Nullable Integer timeoutMs,
		@Nullable Integer maxConcurrent) {
}
