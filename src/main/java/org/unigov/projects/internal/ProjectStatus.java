package org.unigov.projects.internal;

import org.unigov.shared.Coded;

/** Where a project is: being written, under review, returned for revision, rejected, approved (all stages; being built), accepted (验收, P6), or withdrawn by its agency. */
public enum ProjectStatus implements Coded {

	DRAFT("draft", "草稿", "Draft"), IN_REVIEW("in-review", "审核中", "In review"),
	RETURNED("returned", "退回修改", "Returned for revision"), REJECTED("rejected", "不予批准", "Rejected"),
	APPROVED("approved", "已批复", "Approved"), ACCEPTED("accepted", "已验收", "Accepted"),
	WITHDRAWN("withdrawn", "已撤回", "Withdrawn");

	private final Label label;

	ProjectStatus(String code, String labelZh, String labelEn) {
		this.label = new Label(code, labelZh, labelEn);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
