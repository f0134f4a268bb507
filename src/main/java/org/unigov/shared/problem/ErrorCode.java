package org.unigov.shared.problem;

import org.springframework.http.HttpStatus;

/**
 * A stable, machine-readable error: each module keeps a small enum of these. The {@link #code()}
 * is part of the API contract (clients switch on it), so it never changes once published; the
 * human title comes from the message bundles under {@code problem.<code>}.
 */
public interface ErrorCode {

	/** What an error is: its stable code, its HTTP status and the rule of RULES.md behind it, if any. */
	record Spec(String code, HttpStatus status, String ruleId) {

		public Spec(String code, HttpStatus status) {
			this(code, status, "");
		}
	}

	Spec spec();

	/** The stable snake_case code, e.g. {@code agency_not_found}. */
	default String code() {
		return spec().code();
	}

	default HttpStatus status() {
		return spec().status();
	}

	/** The id of the rule in RULES.md that refused the request, if a rule did. */
	default String ruleId() {
		return spec().ruleId();
	}
}
