package org.unigov.registry.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.unigov.organization.Agency;
import org.unigov.shared.Coded;

/** What the audit entries of system writes record: the registered facts, or the changed fields. */
final class SystemAuditDetails {

	private SystemAuditDetails() {
	}

	static Map<String, Object> registered(SystemDraft d, Agency agency) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("name", SystemNames.clean(d.name()));
		details.put("agency", agency.creditCode());
		details.put("capabilities", d.capabilities());
		details.put("status", d.status().code());
		details.put("buildCostFen", d.buildCostFen() == null ? "unknown" : d.buildCostFen());
		details.put("annualOmCostFen", d.annualOmCostFen() == null ? "unknown" : d.annualOmCostFen());
		details.put("loginMethod", d.loginMethod().code());
		details.put("sharedPlatform", d.sharedPlatform());
		return details;
	}

	static Map<String, Object> changes(SystemDraft before, SystemDraft after) {
		Map<String, Object> changes = new LinkedHashMap<>();
		for (var component : SystemDraft.class.getRecordComponents()) {
			try {
				Object from = normalize(component.getAccessor().invoke(before));
				Object to = normalize(component.getAccessor().invoke(after));
				if (!Objects.equals(from, to)) {
					Map<String, Object> change = new LinkedHashMap<>();
					change.put("from", from == null ? "" : from);
					change.put("to", to == null ? "" : to);
					changes.put(component.getName(), change);
				}
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return changes;
	}

	private static @Nullable Object normalize(@Nullable Object value) {
		if (value instanceof Coded coded) {
			return coded.code();
		}
		if (value instanceof String s) {
			return s.strip();
		}
		if (value instanceof LocalDate || value instanceof UUID) {
			return value.toString();
		}
		return value;
	}
}
