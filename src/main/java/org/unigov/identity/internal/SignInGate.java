package org.unigov.identity.internal;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sign-in form's side of {@link SignInAttempts}. A sign-in whose account and address must still
 * wait is answered {@code /login?throttled=<minutes>} before its password is read; a failed one is
 * counted and answered {@code /login?error} whatever the reason (wrong password, unknown or disabled
 * account), so that no answer tells one account from another. Not a bean: a filter bean would also
 * be registered with the servlet container for every request.
 */
final class SignInGate extends OncePerRequestFilter implements AuthenticationFailureHandler {

	static final String USERNAME = "username";

	private static final RequestMatcher SIGN_IN = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/login");

	private final SignInAttempts attempts;

	private final RedirectStrategy redirects = new DefaultRedirectStrategy();

	SignInGate(SignInAttempts attempts) {
		this.attempts = attempts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (SIGN_IN.matches(request)) {
			Duration wait = this.attempts.retryAfter(request.getParameter(USERNAME), request.getRemoteAddr());
			if (!wait.isZero()) {
				this.redirects.sendRedirect(request, response, "/login?throttled=" + minutes(wait));
				return;
			}
		}
		chain.doFilter(request, response);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		this.attempts.failed(request.getParameter(USERNAME), request.getRemoteAddr());
		this.redirects.sendRedirect(request, response, "/login?error");
	}

	/** Whole minutes, rounded up: what the page shows. */
	static long minutes(Duration wait) {
		return Math.max(1, (wait.toSeconds() + 59) / 60);
	}
}
