package org.unigov.shared.json;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * A JSON string that is not text a field may hold (a lone UTF-16 surrogate or a NUL); carries
 * the JSON path of the field like any other type error.
 */
public final class InvalidTextException extends InvalidFormatException {

	InvalidTextException(JsonParser parser, String value) {
		super(parser, "Not text: a lone UTF-16 surrogate or a NUL character", value, String.class);
	}
}
