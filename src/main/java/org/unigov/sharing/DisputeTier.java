package org.unigov.sharing;

import org.unigov.shared.Coded;

/** The tiers of S9: the departments negotiate, then the coordinator of their level, then the common higher-level coordinator, then the people's government decides. */
public enum DisputeTier implements Coded {

	NEGOTIATION("negotiation", "部门协商", "Negotiation between the departments"),
	COORDINATOR("coordinator", "本级共享主管部门协调", "Coordinator of their level"),
	HIGHER_COORDINATOR("higher-coordinator", "共同上级共享主管部门协调", "Common higher-level coordinator"),
	GOVERNMENT("government", "本级人民政府决定", "People's government decides");

	private final Label label;

	DisputeTier(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
