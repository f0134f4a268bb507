package org.unigov.services.internal;

import org.unigov.shared.Coded;

/** The life events (人生事件) a citizen browses matters by, and an enterprise's (开办企业…). */
public enum LifeEvent implements Coded {

	BIRTH("birth", "出生", "Birth"),
	SCHOOL("school", "入学", "Starting school"),
	EMPLOYMENT("employment", "就业", "Employment"),
	MARRIAGE("marriage", "婚姻", "Marriage"),
	HOUSING("housing", "住房", "Housing"),
	MEDICAL("medical", "就医", "Medical care"),
	SOCIAL_SECURITY("social_security", "社会保障", "Social security"),
	HARDSHIP("hardship", "困难救助", "Hardship assistance"),
	BUSINESS_START("business_start", "开办企业", "Starting a business"),
	BUSINESS_OPERATION("business_operation", "经营许可", "Running a business"),
	RETIREMENT("retirement", "退休", "Retirement"),
	DEATH("death", "身后事", "After a death");

	private final Label label;

	LifeEvent(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
