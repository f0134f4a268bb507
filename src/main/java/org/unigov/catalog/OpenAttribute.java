package org.unigov.catalog;

import org.unigov.shared.Coded;

/** Open attribute (开放属性, C5), decided separately from sharing: whether the public may have the data. */
public enum OpenAttribute implements Coded {

	OPEN("open", "无条件开放", "Open"),
	CONDITIONAL("open-conditional", "有条件开放", "Open on conditions"),
	NOT_OPEN("not-open", "不予开放", "Not open");

	private final Label label;

	OpenAttribute(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
