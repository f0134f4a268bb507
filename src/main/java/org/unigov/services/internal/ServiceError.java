package org.unigov.services.internal;

import org.springframework.http.HttpStatus;
import org.unigov.shared.problem.ErrorCode;

/** Why the services module refused a request. */
public enum ServiceError implements ErrorCode {

	MATTER_NOT_FOUND("matter_not_found", HttpStatus.NOT_FOUND),
	MATTER_INVALID("matter_invalid", HttpStatus.UNPROCESSABLE_CONTENT),
	MATTER_NOT_YOURS("matter_not_yours", HttpStatus.FORBIDDEN),
	MATTER_WRONG_STATE("matter_wrong_state", HttpStatus.CONFLICT),
	FIELD_BINDING_UNKNOWN("field_binding_unknown", HttpStatus.UNPROCESSABLE_CONTENT);

	private final Spec spec;

	ServiceError(String code, HttpStatus status) {
		this.spec = new Spec(code, status);
	}

	@Override
	public Spec spec() {
		return this.spec;
	}
}
