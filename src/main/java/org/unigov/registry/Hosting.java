package org.unigov.registry;

import org.unigov.shared.Coded;

/** Where a system runs (部署方式). */
public enum Hosting implements Coded {

	GOV_CLOUD("gov-cloud", "政务云", "Government cloud"), OWN_ROOM("own-room", "自建机房", "Own machine room"),
	OTHER("other", "其他", "Other");

	private final Label label;

	Hosting(String code, String labelZh, String labelEn) {
		this.label = new Label(code, labelZh, labelEn);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
