package org.unigov.projects.internal;

import org.unigov.shared.Coded;

/** What a gate found. */
public enum GateOutcome implements Coded {

	PASS("pass", "通过", "Pass"), WARN("warn", "提示", "Warning"), FAIL("fail", "不通过", "Fail");

	private final Label label;

	GateOutcome(String code, String labelZh, String labelEn) {
		this.label = new Label(code, labelZh, labelEn);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
