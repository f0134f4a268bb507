package org.unigov.shared.problem;

import java.util.Map;

/**
 * The one exception type modules throw for a refused request. It carries a typed
 * {@link ErrorCode}, a detail sentence for the person reading the error, and optional extra
 * properties that end up as members of the problem+json document.
 */
public class UnigovException extends RuntimeException {

	private final ErrorCode error;

	private final Map<String, Object> properties;

	public UnigovException(ErrorCode error, String detail) {
		this(error, detail, Map.of());
	}

	public UnigovException(ErrorCode error, String detail, Map<String, Object> properties) {
		super(detail);
		this.error = error;
		this.properties = Map.copyOf(properties);
	}

	public ErrorCode error() {
		return this.error;
	}

	public Map<String, Object> properties() {
		return this.properties;
	}

	public static UnigovException notFound(ErrorCode error, String what, Object id) {
		return new UnigovException(error, what + " " + id + " does not exist or is outside your scope.");
	}
}
