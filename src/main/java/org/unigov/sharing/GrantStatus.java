package org.unigov.sharing;

import org.unigov.shared.Coded;

/** Whether a grant lets data flow. */
public enum GrantStatus implements Coded {

	ACTIVE("active", "有效", "Active"),
	SUSPENDED("suspended", "已暂停", "Suspended"),
	ENDED("ended", "已终止", "Ended"),
	EXPIRED("expired", "已到期", "Expired");

	private final Label label;

	GrantStatus(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
