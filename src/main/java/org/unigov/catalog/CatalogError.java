package org.unigov.catalog;

import org.springframework.http.HttpStatus;
import org.unigov.shared.problem.ErrorCode;

/** Why the catalog refused a request; where a rule of RULES.md refused it, its id. */
public enum CatalogError implements ErrorCode {

	ENTRY_NOT_FOUND("entry_not_found", HttpStatus.NOT_FOUND, ""),
	ELEMENT_NOT_FOUND("element_not_found", HttpStatus.NOT_FOUND, ""),
	ELEMENT_EXISTS("element_exists", HttpStatus.CONFLICT, ""),
	INVALID_ELEMENT("invalid_element", HttpStatus.UNPROCESSABLE_CONTENT, ""),
	INVALID_ENTRY("invalid_entry", HttpStatus.UNPROCESSABLE_CONTENT, "C6"),
	SECRET_DATA("secret_data_refused", HttpStatus.UNPROCESSABLE_CONTENT, "C1"),
	NOT_EDITABLE("entry_not_editable", HttpStatus.CONFLICT, "C2"),
	WRONG_STATE("entry_wrong_state", HttpStatus.CONFLICT, "C2"),
	NOT_YOUR_ENTRY("entry_not_yours", HttpStatus.FORBIDDEN, ""),
	NOT_YOUR_REVIEW("review_not_yours", HttpStatus.FORBIDDEN, "C2"),
	OWN_CONDITIONS("own_conditions_refused", HttpStatus.UNPROCESSABLE_CONTENT, "C4"),
	COMMENT_REQUIRED("comment_required", HttpStatus.UNPROCESSABLE_CONTENT, "C2"),
	ENTRY_IN_USE("entry_in_use", HttpStatus.CONFLICT, "S7"),
	UPDATE_NOT_DUE("update_not_due", HttpStatus.CONFLICT, "C7"),
	AUTHORITY_INVALID("authority_invalid", HttpStatus.UNPROCESSABLE_CONTENT, "C8"),
	INVALID_SYNONYMS("invalid_synonyms", HttpStatus.UNPROCESSABLE_CONTENT, ""),
	DISTRIBUTION_NOT_FOUND("distribution_not_found", HttpStatus.NOT_FOUND, ""),
	INVALID_DISTRIBUTION("invalid_distribution", HttpStatus.UNPROCESSABLE_CONTENT, ""),
	INDEX_NOT_READY("catalog_index_not_ready", HttpStatus.SERVICE_UNAVAILABLE, ""),
	HARVEST_SOURCE_NOT_FOUND("harvest_source_not_found", HttpStatus.NOT_FOUND, ""),
	HARVEST_JOB_NOT_FOUND("harvest_job_not_found", HttpStatus.NOT_FOUND, ""),
	INVALID_HARVEST_SOURCE("invalid_harvest_source", HttpStatus.UNPROCESSABLE_CONTENT, ""),
	NOT_YOUR_HARVEST("harvest_not_yours", HttpStatus.FORBIDDEN, ""),
	HARVEST_UNREADABLE("harvest_document_unreadable", HttpStatus.UNPROCESSABLE_CONTENT, ""),
	HARVEST_URL_REFUSED("harvest_url_refused", HttpStatus.UNPROCESSABLE_CONTENT, ""),
	HARVEST_FETCH_FAILED("harvest_fetch_failed", HttpStatus.BAD_GATEWAY, ""),
	HARVEST_TOO_LARGE("harvest_document_too_large", HttpStatus.CONTENT_TOO_LARGE, ""),
	HARVEST_RUNNING("harvest_running", HttpStatus.CONFLICT, "");

	private final Spec spec;

	CatalogError(String code, HttpStatus status, String ruleId) {
		this.spec = new Spec(code, status, ruleId);
	}

	@Override
	public Spec spec() {
		return this.spec;
	}
}
