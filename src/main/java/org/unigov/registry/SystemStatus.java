package org.unigov.registry;

import org.unigov.shared.Coded;

/** Lifecycle status (状态) of a registered system. */
public enum SystemStatus implements Coded {

	PLANNED("planned", "规划中", "Planned"), UNDER_CONSTRUCTION("under_construction", "在建", "Under construction"),
	LIVE("live", "运行", "Live"), SUSPENDED("suspended", "暂停", "Suspended"), RETIRED("retired", "下线", "Retired");

	private final Label label;

	SystemStatus(String code, String labelZh, String labelEn) {
		this.label = new Label(code, labelZh, labelEn);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
