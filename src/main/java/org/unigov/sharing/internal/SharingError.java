package org.unigov.sharing.internal;

import org.springframework.http.HttpStatus;
import org.unigov.shared.problem.ErrorCode;

/** Why the sharing desk refused a request; where a rule of RULES.md refused it, its id. */
public enum SharingError implements ErrorCode {

	REQUEST_NOT_FOUND("request_not_found", HttpStatus.NOT_FOUND, ""),
	GRANT_NOT_FOUND("grant_not_found", HttpStatus.NOT_FOUND, ""),
	DISPUTE_NOT_FOUND("dispute_not_found", HttpStatus.NOT_FOUND, ""),
	CHECK_NOT_FOUND("quality_check_not_found", HttpStatus.NOT_FOUND, ""),
	INVALID_REQUEST("invalid_request", HttpStatus.UNPROCESSABLE_CONTENT, "S1"),
	ENTRY_NOT_REQUESTABLE("entry_not_requestable", HttpStatus.UNPROCESSABLE_CONTENT, "S1"),
	NOT_YOUR_REQUEST("request_not_yours", HttpStatus.FORBIDDEN, ""),
	WRONG_STATE("request_wrong_state", HttpStatus.CONFLICT, ""),
	NOTICE_ALREADY_SENT("incomplete_notice_already_sent", HttpStatus.CONFLICT, "S3"),
	REASONS_REQUIRED("refusal_reasons_required", HttpStatus.UNPROCESSABLE_CONTENT, "S3"),
	UNPUBLISHED_CONDITION("unpublished_condition", HttpStatus.UNPROCESSABLE_CONTENT, "C4"),
	EXTENSION_ALREADY_USED("extension_already_used", HttpStatus.CONFLICT, "S2"),
	EXTENSION_TOO_LONG("extension_too_long", HttpStatus.UNPROCESSABLE_CONTENT, "S2"),
	GRANT_WRONG_STATE("grant_wrong_state", HttpStatus.CONFLICT, "S7"),
	CONSULTATION_REQUIRED("consultation_required", HttpStatus.UNPROCESSABLE_CONTENT, "S7"),
	DISPUTE_WRONG_STATE("dispute_wrong_state", HttpStatus.CONFLICT, "S9"),
	NOT_YOUR_DISPUTE("dispute_not_yours", HttpStatus.FORBIDDEN, "S9"),
	NOT_DOWNWARD("return_not_downward", HttpStatus.UNPROCESSABLE_CONTENT, "S11"),
	NO_GRANT_FOR_CHECK("quality_check_needs_grant", HttpStatus.FORBIDDEN, "S8");

	private final Spec spec;

	SharingError(String code, HttpStatus status, String ruleId) {
		this.spec = new Spec(code, status, ruleId);
	}

	@Override
	public Spec spec() {
		return this.spec;
	}
}
