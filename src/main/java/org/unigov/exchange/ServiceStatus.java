package org.unigov.exchange;

import org.unigov.shared.Coded;

/** Whether a data service answers calls. */
public enum ServiceStatus implements Coded {

	ACTIVE("active", "运行中", "Active"),
	DISABLED("disabled", "已停用", "Disabled");

	private final Label label;

	ServiceStatus(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
