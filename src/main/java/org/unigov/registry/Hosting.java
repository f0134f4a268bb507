package org.unigov.registry;

/** Where a system runs (部署方式). */
public enum Hosting implements Coded {

	GOV_CLOUD("gov-cloud", "政务云", "Government cloud"), OWN_ROOM("own-room", "自建机房", "Own machine room"),
	OTHER("other", "其他", "Other");

	private final String code;

	private final String labelZh;

	private final String labelEn;

	Hosting(String code, String labelZh, String labelEn) {
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
