package org.unigov.exchange.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The gateway's field filter (S6): only granted scalar leaves leave the gateway. */
class FieldFilterTests {

	static String filter(FieldFilter filter, String body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		filter.filter(bytes, bytes.length, out);
		return out.toString(StandardCharsets.UTF_8);
	}

	@Nested
	class GrantedLeaves {

		final FieldFilter filter = FieldFilter.compile(
				Map.of("data.creditCode", "code", "data.name", "name", "data.items[].date", "date", "data.secret",
						"secret"),
				Set.of("code", "name", "date"));

		@Test
		@DisplayName("S6 an object or array where a granted scalar is expected passes nothing of its content")
		void structuredValuesAtAGrantedLeafAreDropped() {
			String out = filter(this.filter, """
					{"data":{"creditCode":{"value":"x","phone":"P"},"name":["a",{"idNumber":"I"}],
					 "items":[{"date":{"inspectorPhone":"T"}}]}}""");
			assertThat(out).isEqualTo("{\"data\":{\"items\":[{}]}}");
		}

		@Test
		@DisplayName("S6 scalars at granted leaves pass exactly, ungranted and unmapped fields do not")
		void scalarsPassExactly() {
			String out = filter(this.filter, """
					{"data":{"creditCode":"91610000MA6TG1234X","name":null,"secret":"S","other":1,
					 "items":[{"date":"2026-01-02","x":1},{"date":12345678901234567890.10}]},"top":true}""");
			assertThat(out).isEqualTo("{\"data\":{\"creditCode\":\"91610000MA6TG1234X\",\"name\":null,"
					+ "\"items\":[{\"date\":\"2026-01-02\"},{\"date\":12345678901234567890.10}]}}");
		}

		@Test
		void onlyItemsThatAppearedAsScalarsAreReportedForTheLog() {
			byte[] body = "{\"data\":{\"creditCode\":{\"v\":1},\"name\":\"张三\"}}".getBytes(StandardCharsets.UTF_8);
			var result = this.filter.filter(body, body.length, new ByteArrayOutputStream());
			assertThat(result.itemsReturned()).containsExactly("name");
		}
	}

	@Nested
	class StructuredValues {

		@Test
		@DisplayName("S6 a structured item passes only the sub-fields its mapping declares")
		void declaredSubFieldsPass() {
			FieldFilter filter = FieldFilter.compile(Map.of("data.creditCode.value", "code", "names[]", "name"),
					Set.of("code", "name"));
			String out = filter(filter, """
					{"data":{"creditCode":{"value":"x","phone":"P"}},"names":["a",{"idNumber":"I"},"b"]}""");
			assertThat(out).isEqualTo("{\"data\":{\"creditCode\":{\"value\":\"x\"}},\"names\":[\"a\",\"b\"]}");
		}
	}

	@Nested
	class DuplicateKeys {

		final FieldFilter filter = FieldFilter.compile(Map.of("data.name", "name"), Set.of("name"));

		@Test
		@DisplayName("S6 an answer repeating a granted property name is refused, not filtered")
		void aRepeatedGrantedPropertyIsRefused() {
			assertThatThrownBy(() -> filter(this.filter, "{\"data\":{\"name\":\"ok\",\"name\":{\"secret\":\"S\"}}}"))
				.isInstanceOf(FieldFilter.DuplicateKey.class)
				.hasMessageContaining("name");
		}

		@Test
		void aRepeatedPropertyAnywhereIsRefused() {
			assertThatThrownBy(() -> filter(this.filter, "{\"data\":{\"name\":\"ok\"},\"x\":{\"a\":1,\"a\":2}}"))
				.isInstanceOf(FieldFilter.DuplicateKey.class);
			assertThatThrownBy(() -> filter(this.filter, "{\"data\":{\"name\":\"ok\"},\"data\":{}}"))
				.isInstanceOf(FieldFilter.DuplicateKey.class);
		}

		@Test
		void malformedJsonIsStillNotJson() {
			assertThatThrownBy(() -> filter(this.filter, "{\"data\":{\"name\":\"o"))
				.isInstanceOf(FieldFilter.NotJson.class);
		}
	}
}
