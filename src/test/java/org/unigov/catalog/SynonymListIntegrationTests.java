package org.unigov.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.unigov.catalog.CatalogFixtures.send;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.UnigovTest;
import org.unigov.audit.AuditJournal;
import org.unigov.catalog.search.SynonymList;
import org.unigov.catalog.search.SynonymRule;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;

/** The search synonym list: shipped defaults, edited by the platform admin only, audited, applied at once. */
@UnigovTest
class SynonymListIntegrationTests {

	/** Restores the list after a test, as the admin would. */
	private static final Actor PLATFORM_ADMIN = new Actor(null, "admin", "admin", Actor.Kind.STAFF, null, null, null,
			java.util.Set.of(Role.PLATFORM_ADMIN));

	@Autowired
	MockMvc mvc;

	@Autowired
	SynonymList synonyms;

	@Autowired
	AuditJournal journal;

	private long hits(MockHttpSession session, String q) throws Exception {
		String body = this.mvc.perform(get("/api/v1/catalog/resources").param("q", q).session(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		return ((Number) JsonPath.read(body, "$.total")).longValue();
	}

	@Nested
	class Replace {

		@Test
		void aNewRuleAppliesToTheNextSearchAndIsAudited() throws Exception {
			MockHttpSession admin = SignIn.as(SynonymListIntegrationTests.this.mvc, "admin");
			List<SynonymRule> before = SynonymListIntegrationTests.this.synonyms.rules();
			try {
				assertThat(hits(admin, "房本")).isZero();
				send(SynonymListIntegrationTests.this.mvc, put("/api/v1/catalog/synonyms"), admin,
						"{\"rules\": [{\"words\": [\"社保\", \"社会保险\"]}, {\"words\": [\"房本\"], \"expandsTo\": [\"不动产登记\"]}]}")
					.andExpect(status().isOk())
					.andExpect(jsonPath("$.rules[1].expandsTo[0]").value("不动产登记"));
				assertThat(hits(admin, "房本")).isPositive();
				assertThat(SynonymListIntegrationTests.this.journal.history("catalog-synonyms", "search"))
					.anySatisfy(entry -> {
						assertThat(entry.action()).isEqualTo("catalog.synonyms.replaced");
						assertThat(entry.actor()).isEqualTo("admin");
						assertThat(entry.details()).contains("房本 => 不动产登记");
					});
			}
			finally {
				SynonymListIntegrationTests.this.synonyms.replace(PLATFORM_ADMIN, before);
			}
		}

		@Test
		void onlyThePlatformAdminReadsOrEditsTheList() throws Exception {
			MockHttpSession coordinator = SignIn.as(SynonymListIntegrationTests.this.mvc, "sn-coord");
			SynonymListIntegrationTests.this.mvc.perform(get("/api/v1/catalog/synonyms").session(coordinator))
				.andExpect(status().isForbidden());
			send(SynonymListIntegrationTests.this.mvc, put("/api/v1/catalog/synonyms"), coordinator,
					"{\"rules\": []}")
				.andExpect(status().isForbidden());
			SynonymListIntegrationTests.this.mvc.perform(get("/catalog/synonyms").session(coordinator))
				.andExpect(status().isForbidden());
		}

		@Test
		void badRulesAreRefusedWithStableCodes() throws Exception {
			MockHttpSession admin = SignIn.as(SynonymListIntegrationTests.this.mvc, "admin");
			for (String body : List.of("{\"rules\": [{\"words\": [\"社 保\", \"社会保险\"]}]}",
					"{\"rules\": [{\"words\": [\"社保\"]}]}", "{\"rules\": [{\"words\": [null, \"社保\"]}]}",
					"{\"rules\": [{\"words\": [\"社保\", \"a\\u200bb\"]}]}", "{\"rules\": [{}]}")) {
				send(SynonymListIntegrationTests.this.mvc, put("/api/v1/catalog/synonyms"), admin, body)
					.andExpect(status().is(422))
					.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
					.andExpect(jsonPath("$.code").value("invalid_synonyms"));
			}
			for (String body : List.of("{}", "{\"rules\": [null]}", "{\"rules\": \"社保\"}", "{\"rules\": [{\"words\": 3}]}",
					"not json")) {
				int status = send(SynonymListIntegrationTests.this.mvc, put("/api/v1/catalog/synonyms"), admin, body)
					.andReturn()
					.getResponse()
					.getStatus();
				assertThat(status).as(body).isBetween(400, 499);
			}
			assertThat(SynonymListIntegrationTests.this.synonyms.rules()).as("nothing changed")
				.anySatisfy(rule -> assertThat(rule.words()).contains("社保"));
		}
	}

	@Nested
	class Page {

		@Test
		void theAdminSeesTheListAndABadLineIsRefusedInChinese() throws Exception {
			MockHttpSession admin = SignIn.as(SynonymListIntegrationTests.this.mvc, "admin");
			String page = SynonymListIntegrationTests.this.mvc.perform(get("/catalog/synonyms").session(admin))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
			assertThat(page).contains("检索同义词表").contains("社保, 社会保险").contains("营业执照 =&gt; 市场主体登记");
			org.springframework.web.servlet.FlashMap flash = SynonymListIntegrationTests.this.mvc
				.perform(post("/catalog/synonyms").param("text", "社保, 社会保险\n孤词").session(admin).with(csrf()))
				.andExpect(status().is3xxRedirection())
				.andReturn()
				.getFlashMap();
			String refused = SynonymListIntegrationTests.this.mvc
				.perform(get("/catalog/synonyms").session(admin).flashAttrs(flash))
				.andReturn()
				.getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
			assertThat(refused).contains("检索同义词表有误").contains("该规则至少需要两个不同的词").contains("孤词");
			assertThat(SynonymListIntegrationTests.this.synonyms.rules()).hasSizeGreaterThan(2);
		}
	}
}
