package org.unigov.shared.problem;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

	private static final Logger log = LoggerFactory.getLogger(Problems.class);

	/** Base of the {@code type} URIs; documented in docs/api.md. */
	public static final String TYPE_BASE = "https://unigov.org/problems/";

	private final MessageSource messages;

	private final JsonMapper json;

	private final PlainErrorPage page;

	Problems(MessageSource messages, JsonMapper json, PlainErrorPage page) {
		this.messages = messages;
		this.json = json;
		this.page = page;
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
	static Locale locale(HttpServletRequest request) {
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
		write(request, response, error.status().value(), error, detail, Map.of());
	}

	private void write(HttpServletRequest request, HttpServletResponse response, int status, ErrorCode error,
			String detail, Map<String, ?> properties) throws IOException {
		ProblemDetail problem = of(error, detail, properties, request);
		problem.setStatus(status);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		this.json.writeValue(response.getOutputStream(), body(problem));
	}

	/**
	 * Refuses a request that cannot go on to Spring MVC (its parameters do not decode, or the
	 * servlet container could not parse it): problem+json for machines, the site's error page for
	 * people. Bad input is logged in one line, never with a stack trace.
	 */
	public void refuse(HttpServletRequest request, HttpServletResponse response, int status, ErrorCode error,
			String detail) throws IOException {
		refuse(request, response, status, error, detail, Map.of());
	}

	/** {@link #refuse(HttpServletRequest, HttpServletResponse, int, ErrorCode, String)} with members. */
	public void refuse(HttpServletRequest request, HttpServletResponse response, int status, ErrorCode error,
			String detail, Map<String, ?> properties) throws IOException {
		log.info("Refused {} {} {}: {} {}", request.getMethod(), printable(request.getRequestURI()), status,
				error.code(), detail);
		if (wantsProblemJson(request)) {
			write(request, response, status, error, detail, properties);
		}
		else {
			this.page.write(response, status, error, locale(request),
					request.getContextPath() == null ? "" : request.getContextPath());
		}
	}

	/** A client-supplied string as it may go into a log line: short, one line, no control characters. */
	private static String printable(@Nullable String text) {
		if (text == null) {
			return "(unreadable)";
		}
		String shown = text.length() > 200 ? text.substring(0, 200) + "…" : text;
		return shown.codePoints()
			.map(c -> Character.isISOControl(c) ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
	}

	/** The document's members in RFC 9457 order, then ours. */
	private static Map<String, Object> body(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
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
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		String path = uri == null ? "" : context != null && uri.startsWith(context) ? uri.substring(context.length()) : uri;
		if (path.startsWith("/api/") || path.startsWith("/exchange/") || path.startsWith("/oauth2/")
				|| path.startsWith("/v3/") || path.startsWith("/actuator")) {
			return true;
		}
		String accept = request.getHeader("Accept");
		return accept == null || !accept.contains("text/html");
	}
}
