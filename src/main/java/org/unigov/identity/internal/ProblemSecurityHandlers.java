package org.unigov.identity.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.Problems;

/**
 * Answers 401 and 403 from the security filters as problem+json, with the
 * {@code WWW-Authenticate} challenge RFC 6750 asks for on bearer-token errors. Page requests that
 * are denied get the HTML error page instead.
 */
@Component
class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final Problems problems;

	ProblemSecurityHandlers(Problems problems) {
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		if (ex instanceof OAuth2AuthenticationException) {
			response.setHeader("WWW-Authenticate",
					"Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\"");
			this.problems.write(request, response, CommonError.INVALID_TOKEN,
					"The access token is invalid or has expired: request a new one.");
			return;
		}
		response.setHeader("WWW-Authenticate", "Bearer");
		this.problems.write(request, response, CommonError.UNAUTHENTICATED,
				"Sign in, or send an OAuth2 bearer token, to use this resource.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		if (Problems.wantsProblemJson(request)) {
			this.problems.write(request, response, CommonError.FORBIDDEN, "You are not allowed to do this.");
		}
		else {
			response.sendError(HttpServletResponse.SC_FORBIDDEN);
		}
	}
}
