package org.unigov.registry;

import java.util.Locale;

/** A function code of the taxonomy (功能分类), e.g. {@code city-operation-monitoring} 城市运行监测. */
public record Capability(String code, String nameZh, String nameEn, int position, boolean builtin) {

	public String name(Locale locale) {
		return "zh".equals(locale.getLanguage()) ? this.nameZh : this.nameEn;
	}
}
