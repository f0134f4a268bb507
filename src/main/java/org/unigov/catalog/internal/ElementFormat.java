package org.unigov.catalog.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.unigov.shared.ident.CitizenId;
import org.unigov.shared.ident.CreditCode;
import org.unigov.shared.ident.DivisionCodes;
import org.unigov.shared.ident.PlainText;

/**
 * How a value of a standard data element is checked. Each format is a national standard's rule,
 * so that every department that claims the element means the same thing by it (统一口径).
 */
public enum ElementFormat {

	/** GB 11643: 17 digits, a valid birth date, and the ISO 7064 MOD 11-2 check character. */
	CITIZEN_ID("citizen-id") {
		@Override
		Optional<String> problem(String value, @Nullable Pattern pattern) {
			return CitizenId.isValid(value) ? Optional.empty()
					: Optional.of("not a valid citizen ID number (GB 11643: 18 characters with a correct check character)");
		}
	},
	/** GB 32100: 18 characters from the code set, with the MOD 31 check character. */
	CREDIT_CODE("credit-code") {
		@Override
		Optional<String> problem(String value, @Nullable Pattern pattern) {
			return CreditCode.isValid(value) ? Optional.empty()
					: Optional.of("not a valid unified social credit code (GB 32100: 18 characters with a correct check character)");
		}
	},
	/** GB/T 2260: six digits naming a province, city or county. */
	DIVISION_CODE("division-code") {
		@Override
		Optional<String> problem(String value, @Nullable Pattern pattern) {
			return DivisionCodes.isWellFormed(value) ? Optional.empty()
					: Optional.of("not a division code (GB/T 2260: six digits, e.g. 610113)");
		}
	},
	/** Letters of any script, the middle dot of minority and foreign names, and spaces. */
	PERSON_NAME("person-name") {
		@Override
		Optional<String> problem(String value, @Nullable Pattern pattern) {
			return NAME.matcher(value).matches() ? Optional.empty()
					: Optional.of("not a person's name (letters, the middle dot · and spaces only, up to 50 characters)");
		}
	},
	/** GB/T 2261.1: 0 unknown, 1 male, 2 female, 9 not stated. */
	SEX("sex") {
		@Override
		Optional<String> problem(String value, @Nullable Pattern pattern) {
			return value.matches("[0129]") ? Optional.empty()
					: Optional.of("not a sex code (GB/T 2261.1: 0, 1, 2 or 9)");
		}
	},
	/** A real calendar date, not in the future and not before 1880. */
	BIRTH_DATE("birth-date") {
		@Override
		Optional<String> problem(String value, @Nullable Pattern pattern) {
			LocalDate date = date(value);
			if (date == null) {
				return Optional.of("not a date in the form YYYY-MM-DD");
			}
			return date.isAfter(LocalDate.now()) || date.getYear() < 1880
					? Optional.of("not a plausible date of birth") : Optional.empty();
		}
	},
	/** A real calendar date. */
	DATE("date") {
		@Override
		Optional<String> problem(String value, @Nullable Pattern pattern) {
			return date(value) == null ? Optional.of("not a date in the form YYYY-MM-DD") : Optional.empty();
		}
	},
	/** A mobile number, or a landline with its area code and optional extension. */
	PHONE("phone") {
		@Override
		Optional<String> problem(String value, @Nullable Pattern pattern) {
			return PHONE_NUMBER.matcher(value).matches() ? Optional.empty()
					: Optional.of("not a telephone number (11-digit mobile, or area code and number such as 029-88886666)");
		}
	},
	/** A single line of plain text long enough to be an address. */
	ADDRESS("address") {
		@Override
		Optional<String> problem(String value, @Nullable Pattern pattern) {
			return value.strip().length() >= 5 && PlainText.Validator.isPlain(value, false) ? Optional.empty()
					: Optional.of("not an address (at least 5 characters of plain text on one line)");
		}
	},
	/** A registered name: letters, digits, brackets, and a few punctuation marks. */
	ENTERPRISE_NAME("enterprise-name") {
		@Override
		Optional<String> problem(String value, @Nullable Pattern pattern) {
			return ENTERPRISE.matcher(value).matches() ? Optional.empty()
					: Optional.of("not an enterprise name (2 to 100 letters, digits and brackets)");
		}
	},
	/** A licence or certificate number. */
	LICENCE_NUMBER("licence-number") {
		@Override
		Optional<String> problem(String value, @Nullable Pattern pattern) {
			return LICENCE.matcher(value).matches() ? Optional.empty()
					: Optional.of("not a licence number (letters, digits, Chinese characters, hyphens and brackets)");
		}
	},
	/** Any plain text within the element's maximum length. */
	TEXT("text") {
		@Override
		Optional<String> problem(String value, @Nullable Pattern pattern) {
			return PlainText.Validator.isPlain(value, true) ? Optional.empty()
					: Optional.of("contains control or invisible characters");
		}
	},
	/** Whatever the element's own regular expression accepts. */
	PATTERN("pattern") {
		@Override
		Optional<String> problem(String value, @Nullable Pattern pattern) {
			return pattern != null && pattern.matcher(value).matches() ? Optional.empty()
					: Optional.of("does not match the element's pattern");
		}
	};

	private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M}·• .'-]{0,49}");

	private static final Pattern PHONE_NUMBER = Pattern.compile("1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?");

	private static final Pattern ENTERPRISE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}()（）·&.,、 -]{1,99}");

	private static final Pattern LICENCE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}()（）〔〕\\[\\]【】-]{0,63}");

	private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd")
		.withResolverStyle(ResolverStyle.STRICT);

	private final String code;

	ElementFormat(String code) {
		this.code = code;
	}

	public String code() {
		return this.code;
	}

	/** Why the value does not satisfy this format, or empty when it does. */
	abstract Optional<String> problem(String value, @Nullable Pattern pattern);

	public static Optional<ElementFormat> of(String code) {
		for (ElementFormat format : values()) {
			if (format.code.equals(code)) {
				return Optional.of(format);
			}
		}
		return Optional.empty();
	}

	private static @Nullable LocalDate date(String value) {
		try {
			return LocalDate.parse(value, ISO);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}
}
