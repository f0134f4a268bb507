package org.unigov.registry.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * The columns of the import template and of exports, in order. Each has a Chinese header (the
 * template's default), an English key (also accepted as a header) and whether a row must fill
 * it. Informational columns that exports add ({@link #ID}, {@link #AGENCY_NAME},
 * {@link #DIVISION}) are accepted on import and ignored, so an export can be edited and
 * imported elsewhere.
 */
public enum ImportColumn {

	NAME("name", "系统名称", true), ALIASES("aliases", "别名", false), AGENCY_CODE("agencyCode", "所属部门统一社会信用代码", true),
	SUMMARY("summary", "建设目的与主要功能", true), CAPABILITIES("capabilities", "功能分类", true), STATUS("status", "状态", true),
	GO_LIVE_DATE("goLiveDate", "上线日期", false), BUILD_COST("buildCostYuan", "建设投资（元）", false),
	ANNUAL_OM_COST("annualOmCostYuan", "年运维费用（元）", false), FUNDING_SOURCE("fundingSource", "资金来源", true),
	VENDOR("vendor", "承建单位", false), HOSTING("hosting", "部署方式", true),
	REGISTERED_USERS("registeredUsers", "注册用户数", false), MONTHLY_ACTIVE_USERS("monthlyActiveUsers", "月活跃用户数", false),
	LOGIN_METHOD("loginMethod", "登录方式", true), INTEGRATIONS("integrations", "对接共享平台", false),
	PUBLIC_FACING("publicFacing", "面向公众", true), SHARED_PLATFORM("sharedPlatform", "共享平台", false),
	ID("id", "系统编号", false, true), AGENCY_NAME("agencyName", "所属部门", false, true),
	DIVISION("divisionCode", "行政区划代码", false, true);

	private final String key;

	private final String headerZh;

	private final boolean required;

	private final boolean informational;

	ImportColumn(String key, String headerZh, boolean required) {
		this(key, headerZh, required, false);
	}

	ImportColumn(String key, String headerZh, boolean required, boolean informational) {
		this.key = key;
		this.headerZh = headerZh;
		this.required = required;
		this.informational = informational;
	}

	public String key() {
		return this.key;
	}

	public String headerZh() {
		return this.headerZh;
	}

	public String header(Locale locale) {
		return "zh".equals(locale.getLanguage()) ? this.headerZh : this.key;
	}

	public boolean required() {
		return this.required;
	}

	public boolean informational() {
		return this.informational;
	}

	/** The column a header names: its Chinese header or English key, ignoring case, spaces and "*". */
	public static Optional<ImportColumn> of(String header) {
		String h = normalize(header);
		for (ImportColumn column : values()) {
			if (normalize(column.headerZh).equals(h) || normalize(column.key).equals(h)) {
				return Optional.of(column);
			}
		}
		return Optional.empty();
	}

	private static String normalize(String text) {
		return text.replace("\uFEFF", "")
			.replace("*", "")
			.replace("(", "（")
			.replace(")", "）")
			.replaceAll("\\s+", "")
			.toLowerCase(Locale.ROOT);
	}
}
