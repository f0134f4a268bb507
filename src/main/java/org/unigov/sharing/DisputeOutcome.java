package org.unigov.sharing;

import org.unigov.shared.Coded;

/** How a dispute ended. */
public enum DisputeOutcome implements Coded {

	REFUSAL_UPHELD("refusal-upheld", "维持不予共享", "Refusal upheld"),
	SHARING_ORDERED("sharing-ordered", "决定予以共享", "Sharing ordered"),
	SETTLED("settled", "协商一致", "Settled by agreement"),
	WITHDRAWN("withdrawn", "撤回争议", "Withdrawn");

	private final Label label;

	DisputeOutcome(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
