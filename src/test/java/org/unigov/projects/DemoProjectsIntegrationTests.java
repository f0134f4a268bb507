package org.unigov.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.unigov.UnigovTest;

/** The demo's projects: a dozen in every state, seeded through the services on first start. */
@UnigovTest
class DemoProjectsIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	String state(String name) {
		return jdbc.sql("select status || '/' || stage || '/' || coalesce(gate_outcome, '-') from prj_project where name = ? and created_by like 'demo-%'")
			.param(name).query(String.class).single();
	}

	@Test
	void aDozenDemoProjectsInEveryState() {
		Map<String, Long> byStatus = jdbc.sql("select status, count(*) from prj_project where created_by like 'demo-%' group by status")
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		assertThat(byStatus.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12);
		assertThat(byStatus).containsKeys("draft", "in-review", "returned", "rejected", "approved", "withdrawn");
		// one fails the duplicate gate against the demo registry
		assertThat(state("雁塔区居家养老服务管理平台")).isEqualTo("draft/feasibility-design/fail");
		assertThat(state("西安市就业见习管理系统")).startsWith("returned/");
		assertThat(state("西安市互联网医院监管平台")).startsWith("draft/feasibility/");
		assertThat(state("陕西省社会保险待遇资格认证系统")).startsWith("in-review/");
		assertThat(jdbc.sql("select count(*) from prj_review_step where status = 'pending' and due < current_date")
			.query(Long.class).single()).isPositive();
		assertThat(jdbc.sql("select count(*) from prj_spend").query(Long.class).single()).isPositive();
	}
}
