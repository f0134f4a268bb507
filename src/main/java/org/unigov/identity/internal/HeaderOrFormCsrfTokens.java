package org.unigov.identity.internal;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.web.util.UriUtils;

/**
 * Spring Security's masked (XOR) CSRF tokens, read only from the {@code X-CSRF-TOKEN} header or a
 * form field, with two refusals added: a token in the query string does not count (it leaks into
 * logs, history and Referer headers), and a token that does not unmask to text (tampered, but of
 * the right length) is a wrong token, answered 403 like any other, not an exception and a 500.
 */
final class HeaderOrFormCsrfTokens implements CsrfTokenRequestHandler {

	private final XorCsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
		this.masked.handle(request, response, token);
	}

	@Override
	public @Nullable String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
		if (request.getHeader(token.getHeaderName()) == null && inQuery(request, token.getParameterName())) {
			return null;
		}
		try {
			return this.masked.resolveCsrfTokenValue(request, token);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static boolean inQuery(HttpServletRequest request, String name) {
		String query = request.getQueryString();
		if (query == null) {
			return false;
		}
		for (String pair : query.split("&")) {
			String key = pair.split("=", 2)[0];
			try {
				if (name.equals(UriUtils.decode(key, StandardCharsets.UTF_8))) {
					return true;
				}
			}
			catch (IllegalArgumentException ex) {
				// not a parameter name at all: not ours
			}
		}
		return false;
	}
}
