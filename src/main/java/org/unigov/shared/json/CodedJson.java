package org.unigov.shared.json;

import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.unigov.shared.Coded;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.module.SimpleModule;

/**
 * Enumerations that carry a code ({@link Coded}) travel as their code in JSON — {@code "approved"},
 * {@code "not-shared"} — both in the API and in JSON stored by modules; reading accepts the code,
 * either label or the constant's name, so older stored documents still read.
 */
@Configuration(proxyBeanMethods = false)
class CodedJson {

	@Bean
	JacksonModule codedEnums() {
		SimpleModule module = new SimpleModule("coded-enums");
		module.addSerializer(Coded.class, new ValueSerializer<>() {
			@Override
			public void serialize(Coded value, JsonGenerator generator, SerializationContext context) {
				generator.writeString(value.code());
			}
		});
		module.setDeserializerModifier(new ValueDeserializerModifier() {
			@Override
			public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
					BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
				if (!Coded.class.isAssignableFrom(type.getRawClass())) {
					return deserializer;
				}
				return codedDeserializer(type.getRawClass());
			}
		});
		return module;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ValueDeserializer<?> codedDeserializer(Class<?> raw) {
		Class type = raw;
		return new ValueDeserializer<Object>() {
			@Override
			public Object deserialize(JsonParser parser, DeserializationContext context) {
				String text = parser.getValueAsString();
				Optional<?> value = Coded.parse(type, text);
				if (value.isEmpty()) {
					throw context.weirdStringException(text, type, "not a known code");
				}
				return value.get();
			}
		};
	}
}
