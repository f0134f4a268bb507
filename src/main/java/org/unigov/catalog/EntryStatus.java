package org.unigov.catalog;

import org.unigov.shared.Coded;

/** Where a catalog entry is in its lifecycle (C2). */
public enum EntryStatus implements Coded {

	DRAFT("draft", "草稿", "Draft"),
	SUBMITTED("submitted", "待审核", "Submitted"),
	PUBLISHED("published", "已发布", "Published"),
	WITHDRAWN("withdrawn", "已撤销", "Withdrawn");

	private final Label label;

	EntryStatus(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
