package org.unigov.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import tools.jackson.databind.json.JsonMapper;

@UnigovTest
class ApiDocumentationIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlers;

	@Autowired
	JsonMapper json;

	@Test
	void everyOperationDescribesTheTypesItReallyBindsAndReturns() throws Exception {
		String document = this.mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
		BoundSchemas schemas = new BoundSchemas(this.json.readTree(document));
		List<String> mismatches = schemas.compare(this.handlers.getHandlerMethods());
		assertThat(schemas.operations()).as("operations compared").isGreaterThan(100);
		assertThat(mismatches).as(String.join("\n", mismatches)).isEmpty();
	}

	@Test
	void describesEveryApiWithRolesAndProblems() throws Exception {
		this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.openapi").value(Matchers.startsWith("3.1")))
			.andExpect(jsonPath("$.paths['/api/v1/agencies'].post['x-roles']").value(Matchers.contains("PLATFORM_ADMIN", "COORDINATOR")))
			.andExpect(jsonPath("$.paths['/api/v1/agencies'].post.responses['422'].content['application/problem+json']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/audit/verify'].get['x-roles']").value(Matchers.contains("AUDITOR", "PLATFORM_ADMIN")))
			.andExpect(jsonPath("$.paths['/api/v1/staff/{id}'].put").exists())
			.andExpect(jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"));
	}

	@Test
	void swaggerUiIsForSignedInStaff() throws Exception {
		this.mvc.perform(get("/swagger-ui/index.html").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/swagger-ui/index.html").session(SignIn.as(this.mvc, "xa-hrss-staff")))
			.andExpect(status().isOk());
	}
}
