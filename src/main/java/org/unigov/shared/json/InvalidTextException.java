package org.unigov.shared.json;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * A JSON string that is not valid Unicode text (it holds a lone UTF-16 surrogate); carries the
 * JSON path of the field like any other type error.
 */
public final class InvalidTextException extends InvalidFormatException {

	InvalidTextException(JsonParser parser, String value) {
		super(parser, "Not valid Unicode text: a lone UTF-16 surrogate", value, String.class);
	}
}
