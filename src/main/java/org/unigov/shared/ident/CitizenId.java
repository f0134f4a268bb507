package org.unigov.shared.ident;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The citizen identity number (公民身份号码) of GB 11643-1999: six digits of GB/T 2260 division,
 * eight digits of birth date, a three-digit sequence and an ISO 7064 MOD 11-2 check character
 * (0–9 or X).
 */
public final class CitizenId {

	private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

	private static final String CHECK = "10X98765432";

	private CitizenId() {
	}

	public static boolean isValid(String id) {
		if (id == null || id.length() != 18) {
			return false;
		}
		for (int i = 0; i < 17; i++) {
			if (!Character.isDigit(id.charAt(i))) {
				return false;
			}
		}
		try {
			LocalDate birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
					Integer.parseInt(id.substring(12, 14)));
			if (birth.getYear() < 1800) {
				return false;
			}
		}
		catch (DateTimeException ex) {
			return false;
		}
		return checkCharacter(id.substring(0, 17)) == id.charAt(17);
	}

	public static char checkCharacter(String first17) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (first17.charAt(i) - '0') * WEIGHTS[i];
		}
		return CHECK.charAt(sum % 11);
	}
}
