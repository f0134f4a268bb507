package org.unigov.shared.problem;

import java.io.IOException;

/** Raised while reading a request body that exceeds the configured limit. */
public class BodyTooLargeException extends IOException {

	private final long limit;

	public BodyTooLargeException(long limit) {
		super("Request body exceeds " + limit + " bytes");
		this.limit = limit;
	}

	public long limit() {
		return this.limit;
	}
}
