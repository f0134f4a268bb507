package org.unigov.services.internal;

import org.unigov.shared.Coded;

/** What a form field holds, and so how a typed value is checked. */
public enum FieldType implements Coded {

	TEXT("text", "文本", "Text"),
	DATE("date", "日期", "Date"),
	NUMBER("number", "数字", "Number"),
	ID_NUMBER("id_number", "公民身份号码", "Citizen ID number"),
	CREDIT_CODE("credit_code", "统一社会信用代码", "Unified social credit code"),
	PHONE("phone", "手机号码", "Mobile number");

	private final Label label;

	FieldType(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
