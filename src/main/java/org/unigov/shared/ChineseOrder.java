package org.unigov.shared;

import java.util.Comparator;
import java.util.function.Function;

import com.ibm.icu.text.Collator;
import com.ibm.icu.util.ULocale;

/**
 * The order people expect Chinese names in: by pinyin (ICU's collation for zh-CN), not by code
 * point, which puts 重庆 before 安徽. For lists that are sorted in memory (selects, short lists);
 * paged lists keep the database's order.
 */
public final class ChineseOrder {

	/** Thread-safe: a frozen ICU collator. */
	private static final Collator PINYIN = Collator.getInstance(ULocale.SIMPLIFIED_CHINESE).freeze();

	/** Names in pinyin order; Latin letters and digits sort among them as ICU places them. */
	public static final Comparator<String> NAMES = (a, b) -> PINYIN.compare(a, b);

	private ChineseOrder() {
	}

	/** Things by a name they carry, in pinyin order. */
	public static <T> Comparator<T> by(Function<? super T, String> name) {
		return Comparator.comparing(name, NAMES);
	}
}
