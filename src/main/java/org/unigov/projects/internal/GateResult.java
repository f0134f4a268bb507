package org.unigov.projects.internal;

import java.util.List;
import java.util.Map;

/**
 * One gate's verdict on a submission: {@code gate} is duplicate (P3), sharing (P2, C8), identity
 * (P4) or budget (P5); each reason has a stable {@code code}, an English message, and the values it
 * is about (systems, catalog resources, amounts, levels) for the pages to show in their language.
 */
public record GateResult(String gate, String rule, GateOutcome outcome, List<Reason> reasons) {

	public record Reason(String code, String message, Map<String, Object> values) {
	}

	public static final String DUPLICATE = "duplicate";

	public static final String SHARING = "sharing";

	public static final String IDENTITY = "identity";

	public static final String BUDGET = "budget";

	/** The worst outcome of several gates. */
	public static GateOutcome worst(List<GateResult> gates) {
		GateOutcome worst = GateOutcome.PASS;
		for (GateResult gate : gates) {
			if (gate.outcome().ordinal() > worst.ordinal()) {
				worst = gate.outcome();
			}
		}
		return worst;
	}
}
