package org.unigov.web;

import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Simplified Chinese by default, English on request. The choice ({@code ?lang=en} or
 * {@code ?lang=zh-CN}, from the switch in the header) is remembered in a cookie for a year. Pages
 * ignore the browser's Accept-Language (most government desktops send en-US); API clients without
 * the cookie get English problem titles when their Accept-Language prefers it.
 */
@Configuration(proxyBeanMethods = false)
class Languages implements WebMvcConfigurer {

	static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

	@Bean
	LocaleResolver localeResolver() {
		return new SupportedLocaleResolver();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LocaleChangeInterceptor();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change);
	}

	static Locale supported(@Nullable Locale locale) {
		return locale != null && "en".equals(locale.getLanguage()) ? Locale.ENGLISH : CHINESE;
	}

	private static final class SupportedLocaleResolver extends CookieLocaleResolver {

		SupportedLocaleResolver() {
			super("UNIGOV_LANG");
			setCookieMaxAge(Duration.ofDays(365));
			setCookieSameSite("Lax");
			// Pages are Chinese until the person switches; API clients may ask for English.
			setDefaultLocaleFunction(request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/")
					&& request.getHeader("Accept-Language") != null ? supported(request.getLocale()) : CHINESE);
		}

		@Override
		public Locale resolveLocale(HttpServletRequest request) {
			return supported(super.resolveLocale(request));
		}

		@Override
		public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response,
				@Nullable Locale locale) {
			super.setLocale(request, response, locale == null ? null : supported(locale));
		}
	}
}
