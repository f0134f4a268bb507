package org.unigov.catalog;

import org.unigov.shared.Coded;

/** Sharing type (共享类型, C3): every entry has exactly one. */
public enum SharingType implements Coded {

	UNCONDITIONAL("unconditional", "无条件共享", "Unconditional"),
	CONDITIONAL("conditional", "有条件共享", "Conditional"),
	NOT_SHARED("not-shared", "不予共享", "Not shared");

	private final Label label;

	SharingType(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
