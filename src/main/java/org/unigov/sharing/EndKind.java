package org.unigov.sharing;

import org.unigov.shared.Coded;

/** Why a grant ended (S7). */
public enum EndKind implements Coded {

	MISUSE_UNCORRECTED("misuse_uncorrected", "违规使用逾期未整改", "Misuse not corrected in time"),
	PROVIDER_ENDED("provider_ended", "提供方终止（已协商并备案）", "Ended by the provider after consulting and filing"),
	CONSUMER_ENDED("consumer_ended", "使用方不再需要", "No longer needed by the consumer"),
	PURPOSE_MET("purpose_met", "使用目的已实现", "Purpose met");

	private final Label label;

	EndKind(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
