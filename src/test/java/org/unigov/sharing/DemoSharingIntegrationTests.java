package org.unigov.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.unigov.UnigovTest;

/** The demo data a newcomer sees on first start: a catalog of all sharing types and requests in every state. */
@UnigovTest
class DemoSharingIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	List<String> values(String sql) {
		return jdbc.sql(sql).query(String.class).list();
	}

	@Test
	void catalogHasEveryTypeAndOpenEntries() {
		assertThat(jdbc.sql("select count(*) from cat_entry where status = 'published' and id in (select entry_id from cat_revision where created_by = 'system')")
			.query(Long.class).single()).isGreaterThanOrEqualTo(60);
		assertThat(values("select distinct sharing_type from cat_entry where id in (select entry_id from cat_revision where created_by = 'system')"))
			.contains("unconditional", "conditional", "not-shared");
		assertThat(values("select distinct open_attribute from cat_entry where id in (select entry_id from cat_revision where created_by = 'system')"))
			.contains("open", "open-conditional", "not-open");
	}

	@Test
	void requestsInEveryStateWithOneOverdue() {
		assertThat(values("select distinct status from shr_request where filed_by like 'demo-%'"))
			.contains("submitted", "incomplete", "approved", "refused", "withdrawn");
		assertThat(jdbc.sql("select count(*) from shr_request where filed_by like 'demo-%' and escalated_at is not null")
			.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from shr_dispute d join shr_request r on r.id = d.request_id where r.filed_by like 'demo-%'")
			.query(Long.class).single()).isEqualTo(1);
	}
}
