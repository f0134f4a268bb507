package org.unigov.exchange.gateway;

import org.jspecify.annotations.Nullable;
import org.unigov.shared.problem.ErrorCode;

/** A refusal: the problem to answer with, and what to put in the log. */
final class Refusal extends Exception {

	final ErrorCode error;

	final @Nullable Long retryAfter;

	Refusal(ErrorCode error, String detail) {
		this(error, detail, null);
	}

	Refusal(ErrorCode error, String detail, @Nullable Long retryAfter) {
		super(detail, null, false, false);
		this.error = error;
		this.retryAfter = retryAfter;
	}
}
