package org.unigov.registry.internal;

import org.springframework.http.HttpStatus;
import org.unigov.shared.problem.ErrorCode;

/** Why the registry refused a request. */
public enum RegistryError implements ErrorCode {

	SYSTEM_NOT_FOUND("system_not_found", HttpStatus.NOT_FOUND),
	SYSTEM_EXISTS("system_exists", HttpStatus.CONFLICT),
	POSSIBLE_DUPLICATE("possible_duplicate", HttpStatus.CONFLICT),
	SYSTEM_OUT_OF_SCOPE("system_out_of_scope", HttpStatus.FORBIDDEN),
	UNKNOWN_CAPABILITY("unknown_capability", HttpStatus.UNPROCESSABLE_CONTENT),
	CAPABILITY_EXISTS("capability_exists", HttpStatus.CONFLICT),
	SHARED_PLATFORM_RESERVED("shared_platform_reserved", HttpStatus.FORBIDDEN),
	INVALID_SYSTEM("invalid_system", HttpStatus.UNPROCESSABLE_CONTENT),
	IMPORT_FILE_INVALID("import_file_invalid", HttpStatus.UNPROCESSABLE_CONTENT),
	IMPORT_FILE_TYPE("import_file_type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
	IMPORT_TOO_MANY_ROWS("import_too_many_rows", HttpStatus.CONTENT_TOO_LARGE),
	IMPORT_REJECTED("import_rejected", HttpStatus.UNPROCESSABLE_CONTENT),
	IMPORT_NOT_FOUND("import_not_found", HttpStatus.NOT_FOUND),
	INDEX_NOT_READY("index_not_ready", HttpStatus.SERVICE_UNAVAILABLE);

	private final Spec spec;

	RegistryError(String code, HttpStatus status) {
		this.spec = new Spec(code, status);
	}

	@Override
	public Spec spec() {
		return this.spec;
	}
}
