package org.unigov.catalog;

import org.unigov.shared.Coded;

/** Secrecy assessment (保密审查, C1): secret data never enters the sharing catalog. */
public enum Secrecy implements Coded {

	NONE("none", "不涉密", "Not secret"),
	WORK_SECRET("work-secret", "工作秘密", "Work secret"),
	STATE_SECRET("state-secret", "国家秘密", "State secret");

	private final Label label;

	Secrecy(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
