package org.unigov.projects;

import org.unigov.shared.Coded;

/** A review step: waiting for the level below, pending with its reviewer, or decided. */
public enum StepStatus implements Coded {

	WAITING("waiting", "待前序审核", "Waiting for the level below"), PENDING("pending", "待审核", "Pending"),
	APPROVED("approved", "同意", "Approved"), RETURNED("returned", "退回修改", "Returned for revision"),
	REJECTED("rejected", "不予批准", "Rejected"), CANCELLED("cancelled", "已取消", "Cancelled");

	private final Label label;

	StepStatus(String code, String labelZh, String labelEn) {
		this.label = new Label(code, labelZh, labelEn);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
