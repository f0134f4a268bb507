package org.unigov.audit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Every state change is written to the audit chain (definition of done, item 4), checked on every
 * request of the whole test suite, as X-Road's audit-logging test checks every write endpoint:
 * this filter, present in every test application context, watches each successful POST, PUT, PATCH
 * and DELETE that reached a handler and records it when a transaction of the request changed data
 * and committed ({@link WritingTransactions}) while the audit chain's head did not move. A write
 * that changed nothing (a form sent back with its errors, a refused action rolled back, a check, a
 * preview) is not a state change and needs no entry. Audit entries written in the background can
 * only hide a violation, never invent one.
 * {@link AuditedWritesListener} then fails the test method that made the call. The answer is held
 * back until the check is done, so the call cannot finish before its verdict.
 *
 * <p>The few writes that change nothing worth auditing are listed in {@link #EXEMPT} with the reason.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AuditedWrites extends OncePerRequestFilter {

	/** Method and mapping pattern of writes that are not audited, and why. */
	static final Map<String, String> EXEMPT = Map.ofEntries(
			Map.entry("POST /logout", "ends the caller's own session; changes no platform data"),
			Map.entry("POST /oauth2/token", "issues a token under an authorization already audited"),
			Map.entry("POST /oauth2/revoke", "revokes the caller's own token"),
			Map.entry("POST /oauth2/introspect", "reads a token"),
			Map.entry("POST /language", "sets the caller's display language cookie"));

	private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

	private static final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

	private final JdbcClient jdbc;

	AuditedWrites(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!WRITES.contains(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		WritingTransactions.reset();
		long before = head();
		ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
		try {
			chain.doFilter(request, held);
		}
		finally {
			int status = held.getStatus();
			// set once a handler was chosen: security's own answers (sign-in, redirects) have none
			Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
			String endpoint = request.getMethod() + " " + pattern;
			if (pattern != null && status < 400 && !EXEMPT.containsKey(endpoint)) {
				if (WritingTransactions.changedData() && head() == before) {
					violations.add(endpoint + " answered " + status + " and changed data without an audit entry");
				}
			}
			held.copyBodyToResponse();
		}
	}

	private long head() {
		return this.jdbc.sql("select sequence from audit_head where id = 1").query(Long.class).single();
	}

	/** With {@code -Daudit.writes.record=true} the suite lists unaudited writes in target/ instead of failing. */
	static boolean recordOnly() {
		return Boolean.getBoolean("audit.writes.record");
	}

	/** What was recorded since the last call, emptied. */
	static List<String> drain() {
		List<String> drained = new ArrayList<>();
		for (String v; (v = violations.poll()) != null;) {
			drained.add(v);
		}
		return drained;
	}
}
