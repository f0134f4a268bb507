package org.unigov.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DcatExportTests {

	@Test
	@DisplayName("C5 export times are valid xsd:dateTime even on a whole minute (seconds are never left out)")
	void dateTimesAlwaysHaveSeconds() {
		// OffsetDateTime.toString() writes 11:22 for 11:22:00, which xsd:dateTime refuses
		assertThat(DcatExport.dateTime(Instant.parse("2026-11-27T11:22:00Z"))).isEqualTo("2026-11-27T11:22:00Z");
		assertThat(DcatExport.dateTime(Instant.parse("2026-11-27T11:22:05.123456Z"))).isEqualTo("2026-11-27T11:22:05Z");
		assertThat(DcatExport.dateTime(Instant.parse("2026-11-27T00:00:00Z"))).isEqualTo("2026-11-27T00:00:00Z");
	}
}
