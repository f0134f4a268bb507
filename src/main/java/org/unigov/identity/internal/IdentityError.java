package org.unigov.identity.internal;

import org.springframework.http.HttpStatus;
import org.unigov.shared.problem.ErrorCode;

/** Why the identity module refused a request. */
public enum IdentityError implements ErrorCode {

	ACCOUNT_NOT_FOUND("account_not_found", HttpStatus.NOT_FOUND),
	USERNAME_TAKEN("username_taken", HttpStatus.CONFLICT),
	ROLE_NOT_GRANTABLE("role_not_grantable", HttpStatus.FORBIDDEN),
	STAFF_OUT_OF_SCOPE("staff_out_of_scope", HttpStatus.FORBIDDEN),
	WEAK_PASSWORD("weak_password", HttpStatus.BAD_REQUEST),
	WRONG_PASSWORD("wrong_password", HttpStatus.BAD_REQUEST),
	STALE_VERSION("stale_version", HttpStatus.CONFLICT);

	private final Spec spec;

	IdentityError(String code, HttpStatus status) {
		this.spec = new Spec(code, status);
	}

	@Override
	public Spec spec() {
		return this.spec;
	}
}
