package org.unigov.registry;

import java.util.Locale;

/**
 * A function code of the taxonomy (功能分类), e.g. {@code city-operation-monitoring} 城市运行监测.
 * {@code provinceWide} marks what a province builds once for everyone (省级统建).
 */
public record Capability(String code, String nameZh, String nameEn, int position, boolean builtin,
		boolean provinceWide) {

	public String name(Locale locale) {
		return "zh".equals(locale.getLanguage()) ? this.nameZh : this.nameEn;
	}
}
