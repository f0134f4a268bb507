package org.unigov.shared.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.UriUtils;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * Spring Data percent-decodes each {@code sort} value a second time, after the container did, and
 * throws an {@link IllegalArgumentException} (a 500) on a lone {@code %}. This check refuses such
 * a value first, for every handler that takes a {@link Pageable} or a {@link Sort}, as 400
 * {@code invalid_parameter} naming {@code sort}.
 */
@Configuration(proxyBeanMethods = false)
class SortParameters implements WebMvcConfigurer {

	static final String SORT = "sort";

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				if (handler instanceof HandlerMethod method && sorts(method)) {
					check(request.getParameterValues(SORT));
				}
				return true;
			}
		});
	}

	private static boolean sorts(HandlerMethod method) {
		return Arrays.stream(method.getMethodParameters())
			.map(parameter -> parameter.getParameterType())
			.anyMatch(type -> Pageable.class.isAssignableFrom(type) || Sort.class.isAssignableFrom(type));
	}

	static void check(String[] values) {
		if (values == null) {
			return;
		}
		for (String value : values) {
			try {
				UriUtils.decode(value, StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				throw new UnigovException(CommonError.INVALID_PARAMETER,
						"The parameter 'sort' is not a property name with an optional direction (name,asc).",
						Map.of("field", SORT));
			}
		}
	}
}
