package org.unigov.shared.problem;

import java.util.List;
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

	/**
	 * A refused record with every problem listed under {@code errors} (field, code, message), so a
	 * form can show them all at once.
	 */
	public static UnigovException invalid(ErrorCode error, String detail, List<FieldProblem> problems) {
		List<Map<String, String>> errors = problems.stream()
			.map(p -> Map.of("field", p.field(), "code", p.code(), "message", p.message()))
			.toList();
		return new UnigovException(error, detail, Map.of("errors", errors));
	}

	/** The messages of all problems, as one sentence list for a detail. */
	public static String messages(List<FieldProblem> problems) {
		return String.join(" ", problems.stream().map(FieldProblem::message).toList());
	}

	public static UnigovException notFound(ErrorCode error, String what, Object id) {
		return new UnigovException(error, what + " " + id + " does not exist or is outside your scope.");
	}
}
