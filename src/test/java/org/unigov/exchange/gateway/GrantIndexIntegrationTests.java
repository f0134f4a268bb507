package org.unigov.exchange.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.unigov.UnigovTest;
import org.unigov.sharing.GrantIssued;
import org.unigov.sharing.GrantResumed;
import org.unigov.sharing.GrantRevoked;
import org.unigov.sharing.GrantSuspended;

/**
 * The gateway's grant index follows the grant events alone: an issued grant is in force from its
 * event without the gateway reading sharing's data, and a suspended one comes back as it was. The
 * grants here exist only as events (sharing has no row for them), so the index cannot have read
 * them back.
 */
@UnigovTest
class GrantIndexIntegrationTests {

	@Autowired
	GrantIndex index;

	@Autowired
	ApplicationEventPublisher events;

	private final UUID system = UUID.randomUUID();

	private GrantIssued issued(UUID grant) {
		return new GrantIssued(grant, this.system, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				"990/00017", List.of("姓名", "性别"), "索引测试", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 42);
	}

	@Test
	@DisplayName("S6 an issued grant is in force from its event, with its items, purpose, validity and rate")
	void issuedGrantIsBuiltFromItsEvent() {
		UUID grant = UUID.randomUUID();
		this.events.publishEvent(issued(grant));
		assertThat(this.index.find(this.system, "990/00017")).singleElement().satisfies(active -> {
			assertThat(active.id()).isEqualTo(grant);
			assertThat(active.items()).isEqualTo(Set.of("姓名", "性别"));
			assertThat(active.purpose()).isEqualTo("索引测试");
			assertThat(active.validOn(LocalDate.of(2026, 6, 1))).isTrue();
			assertThat(active.validOn(LocalDate.of(2027, 1, 1))).isFalse();
			assertThat(active.ratePerMinute()).isEqualTo(42);
		});
		this.events.publishEvent(new GrantRevoked(grant, this.system, "990/00017", "测试结束"));
		assertThat(this.index.find(this.system, "990/00017")).isEmpty();
	}

	@Test
	@DisplayName("S7 a suspended grant is refused, and in force again as it was once resumed")
	void suspendedGrantComesBackAsItWas() {
		UUID grant = UUID.randomUUID();
		this.events.publishEvent(issued(grant));
		this.events.publishEvent(new GrantSuspended(grant, this.system, "990/00017", "超范围使用"));
		assertThat(this.index.find(this.system, "990/00017")).isEmpty();
		this.events.publishEvent(new GrantResumed(grant, this.system, "990/00017", "已整改"));
		assertThat(this.index.find(this.system, "990/00017")).singleElement()
			.satisfies(active -> assertThat(active.ratePerMinute()).isEqualTo(42));
		this.events.publishEvent(new GrantRevoked(grant, this.system, "990/00017", "测试结束"));
	}
}
