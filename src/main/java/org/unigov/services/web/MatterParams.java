package org.unigov.services.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.unigov.services.internal.LifeEvent;
import org.unigov.services.internal.MatterStatus;
import org.unigov.services.internal.ServiceError;
import org.unigov.shared.Coded;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/** Query parameters of the matter lists, read from their codes (or labels) for the API and the pages. */
final class MatterParams {

	private MatterParams() {
	}

	static @Nullable LifeEvent lifeEvent(@Nullable String text) {
		return parse(LifeEvent.class, "lifeEvent", text);
	}

	static @Nullable MatterStatus status(@Nullable String text) {
		return parse(MatterStatus.class, "status", text);
	}

	private static <E extends Enum<E> & Coded> @Nullable E parse(Class<E> type, String name, @Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		return Coded.parse(type, text).orElseThrow(() -> {
			FieldProblem problem = new FieldProblem(name, "unknown", "Unknown " + name + ": " + text);
			return UnigovException.invalid(ServiceError.MATTER_INVALID, problem.message(), List.of(problem));
		});
	}
}
