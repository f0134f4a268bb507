package org.unigov;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Health probes, metrics and the paging contract every list shares. */
@UnigovTest
class OperationsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Test
	void healthProbesArePublicAndUp() throws Exception {
		for (String probe : new String[] { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" }) {
			this.mvc.perform(get(probe)).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
		}
	}

	@Test
	void prometheusMetricsNeedThePlatformAdmin() throws Exception {
		this.mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/actuator/prometheus").session(SignIn.as(this.mvc, "xa-coord")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/actuator/prometheus").session(SignIn.as(this.mvc, "admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("jvm_memory_used_bytes")))
			.andExpect(content().string(Matchers.containsString("http_server_requests_seconds")));
	}

	@Test
	void divisionsListTheChildrenOfOne() throws Exception {
		this.mvc.perform(get("/api/v1/divisions?parentCode=610100").session(SignIn.as(this.mvc, "citizen")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page.totalElements").value(3))
			.andExpect(jsonPath("$.content[*].code").value(Matchers.contains("610103", "610112", "610113")));
	}

	@Test
	void pagesAreCappedAtOneHundredAndShapedAlike() throws Exception {
		this.mvc.perform(get("/api/v1/agencies?size=1000&page=0").session(SignIn.as(this.mvc, "admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page.size").value(100))
			.andExpect(jsonPath("$.page.number").value(0))
			.andExpect(jsonPath("$.page.totalElements").isNumber())
			.andExpect(jsonPath("$.page.totalPages").isNumber())
			.andExpect(jsonPath("$.content").isArray());
	}
}
