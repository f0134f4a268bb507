package org.unigov.projects;

import org.unigov.projects.internal.Project;
import org.unigov.shared.Coded;

/** P1: the document under review (项目建议书, 可行性研究报告, 初步设计及概算, or the last two combined). */
public enum Stage implements Coded {

	PROPOSAL("proposal", "项目建议书", "Project proposal"),
	FEASIBILITY("feasibility", "可行性研究报告", "Feasibility study"),
	PRELIMINARY_DESIGN("preliminary-design", "初步设计及概算", "Preliminary design with cost estimate"),
	FEASIBILITY_DESIGN("feasibility-design", "可研与初设合并", "Feasibility study and preliminary design combined");

	private final Label label;

	Stage(String code, String labelZh, String labelEn) {
		this.label = new Label(code, labelZh, labelEn);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
