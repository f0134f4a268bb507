package org.unigov.services.internal;

import org.unigov.shared.Coded;

/** Who may apply for a matter. */
public enum Applicant implements Coded {

	CITIZEN("citizen", "个人", "Citizens"),
	ENTERPRISE("enterprise", "法人", "Enterprises"),
	BOTH("both", "个人和法人", "Citizens and enterprises");

	private final Label label;

	Applicant(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
