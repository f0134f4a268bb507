package org.unigov.catalog;

import org.unigov.shared.Coded;

/** The type of a data item (信息项数据类型). */
public enum ItemType implements Coded {

	STRING("string", "字符型", "Text"),
	INTEGER("integer", "整数型", "Integer"),
	DECIMAL("decimal", "数值型", "Decimal"),
	DATE("date", "日期型", "Date"),
	DATETIME("datetime", "日期时间型", "Date and time"),
	BOOLEAN("boolean", "布尔型", "Boolean"),
	BINARY("binary", "二进制", "Binary");

	private final Label label;

	ItemType(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
