package org.unigov.catalog;

import org.unigov.shared.Coded;

/** Update frequency (更新周期, C6). */
public enum UpdateFrequency implements Coded {

	REAL_TIME("real-time", "实时", "Real time"),
	DAILY("daily", "每日", "Daily"),
	WEEKLY("weekly", "每周", "Weekly"),
	MONTHLY("monthly", "每月", "Monthly"),
	QUARTERLY("quarterly", "每季度", "Quarterly"),
	YEARLY("yearly", "每年", "Yearly");

	private final Label label;

	UpdateFrequency(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
