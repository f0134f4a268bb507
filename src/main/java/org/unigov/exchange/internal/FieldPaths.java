package org.unigov.exchange.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The syntax of a response field path in a data service's field map: property names separated by
 * dots, {@code []} after a name (or alone, at the start) for "each element of this array":
 * {@code name}, {@code address.city}, {@code members[].idNumber}, {@code [].code}.
 */
public final class FieldPaths {

	/** The step into the elements of an array. */
	public static final String ELEMENTS = "[]";

	private FieldPaths() {
	}

	/** The steps of a path, or empty when it is not a valid path. */
	public static Optional<List<String>> parse(String path) {
		if (path == null || path.isBlank() || path.length() > 300) {
			return Optional.empty();
		}
		List<String> steps = new ArrayList<>();
		String rest = path.strip();
		if (rest.startsWith(ELEMENTS)) {
			steps.add(ELEMENTS);
			rest = rest.substring(2);
			if (rest.isEmpty()) {
				return Optional.of(steps);
			}
			if (!rest.startsWith(".")) {
				return Optional.empty();
			}
			rest = rest.substring(1);
		}
		for (String part : rest.split("\\.", -1)) {
			String name = part;
			int arrays = 0;
			while (name.endsWith(ELEMENTS)) {
				name = name.substring(0, name.length() - 2);
				arrays++;
			}
			if (name.isEmpty() || name.indexOf('[') >= 0 || name.indexOf(']') >= 0
					|| name.chars().anyMatch(c -> c < 0x20)) {
				return Optional.empty();
			}
			steps.add(name);
			for (int i = 0; i < arrays; i++) {
				steps.add(ELEMENTS);
			}
		}
		return Optional.of(steps);
	}
}
