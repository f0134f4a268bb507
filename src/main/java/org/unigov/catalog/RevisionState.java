package org.unigov.catalog;

import org.unigov.shared.Coded;

/** The state of one revision of an entry (C2): each published revision is kept. */
public enum RevisionState implements Coded {

	DRAFT("draft", "草稿", "Draft"),
	SUBMITTED("submitted", "待审核", "Submitted"),
	RETURNED("returned", "已退回", "Returned"),
	PUBLISHED("published", "现行", "Published"),
	SUPERSEDED("superseded", "已被替代", "Superseded"),
	DISCARDED("discarded", "已放弃", "Discarded");

	private final Label label;

	RevisionState(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
