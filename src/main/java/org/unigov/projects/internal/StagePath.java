package org.unigov.projects.internal;

import org.unigov.shared.Coded;

/** P1: how a project goes through the stages: all three, from the feasibility study when it is already in the approved plan, or with the feasibility study and preliminary design combined when urgent. */
public enum StagePath implements Coded {

	STANDARD("standard", "常规程序", "Standard"), IN_PLAN("in-plan", "已列入规划", "Already in the approved plan"),
	URGENT("urgent", "紧急项目", "Urgent");

	private final Label label;

	StagePath(String code, String labelZh, String labelEn) {
		this.label = new Label(code, labelZh, labelEn);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
