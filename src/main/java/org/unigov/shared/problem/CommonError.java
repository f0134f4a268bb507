package org.unigov.shared.problem;

import org.springframework.http.HttpStatus;

/** Errors the platform itself raises, independent of any module. */
public enum CommonError implements ErrorCode {

	MALFORMED_REQUEST("malformed_request", HttpStatus.BAD_REQUEST),
	INVALID_ENCODING("invalid_encoding", HttpStatus.BAD_REQUEST),
	MALFORMED_JSON("malformed_json", HttpStatus.BAD_REQUEST),
	INVALID_FIELD_TYPE("invalid_field_type", HttpStatus.BAD_REQUEST),
	UNKNOWN_FIELD("unknown_field", HttpStatus.BAD_REQUEST),
	INVALID_TEXT("invalid_text", HttpStatus.UNPROCESSABLE_CONTENT),
	VALIDATION_FAILED("validation_failed", HttpStatus.BAD_REQUEST),
	INVALID_PARAMETER("invalid_parameter", HttpStatus.BAD_REQUEST),
	MISSING_PARAMETER("missing_parameter", HttpStatus.BAD_REQUEST),
	UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED),
	INVALID_TOKEN("invalid_token", HttpStatus.UNAUTHORIZED),
	FORBIDDEN("forbidden", HttpStatus.FORBIDDEN),
	NOT_FOUND("not_found", HttpStatus.NOT_FOUND),
	METHOD_NOT_ALLOWED("method_not_allowed", HttpStatus.METHOD_NOT_ALLOWED),
	NOT_ACCEPTABLE("not_acceptable", HttpStatus.NOT_ACCEPTABLE),
	STALE_VERSION("stale_version", HttpStatus.CONFLICT),
	CONFLICT("conflict", HttpStatus.CONFLICT),
	PAYLOAD_TOO_LARGE("payload_too_large", HttpStatus.CONTENT_TOO_LARGE),
	UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
	TOO_MANY_REQUESTS("too_many_requests", HttpStatus.TOO_MANY_REQUESTS),
	INTERNAL_ERROR("internal_error", HttpStatus.INTERNAL_SERVER_ERROR);

	private final Spec spec;

	CommonError(String code, HttpStatus status) {
		this.spec = new Spec(code, status);
	}

	@Override
	public Spec spec() {
		return this.spec;
	}

	/**
	 * The code for an error status that the servlet container or a filter set without saying why
	 * (a {@code sendError}, a request the container refused to parse).
	 */
	public static CommonError forStatus(int status) {
		return switch (status) {
			case 401 -> UNAUTHENTICATED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 429 -> TOO_MANY_REQUESTS;
			default -> status >= 400 && status < 500 ? MALFORMED_REQUEST : INTERNAL_ERROR;
		};
	}
}
