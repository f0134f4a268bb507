package org.unigov.catalog;

import org.unigov.shared.Coded;

/** What a condition of use (使用条件, C3) limits. */
public enum ConditionKind implements Coded {

	SCOPE("scope", "共享范围", "Sharing scope"),
	PURPOSE("purpose", "使用用途", "Purpose of use"),
	SECURITY("security", "安全要求", "Security requirement");

	private final Label label;

	ConditionKind(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
