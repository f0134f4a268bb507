package org.unigov.sharing;

import org.unigov.shared.Coded;

/** Where a data-quality check (S8) stands. */
public enum QualityStatus implements Coded {

	OPEN("open", "核查中", "Being checked"),
	CORRECTED("corrected", "已更正", "Corrected"),
	VERIFIED_CORRECT("verified-correct", "经核实无误", "Verified correct");

	private final Label label;

	QualityStatus(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
