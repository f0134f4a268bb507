package org.unigov.shared.json;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON is read as written, with no guessing: {@code "0"} is not a number, {@code true} and
 * {@code 12} are not strings, {@code "true"} is not a boolean (Jackson would coerce all of these);
 * such a value is refused as {@code invalid_field_type} naming the field. Text must be valid
 * Unicode without NUL: a lone UTF-16 surrogate ({@code "\ud800"}) or a NUL ({@code "\u0000"})
 * can be written in JSON but stored in no PostgreSQL text and hashed by no password encoder, so
 * either is refused as {@code invalid_text} (422) naming the field.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

	@Bean
	JsonMapperBuilderCustomizer noScalarCoercion() {
		return builder -> builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.withCoercionConfig(LogicalType.Textual,
					config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.addModule(new SimpleModule("unicode-text").addDeserializer(String.class, new UnicodeText()));
	}

	/** Jackson's own string reading (coercion rules included), then the check for surrogates and NUL. */
	static final class UnicodeText extends StdScalarDeserializer<String> {

		UnicodeText() {
			super(String.class);
		}

		@Override
		public LogicalType logicalType() {
			return LogicalType.Textual;
		}

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			String value = StringDeserializer.instance.deserialize(parser, context);
			if (value != null && (value.indexOf('\0') >= 0 || hasLoneSurrogate(value))) {
				throw new InvalidTextException(parser, value);
			}
			return value;
		}

		@Override
		public Object getEmptyValue(DeserializationContext context) {
			return "";
		}

		static boolean hasLoneSurrogate(String value) {
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (Character.isHighSurrogate(c) && i + 1 < value.length()
						&& Character.isLowSurrogate(value.charAt(i + 1))) {
					i++;
				}
				else if (Character.isSurrogate(c)) {
					return true;
				}
			}
			return false;
		}
	}
}
