package org.unigov.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.unigov.SignIn;
import org.unigov.UnigovTest;

/**
 * A refused form on a Chinese page names each field by its label and says what is wrong in Chinese;
 * the field key and the problem code stay only in the small print ({@code <small class="code">}).
 */
@UnigovTest
class RefusalBannerIntegrationTests {

	@Autowired
	MockMvc mvc;

	/** The page without its small print, markup or scripts: roughly what a reader sees. */
	static String readable(String html) {
		return html.replaceAll("(?s)<small class=\"code\"[^>]*>.*?</small>", "")
			.replaceAll("(?s)<script.*?</script>", "")
			.replaceAll("(?s)<[^>]+>", " ");
	}

	@Test
	@DisplayName("the banner says 预算明细第 1 行 · 金额（元） and 金额无法识别, not budgetLines[0].amountFen")
	void fieldsByLabel() throws Exception {
		MockHttpSession civil = SignIn.as(this.mvc, "yt-civil-admin");
		String page = this.mvc.perform(post("/projects").session(civil).with(csrf()).param("name", "")
				.param("budgetYuan[0]", "十万").param("budgetYear[0]", "2027"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		int banner = page.indexOf("id=\"refusal\"");
		assertThat(banner).isPositive();
		String refusal = page.substring(banner, page.indexOf("</div>", banner));
		assertThat(refusal).contains("budgetLines[0].amountFen").contains("class=\"code\"");
		String text = readable(refusal);
		assertThat(text).contains("预算明细第 1 行 · 金额（元）：").contains("金额无法识别。")
			.doesNotContain("budgetLines").doesNotContain("amountFen").doesNotContainPattern("[a-z]+_[a-z]+")
			.doesNotContainPattern("[A-Z][a-z]+ [a-z]+ [a-z]+");
	}
}
