package org.unigov.web;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The message bundles ({@code messages*.properties}, UTF-8, no fallback to the server's locale),
 * with one change to how arguments are formatted: a whole number passed to a message ({0}) is
 * written plainly. {@code MessageFormat} would group it ("2,026 年", "端口 18,401", "3,000 人");
 * years, ports, counts and row numbers are not amounts, and amounts are formatted in yuan before
 * they reach a message.
 */
@Configuration(proxyBeanMethods = false)
class Messages {

	@Bean
	MessageSource messageSource() {
		ResourceBundleMessageSource source = new PlainNumberMessageSource();
		source.setBasename("messages");
		source.setDefaultEncoding(StandardCharsets.UTF_8.name());
		source.setFallbackToSystemLocale(false);
		return source;
	}

	static class PlainNumberMessageSource extends ResourceBundleMessageSource {

		@Override
		protected Object[] resolveArguments(Object @Nullable [] args, Locale locale) {
			Object[] resolved = super.resolveArguments(args, locale);
			for (int i = 0; i < resolved.length; i++) {
				if (resolved[i] instanceof Integer || resolved[i] instanceof Long || resolved[i] instanceof Short
						|| resolved[i] instanceof BigInteger) {
					resolved[i] = resolved[i].toString();
				}
			}
			return resolved;
		}
	}
}
