package org.unigov.shared;

import java.util.Comparator;
import java.util.function.Function;

import com.ibm.icu.text.Collator;
import com.ibm.icu.util.ULocale;

/**
 * The order people expect Chinese names in: by pinyin (ICU's collation for zh-CN), not by code
 * point, which puts 重庆 before 安徽. Lists sorted in memory (selects, short lists) use the
 * comparator; a search index stores {@link #sortKey(String)}; SQL orders by {@link #SQL_COLLATION}.
 */
public final class ChineseOrder {

	/** Thread-safe: a frozen ICU collator. */
	private static final Collator PINYIN = Collator.getInstance(ULocale.SIMPLIFIED_CHINESE).freeze();

	/** Names in pinyin order; Latin letters and digits sort among them as ICU places them. */
	public static final Comparator<String> NAMES = (a, b) -> PINYIN.compare(a, b);

	/**
	 * PostgreSQL's ICU collation for Chinese, which orders by pinyin like {@link #NAMES}: paged
	 * lists sorted by a name write {@code order by name collate "zh-x-icu"}. PostgreSQL builds with
	 * ICU (the embedded binaries and the distributions' packages do); docs/operations.md says so.
	 */
	public static final String SQL_COLLATION = "\"zh-x-icu\"";

	private ChineseOrder() {
	}

	/** A name's ICU collation key: byte order of the keys is the pinyin order of the names. */
	public static byte[] sortKey(String name) {
		return PINYIN.getCollationKey(name).toByteArray();
	}

	/** Things by a name they carry, in pinyin order. */
	public static <T> Comparator<T> by(Function<? super T, String> name) {
		return Comparator.comparing(name, NAMES);
	}
}
