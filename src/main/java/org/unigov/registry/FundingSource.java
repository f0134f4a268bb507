package org.unigov.registry;

/** Where the money for a system comes from (资金来源). */
public enum FundingSource implements Coded {

	CENTRAL_FISCAL("central-fiscal", "中央财政", "Central fiscal funds"),
	PROVINCIAL_FISCAL("provincial-fiscal", "省级财政", "Provincial fiscal funds"),
	MUNICIPAL_FISCAL("municipal-fiscal", "市级财政", "Municipal fiscal funds"),
	COUNTY_FISCAL("county-fiscal", "县级财政", "County fiscal funds"), SPECIAL_BOND("special-bond", "专项债券", "Special bonds"),
	SELF_RAISED("self-raised", "自筹", "Self-raised"), OTHER("other", "其他", "Other");

	private final String code;

	private final String labelZh;

	private final String labelEn;

	FundingSource(String code, String labelZh, String labelEn) {
		this.code = code;
		this.labelZh = labelZh;
		this.labelEn = labelEn;
	}

	@Override
	public String code() {
		return this.code;
	}

	@Override
	public String labelZh() {
		return this.labelZh;
	}

	@Override
	public String labelEn() {
		return this.labelEn;
	}
}
