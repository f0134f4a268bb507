package org.unigov.shared.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;

import tools.jackson.databind.json.JsonMapper;

/**
 * Builds RFC 9457 problem details the same way everywhere: a {@code type} URI derived from the
 * stable code, a localized {@code title}, the {@code detail} sentence, the request path as
 * {@code instance}, and the members {@code code} (always) and {@code rule} (when a rule refused
 * the request). Also writes them straight to a response for filters that run before MVC.
 */
@Component
public class Problems {

	/** Base of the {@code type} URIs; documented in docs/api.md. */
	public static final String TYPE_BASE = "https://unigov.org/problems/";

	private final MessageSource messages;

	private final JsonMapper json;

	public Problems(MessageSource messages, JsonMapper json) {
		this.messages = messages;
		this.json = json;
	}

	public ProblemDetail of(ErrorCode error, String detail, @Nullable HttpServletRequest request) {
		return of(error, detail, Map.of(), request);
	}

	public ProblemDetail of(ErrorCode error, String detail, Map<String, ?> properties,
			@Nullable HttpServletRequest request) {
		return of(error, detail, properties, request != null ? locale(request) : LocaleContextHolder.getLocale(),
				request != null ? request.getRequestURI() : null);
	}

	private ProblemDetail of(ErrorCode error, String detail, Map<String, ?> properties, Locale locale,
			@Nullable String instance) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(error.status(), detail);
		problem.setType(URI.create(TYPE_BASE + error.code().replace('_', '-')));
		problem.setTitle(this.messages.getMessage("problem." + error.code(), null, error.status().getReasonPhrase(),
				locale));
		if (instance != null) {
			try {
				problem.setInstance(URI.create(instance));
			}
			catch (IllegalArgumentException ex) {
				// not a URI reference (a refused path): the problem goes without its instance
			}
		}
		problem.setProperty("code", error.code());
		if (!error.ruleId().isEmpty()) {
			problem.setProperty("rule", error.ruleId());
		}
		properties.forEach(problem::setProperty);
		return problem;
	}

	/**
	 * The language of the title: the resolved locale inside MVC; in filters (no resolver yet) the
	 * Accept-Language header, Simplified Chinese when there is none.
	 */
	private static Locale locale(HttpServletRequest request) {
		if (RequestContextUtils.getLocaleResolver(request) != null) {
			return RequestContextUtils.getLocale(request);
		}
		return request.getHeader("Accept-Language") != null && "en".equals(request.getLocale().getLanguage())
				? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
	}

	/** A problem+json document as bytes, for listeners outside the servlet container (the exchange). */
	public byte[] json(ErrorCode error, String detail, String instance, Locale locale) {
		return this.json.writeValueAsBytes(body(of(error, detail, Map.of(), locale, instance)));
	}

	/** Writes a problem directly, for security entry points and servlet filters. */
	public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode error, String detail)
			throws IOException {
		response.setStatus(error.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		this.json.writeValue(response.getOutputStream(), body(of(error, detail, request)));
	}

	/** The document's members in RFC 9457 order, then ours. */
	private static Map<String, Object> body(ProblemDetail problem) {
		Map<String, Object> body = new java.util.LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

	/**
	 * Whether a request expects a machine answer (problem+json) rather than an HTML page: API and
	 * exchange paths always do; elsewhere, clients that do not accept HTML do.
	 */
	public static boolean wantsProblemJson(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/api/") || path.startsWith("/exchange/") || path.startsWith("/oauth2/")
				|| path.startsWith("/v3/") || path.startsWith("/actuator")) {
			return true;
		}
		String accept = request.getHeader("Accept");
		return accept == null || !accept.contains("text/html");
	}
}
