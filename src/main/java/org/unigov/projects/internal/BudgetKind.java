package org.unigov.projects.internal;

import org.unigov.shared.Coded;

/** A budget line: building the system, or its annual operation and maintenance. */
public enum BudgetKind implements Coded {

	BUILD("build", "建设费用", "Build"), OM("om", "运维费用", "Operation and maintenance");

	private final Label label;

	BudgetKind(String code, String labelZh, String labelEn) {
		this.label = new Label(code, labelZh, labelEn);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
