package org.unigov.catalog;

import org.unigov.shared.Coded;

/** Where a data item comes from (C8): collected by the department itself, or obtained through sharing. */
public enum ItemOrigin implements Coded {

	COLLECTED("collected", "自行采集", "Collected"),
	SHARED("shared", "共享获取", "Obtained through sharing");

	private final Label label;

	ItemOrigin(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
