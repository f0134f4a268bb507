package org.unigov.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A provider's endpoint serving one catalog resource through the exchange.
 *
 * @param baseUrl where the provider's system listens; the call's path is appended to it
 * @param operations the methods and paths offered ({@code /persons/{id}}); nothing else is forwarded
 * @param fieldMap response field path ({@code name}, {@code address.city}, {@code members[].id})
 * to the catalog data item it carries; fields not mapped never leave the gateway
 * @param subjectParam the query parameter naming the data subject (a citizen ID, a credit code),
 * whose keyed hash goes into the access log
 * @param openApi whether the provider opened it to anyone, without a credential, as the open API
 * of an entry open without conditions ({@link OpenDataServices}); served only while the entry is
 */
public record DataService(UUID id, UUID entryId, String entryCode, UUID systemId, UUID providerAgencyId,
		String providerDivision, String name, String baseUrl, List<Operation> operations, Map<String, String> fieldMap,
		@Nullable String subjectParam, int timeoutMs, int maxConcurrent, ServiceStatus status, Instant createdAt,
		String createdBy, Instant updatedAt, long version, boolean openApi) {

	public DataService {
		operations = List.copyOf(operations);
		fieldMap = Map.copyOf(fieldMap);
	}

	/** The resource code in exchange URLs: the entry code with '-' for '/' ({@code 101/00001} → {@code 101-00001}). */
	public String resourceCode() {
		return urlCode(this.entryCode);
	}

	public static String urlCode(String entryCode) {
		return entryCode.replace('/', '-');
	}

	public boolean active() {
		return this.status == ServiceStatus.ACTIVE;
	}

	/** One method and path template a data service offers. */
	public record Operation(String method, String path) {
	}
}
