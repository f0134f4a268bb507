package org.unigov.projects.internal;

import org.springframework.http.HttpStatus;
import org.unigov.shared.problem.ErrorCode;

/** Why project governance refused a request; where a rule of RULES.md refused it, its id. */
public enum ProjectError implements ErrorCode {

	PROJECT_NOT_FOUND("project_not_found", HttpStatus.NOT_FOUND, ""),
	INVALID_PROJECT("invalid_project", HttpStatus.UNPROCESSABLE_CONTENT, ""),
	OUTPUT_ONLY_TARGETS("output_only_targets", HttpStatus.UNPROCESSABLE_CONTENT, "P7"),
	NOT_YOUR_PROJECT("project_not_yours", HttpStatus.FORBIDDEN, ""),
	NOT_EDITABLE("project_not_editable", HttpStatus.CONFLICT, ""),
	WRONG_STATE("project_wrong_state", HttpStatus.CONFLICT, ""),
	GATES_FAILED("gates_failed", HttpStatus.UNPROCESSABLE_CONTENT, ""),
	NOT_YOUR_REVIEW("review_not_yours", HttpStatus.FORBIDDEN, "P5"),
	OWN_AGENCY("own_agency_project", HttpStatus.FORBIDDEN, "P5"),
	LEVEL_NOT_REACHED("level_not_reached", HttpStatus.CONFLICT, "P5"),
	COMMENT_REQUIRED("review_comment_required", HttpStatus.UNPROCESSABLE_CONTENT, ""),
	INVALID_SETTINGS("invalid_project_settings", HttpStatus.UNPROCESSABLE_CONTENT, "P5"),
	ACCEPTANCE_UNVERIFIED("acceptance_unverified", HttpStatus.UNPROCESSABLE_CONTENT, "P6");

	private final Spec spec;

	ProjectError(String code, HttpStatus status, String ruleId) {
		this.spec = new Spec(code, status, ruleId);
	}

	@Override
	public Spec spec() {
		return this.spec;
	}
}
