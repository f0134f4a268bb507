package org.unigov.registry;

/** Lifecycle status (状态) of a registered system. */
public enum SystemStatus implements Coded {

	PLANNED("planned", "规划中", "Planned"), UNDER_CONSTRUCTION("under_construction", "在建", "Under construction"),
	LIVE("live", "运行", "Live"), SUSPENDED("suspended", "暂停", "Suspended"), RETIRED("retired", "下线", "Retired");

	private final String code;

	private final String labelZh;

	private final String labelEn;

	SystemStatus(String code, String labelZh, String labelEn) {
		this.code = code;
		this.labelZh = labelZh;
		this.labelEn = labelEn;
	}

	@Override
	public String code() {
		return this.code;
	}

	@Override
	public String labelZh() {
		return this.labelZh;
	}

	@Override
	public String labelEn() {
		return this.labelEn;
	}
}
