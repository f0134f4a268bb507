package org.unigov.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The open (anonymous) APIs of open entries, as the module that serves them (the exchange gateway)
 * reports them: the catalog names them in its DCAT-AP export and on the open-data portal without
 * depending on that module. No implementation means no entry has an open API.
 */
public interface OpenApis {

	/**
	 * The open API of each of these entries that is served now, by entry id.
	 *
	 * @param webBase the web address the request arrived at ({@code https://host}), from which the
	 * API's address is derived unless one is configured
	 */
	Map<UUID, OpenApi> of(Collection<UUID> entryIds, String webBase);

	/**
	 * One served open API.
	 *
	 * @param endpointUrl the address to call ({@code https://host:8081/open/v1/101-00001})
	 * @param operations the paths offered, relative to the endpoint ({@code /stations})
	 * @param callsPerMinute the calls one client address may make a minute
	 */
	record OpenApi(UUID entryId, String endpointUrl, List<String> operations, int callsPerMinute) {

		public OpenApi {
			operations = List.copyOf(operations);
		}

		/** An example call: the first operation, without path variables filled in. */
		public String exampleUrl() {
			return this.endpointUrl + (this.operations.isEmpty() || this.operations.get(0).equals("/") ? ""
					: this.operations.get(0));
		}
	}
}
