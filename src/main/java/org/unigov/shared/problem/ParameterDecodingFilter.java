package org.unigov.shared.problem;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decodes the request's parameters (query string and form body) before anything else reads them,
 * and refuses the request with 400 when they cannot be read: bytes that are not UTF-8 ({@code
 * invalid_encoding}), too many parameters ({@code malformed_request}), a form body over the
 * container's limit ({@code payload_too_large}). Tomcat throws on every later read of such a
 * request, so otherwise whichever filter or controller read a parameter first would fail with a
 * 500 and a stack trace. A NUL character ({@code %00}) is refused too ({@code invalid_parameter}):
 * no text can hold it, and PostgreSQL refuses it with an error. Multipart bodies are left to
 * Spring MVC and its upload limits.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class ParameterDecodingFilter extends OncePerRequestFilter {

	private final Problems problems;

	ParameterDecodingFilter(Problems problems) {
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String contentType = request.getContentType();
		return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Map<String, String[]> parameters;
		try {
			parameters = request.getParameterMap();
		}
		catch (InvalidParameterException ex) {
			refuse(request, response, ex);
			return;
		}
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			if (holdsNul(parameter.getKey())
					|| Arrays.stream(parameter.getValue()).anyMatch(ParameterDecodingFilter::holdsNul)) {
				this.problems.refuse(request, response, HttpServletResponse.SC_BAD_REQUEST,
						CommonError.INVALID_PARAMETER, "A parameter holds a NUL character, which no text may hold.",
						Map.of("field", holdsNul(parameter.getKey()) ? "" : parameter.getKey()));
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private static boolean holdsNul(String text) {
		return text != null && text.indexOf('\0') >= 0;
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, InvalidParameterException ex)
			throws IOException {
		if (ex.getErrorCode() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
			this.problems.refuse(request, response, ex.getErrorCode(), CommonError.PAYLOAD_TOO_LARGE,
					"The form is larger than the allowed maximum.");
		}
		else if (causedByDecoding(ex)) {
			this.problems.refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, CommonError.INVALID_ENCODING,
					"A parameter is not valid UTF-8 (percent-encode the UTF-8 bytes of the text).");
		}
		else {
			this.problems.refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, CommonError.MALFORMED_REQUEST,
					"The request's parameters cannot be read.");
		}
	}

	private static boolean causedByDecoding(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof CharacterCodingException) {
				return true;
			}
		}
		return false;
	}
}
