package org.unigov.registry;

import org.unigov.shared.Coded;

/** Where the money for a system comes from (资金来源). */
public enum FundingSource implements Coded {

	CENTRAL_FISCAL("central-fiscal", "中央财政", "Central fiscal funds"),
	PROVINCIAL_FISCAL("provincial-fiscal", "省级财政", "Provincial fiscal funds"),
	MUNICIPAL_FISCAL("municipal-fiscal", "市级财政", "Municipal fiscal funds"),
	COUNTY_FISCAL("county-fiscal", "县级财政", "County fiscal funds"), SPECIAL_BOND("special-bond", "专项债券", "Special bonds"),
	SELF_RAISED("self-raised", "自筹", "Self-raised"), OTHER("other", "其他", "Other");

	private final Label label;

	FundingSource(String code, String labelZh, String labelEn) {
		this.label = new Label(code, labelZh, labelEn);
	}

	@Override
	public Label label() {
		return this.label;
	}
}
