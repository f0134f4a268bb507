package org.unigov.shared.ident;

import org.jspecify.annotations.Nullable;

/**
 * Administrative division codes of GB/T 2260: six digits, two each for province, city (地级) and
 * county (县级). A province code ends in 0000, a city code in 00; the level follows from the
 * digits. Counties administered directly by a province (省直辖县级, city digits 90) have the
 * province as their parent.
 */
public final class DivisionCodes {

	private DivisionCodes() {
	}

	public static boolean isWellFormed(@Nullable String code) {
		if (code == null || code.length() != 6) {
			return false;
		}
		for (int i = 0; i < 6; i++) {
			if (!Character.isDigit(code.charAt(i))) {
				return false;
			}
		}
		return !code.startsWith("00");
	}

	/** 1 = province, 2 = city, 3 = county or district. */
	public static int level(String code) {
		if (code.endsWith("0000")) {
			return 1;
		}
		return code.endsWith("00") ? 2 : 3;
	}

	/** The code of the division directly above, or {@code null} for a province. */
	public static @Nullable String parent(String code) {
		return switch (level(code)) {
			case 1 -> null;
			case 2 -> code.substring(0, 2) + "0000";
			default -> code.startsWith("90", 2) ? code.substring(0, 2) + "0000" : code.substring(0, 4) + "00";
		};
	}
}
