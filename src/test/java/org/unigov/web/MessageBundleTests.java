package org.unigov.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;
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
		Set<String> missing = errorCodes().stream()
			.flatMap(type -> Arrays.stream(type.getEnumConstants()))
			.map(ErrorCode::code)
			.filter(code -> zh.getProperty("problem." + code) == null)
			.collect(Collectors.toSet());
		assertThat(missing).isEmpty();
	}

	/** Every enum of stable error codes in the platform, found on the class path so none is forgotten. */
	@SuppressWarnings("unchecked")
	private static List<Class<? extends ErrorCode>> errorCodes() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AssignableTypeFilter(ErrorCode.class));
		List<Class<? extends ErrorCode>> types = scanner.findCandidateComponents("org.unigov")
			.stream()
			.map(candidate -> ClassUtils.resolveClassName(candidate.getBeanClassName(), null))
			.filter(Class::isEnum)
			.<Class<? extends ErrorCode>>map(type -> (Class<? extends ErrorCode>) type)
			.toList();
		assertThat(types).as("error code enums found").hasSizeGreaterThan(8);
		return types;
	}

	private static Properties load(String resource) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = MessageBundleTests.class.getResourceAsStream(resource)) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}
}
