package org.unigov.shared.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The site's error page for a person, written without Spring MVC or templates: for requests that
 * are refused before MVC can run (the servlet container could not parse them, or their parameters
 * cannot be decoded, so no template may touch them). Same stylesheet, header and wording as the
 * {@code error} template.
 */
@Component
class PlainErrorPage {

	private final MessageSource messages;

	PlainErrorPage(MessageSource messages) {
		this.messages = messages;
	}

	void write(HttpServletResponse response, int status, ErrorCode error, Locale locale, String contextPath)
			throws IOException {
		String lead = message("error." + status, locale,
				message(status >= 500 ? "error.500" : "error.400", locale, "The request is not valid."));
		String title = message("error.title", locale, "Error");
		String app = message("app.name", locale, "Unigov");
		String base = HtmlUtils.htmlEscape(contextPath);
		String html = """
				<!DOCTYPE html>
				<html lang="%s">
				<head>
				  <meta charset="utf-8">
				  <meta name="viewport" content="width=device-width, initial-scale=1">
				  <title>%s · %s</title>
				  <link rel="icon" type="image/svg+xml" href="%s/img/favicon.svg">
				  <link rel="stylesheet" href="%s/css/unigov.css">
				</head>
				<body>
				<header class="site-header">
				  <a class="brand" href="%s/"><span class="brand-mark" aria-hidden="true">U</span> <span>%s</span></a>
				</header>
				<main id="main" tabindex="-1">
				  <h1><span>%s</span> <span>%d</span></h1>
				  <p class="lead">%s</p>
				  <p class="muted"><span>%s</span>: <code>%s</code></p>
				  <p><a href="%s/">%s</a></p>
				</main>
				</body>
				</html>
				""".formatted("en".equals(locale.getLanguage()) ? "en" : "zh-CN", escape(title), escape(app), base,
				base, base, escape(app), escape(title), status, escape(lead),
				escape(message("error.code", locale, "Code")), escape(error.code()), base,
				escape(message("error.home", locale, "Home")));
		byte[] body = html.getBytes(StandardCharsets.UTF_8);
		response.setStatus(status);
		response.setContentType("text/html;charset=UTF-8");
		response.setHeader("Cache-Control", "no-store");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private String message(String key, Locale locale, String fallback) {
		return this.messages.getMessage(key, null, fallback, locale);
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text);
	}
}
