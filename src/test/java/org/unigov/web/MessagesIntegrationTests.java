package org.unigov.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.unigov.UnigovTest;

/** Numbers in messages that are not amounts (years, ports, counts, row numbers) are written without grouping. */
@UnigovTest
class MessagesIntegrationTests {

	@Autowired
	MessageSource messages;

	@Test
	@DisplayName("a year, a count and a page number in a message have no thousands separator")
	void wholeNumbersAreNotGrouped() {
		assertThat(this.messages.getMessage("calendar.caption", new Object[] { 2026, "国办发明电〔2025〕7号" }, Locale.CHINA))
			.startsWith("2026 年");
		assertThat(this.messages.getMessage("common.page", new Object[] { 1, 2, 18401L }, Locale.CHINA))
			.isEqualTo("第 1 / 2 页，共 18401 条");
		assertThat(this.messages.getMessage("common.page", new Object[] { 1, 2, 18401L }, Locale.ENGLISH))
			.contains("18401").doesNotContain("18,401");
	}

	@Test
	@DisplayName("the bundles still resolve as before: Chinese by default, English on request, no fallback to the server's locale")
	void bundlesResolve() {
		assertThat(this.messages.getMessage("app.name", null, Locale.CHINA)).isEqualTo("统一政务平台 Unigov");
		assertThat(this.messages.getMessage("app.name", null, Locale.ENGLISH)).isEqualTo("Unigov");
		assertThat(this.messages.getMessage("app.name", null, Locale.GERMAN)).isEqualTo("统一政务平台 Unigov");
	}
}
