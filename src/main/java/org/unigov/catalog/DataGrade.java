package org.unigov.catalog;

import org.unigov.shared.Coded;

/** Data grading (数据分级) under the Data Security Law: general, important or core data. */
public enum DataGrade implements Coded {

	GENERAL("general", "一般数据", "General"),
	IMPORTANT("important", "重要数据", "Important"),
	CORE("core", "核心数据", "Core");

	private final Label label;

	DataGrade(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
