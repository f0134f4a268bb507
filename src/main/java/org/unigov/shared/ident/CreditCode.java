package org.unigov.shared.ident;

/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a
 * 31-character alphabet (digits and capitals without I, O, Z, S, V), positions 3–8 the GB/T 2260
 * division of registration, and a check character computed modulo 31.
 */
public final class CreditCode {

	static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

	private static final int[] WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

	private CreditCode() {
	}

	public static boolean isValid(String code) {
		if (code == null || code.length() != 18) {
			return false;
		}
		for (int i = 0; i < 18; i++) {
			if (ALPHABET.indexOf(code.charAt(i)) < 0) {
				return false;
			}
		}
		for (int i = 2; i < 8; i++) {
			if (!Character.isDigit(code.charAt(i))) {
				return false;
			}
		}
		return checkCharacter(code.substring(0, 17)) == code.charAt(17);
	}

	/** The check character for the first 17 characters of a code. */
	public static char checkCharacter(String first17) {
		if (first17.length() != 17) {
			throw new IllegalArgumentException("A credit code body has 17 characters");
		}
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			int value = ALPHABET.indexOf(first17.charAt(i));
			if (value < 0) {
				throw new IllegalArgumentException("Not a credit code character: " + first17.charAt(i));
			}
			sum += value * WEIGHTS[i];
		}
		int check = 31 - sum % 31;
		return ALPHABET.charAt(check == 31 ? 0 : check);
	}

	/** Completes a 17-character body with its check character. */
	public static String complete(String first17) {
		return first17 + checkCharacter(first17);
	}
}
