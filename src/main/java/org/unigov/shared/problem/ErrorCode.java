package org.unigov.shared.problem;

import org.springframework.http.HttpStatus;

/**
 * A stable, machine-readable error: each module keeps a small enum of these. The {@link #code()}
 * is part of the API contract (clients switch on it), so it never changes once published; the
 * human title comes from the message bundles under {@code problem.<code>}.
 */
public interface ErrorCode {

	/** The stable snake_case code, e.g. {@code agency_not_found}. */
	String code();

	HttpStatus status();

	/** The id of the rule in RULES.md that refused the request, if a rule did. */
	default String ruleId() {
		return "";
	}
}
