package org.unigov.sharing;

import org.unigov.shared.Coded;

/** Where a sharing request stands. */
public enum RequestStatus implements Coded {

	SUBMITTED("submitted", "待答复", "Awaiting reply"),
	INCOMPLETE("incomplete", "待补正", "Incomplete, awaiting supplement"),
	APPROVED("approved", "已同意", "Approved"),
	REFUSED("refused", "不予共享", "Refused"),
	WITHDRAWN("withdrawn", "已撤回", "Withdrawn");

	private final Label label;

	RequestStatus(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
