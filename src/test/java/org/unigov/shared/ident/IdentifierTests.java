package org.unigov.shared.ident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierTests {

	@Nested
	class CreditCodes {

		@ParameterizedTest
		@ValueSource(strings = { "91350100M000100Y43", "11610000MB0000001F" })
		void acceptsCodesWithTheirCheckCharacter(String code) {
			assertThat(CreditCode.isValid(CreditCode.complete(code.substring(0, 17)))).isTrue();
		}

		@Test
		void acceptsAPublishedCode() {
			// 统一社会信用代码 of a registered enterprise, as printed on its licence
			assertThat(CreditCode.isValid("91110108551385082Q")).isTrue();
		}

		@Test
		void refusesAWrongCheckCharacter() {
			String good = CreditCode.complete("11610000MB0000001");
			char wrong = good.charAt(17) == '0' ? '1' : '0';
			assertThat(CreditCode.isValid(good.substring(0, 17) + wrong)).isFalse();
		}

		@ParameterizedTest
		@ValueSource(strings = { "", "123", "91110108551385082Q1", "91110108551385082I", "9111010855138508ZQ",
				"91AB0108551385082Q" })
		void refusesMalformedCodes(String code) {
			assertThat(CreditCode.isValid(code)).isFalse();
		}
	}

	@Nested
	class CitizenIds {

		@Test
		void acceptsTheStandardsExample() {
			// the example number of GB 11643-1999, appendix A
			assertThat(CitizenId.isValid("11010519491231002X")).isTrue();
		}

		@ParameterizedTest
		@ValueSource(strings = { "110105194912310021", "11010519491331002X", "1101051949123100", "11010519491231002Y",
				"11010517991231002X" })
		void refusesWrongChecksumsDatesAndShapes(String id) {
			assertThat(CitizenId.isValid(id)).isFalse();
		}
	}

	@Nested
	class Divisions {

		@Test
		void knowsLevelsAndParents() {
			assertThat(DivisionCodes.level("610000")).isEqualTo(1);
			assertThat(DivisionCodes.level("610100")).isEqualTo(2);
			assertThat(DivisionCodes.level("610113")).isEqualTo(3);
			assertThat(DivisionCodes.parent("610113")).isEqualTo("610100");
			assertThat(DivisionCodes.parent("610100")).isEqualTo("610000");
			assertThat(DivisionCodes.parent("610000")).isNull();
			assertThat(DivisionCodes.parent("429004")).isEqualTo("420000");
		}

		@ParameterizedTest
		@ValueSource(strings = { "", "61000", "6100000", "61a000", "001000" })
		void refusesMalformedCodes(String code) {
			assertThat(DivisionCodes.isWellFormed(code)).isFalse();
		}
	}

	@Nested
	class Text {

		@Test
		void refusesControlZeroWidthAndBidiCharacters() {
			assertThat(PlainText.Validator.isPlain("西安市公安局", false)).isTrue();
			assertThat(PlainText.Validator.isPlain("西安\u200B市公安局", false)).isFalse();
			assertThat(PlainText.Validator.isPlain("abc\u202Edef", false)).isFalse();
			assertThat(PlainText.Validator.isPlain("a\u0000b", false)).isFalse();
			assertThat(PlainText.Validator.isPlain(" padded", false)).isFalse();
			assertThat(PlainText.Validator.isPlain("line\nline", false)).isFalse();
			assertThat(PlainText.Validator.isPlain("line\nline", true)).isTrue();
		}
	}
}
