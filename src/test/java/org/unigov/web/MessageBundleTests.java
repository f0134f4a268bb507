package org.unigov.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.unigov.registry.RegistryError;
import org.unigov.shared.problem.ErrorCode;

/** Both languages say everything: the same keys, and a title for every stable error code. */
class MessageBundleTests {

	@Test
	void chineseAndEnglishBundlesHaveTheSameKeys() throws IOException {
		Set<String> zh = load("/messages.properties").stringPropertyNames();
		Set<String> en = load("/messages_en.properties").stringPropertyNames();
		assertThat(zh).containsExactlyInAnyOrderElementsOf(en);
	}

	@Test
	void everyErrorCodeHasATitle() throws IOException {
		Properties zh = load("/messages.properties");
		Set<String> missing = java.util.stream.Stream
			.of(RegistryError.values(), org.unigov.catalog.CatalogError.values(), org.unigov.sharing.internal.SharingError.values(),
					org.unigov.calendar.CalendarError.values(), org.unigov.shared.problem.CommonError.values(),
					org.unigov.organization.OrganizationError.values(), org.unigov.identity.IdentityError.values(),
					org.unigov.exchange.ExchangeError.values(), org.unigov.projects.ProjectError.values())
			.flatMap(Arrays::stream)
			.map(ErrorCode::code)
			.filter(code -> zh.getProperty("problem." + code) == null)
			.collect(Collectors.toSet());
		assertThat(missing).isEmpty();
	}

	private static Properties load(String resource) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = MessageBundleTests.class.getResourceAsStream(resource)) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}
}
