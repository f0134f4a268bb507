package org.unigov.services.internal;

import org.unigov.shared.Coded;

/** A matter is drafted, then published for applicants, and withdrawn when it no longer applies. */
public enum MatterStatus implements Coded {

	DRAFT("draft", "草稿", "Draft"),
	PUBLISHED("published", "已发布", "Published"),
	WITHDRAWN("withdrawn", "已撤回", "Withdrawn");

	private final Label label;

	MatterStatus(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
