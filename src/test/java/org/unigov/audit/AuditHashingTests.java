package org.unigov.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.unigov.audit.internal.AuditHashing;

class AuditHashingTests {

	@Test
	void canonicalJsonSortsKeysAndEscapes() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("z", 1);
		details.put("a", List.of("x\"y", true, Map.of("k", new BigDecimal("1.50"))));
		details.put("m", null);
		assertThat(AuditHashing.canonicalJson(details)).isEqualTo("{\"a\":[\"x\\\"y\",true,{\"k\":1.50}],\"m\":null,\"z\":1}");
	}

	@Test
	void floatingPointIsRefusedSoMoneyNeverRounds() {
		assertThatThrownBy(() -> AuditHashing.canonicalJson(Map.of("amount", 0.1)))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void hashIsStableAndCoversEveryField() {
		Instant at = Instant.parse("2026-01-05T08:00:00.123456789Z");
		String hash = AuditHashing.hash(7, at, "admin", "11610000MB0000001F", "610000", "agency.created", "agency", "id-1",
				"{}", AuditHashing.GENESIS);
		assertThat(hash).hasSize(64)
			.isEqualTo(AuditHashing.hash(7, Instant.parse("2026-01-05T08:00:00.123456Z"), "admin", "11610000MB0000001F",
					"610000", "agency.created", "agency", "id-1", "{}", AuditHashing.GENESIS));
		assertThat(AuditHashing.hash(8, at, "admin", "11610000MB0000001F", "610000", "agency.created", "agency", "id-1",
				"{}", AuditHashing.GENESIS)).isNotEqualTo(hash);
		assertThat(AuditHashing.hash(7, at, "admin", "11610000MB0000001F", "610000", "agency.created", "agency", "id-2",
				"{}", AuditHashing.GENESIS)).isNotEqualTo(hash);
	}

	@Test
	void fieldBoundariesCannotBeShifted() {
		Instant at = Instant.parse("2026-01-05T08:00:00Z");
		assertThat(AuditHashing.hash(1, at, "ab", null, null, "c", "t", "s", "{}", AuditHashing.GENESIS))
			.isNotEqualTo(AuditHashing.hash(1, at, "a", null, null, "bc", "t", "s", "{}", AuditHashing.GENESIS));
	}
}
