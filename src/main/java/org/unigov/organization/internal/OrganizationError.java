package org.unigov.organization.internal;

import org.springframework.http.HttpStatus;
import org.unigov.shared.problem.ErrorCode;

/** Why the organization module refused a request. */
public enum OrganizationError implements ErrorCode {

	DIVISION_NOT_FOUND("division_not_found", HttpStatus.NOT_FOUND),
	DIVISION_EXISTS("division_exists", HttpStatus.CONFLICT),
	DIVISION_HIERARCHY_INVALID("division_hierarchy_invalid", HttpStatus.UNPROCESSABLE_CONTENT),
	AGENCY_NOT_FOUND("agency_not_found", HttpStatus.NOT_FOUND),
	AGENCY_EXISTS("agency_exists", HttpStatus.CONFLICT),
	AGENCY_OUT_OF_SCOPE("agency_out_of_scope", HttpStatus.FORBIDDEN),
	STALE_VERSION("stale_version", HttpStatus.CONFLICT);

	private final Spec spec;

	OrganizationError(String code, HttpStatus status) {
		this.spec = new Spec(code, status);
	}

	@Override
	public Spec spec() {
		return this.spec;
	}
}
