package org.unigov.sharing;

import org.unigov.shared.Coded;

/** Why a provider refuses (S3): a refusal always states its reasons, and a condition it cites must be one the entry publishes (C4). */
public enum RefusalCategory implements Coded {

	CONDITION_NOT_MET("condition-not-met", "不符合共享条件", "A published condition is not met"),
	BEYOND_SCOPE("beyond-scope", "超出共享范围或用途", "Beyond the sharing scope or purpose"),
	LEGAL_PROHIBITION("legal-prohibition", "法律法规禁止", "Forbidden by law"),
	SECURITY("security", "安全风险", "Security risk"),
	OTHER("other", "其他理由", "Other reasons"),
	NOT_SHARED("not-shared", "目录为不予共享", "The entry is not shared");

	private final Label label;

	RefusalCategory(String code, String zh, String en) {
		this.label = new Label(code, zh, en);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
