package org.unigov.registry.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.unigov.registry.FundingSource;
import org.unigov.registry.Hosting;
import org.unigov.registry.LoginMethod;
import org.unigov.registry.SystemRegistry;
import org.unigov.registry.SystemStatus;
import org.unigov.registry.internal.RegistryError;
import org.unigov.registry.internal.SystemDraft;
import org.unigov.shared.Coded;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/** Request shapes and parameter parsing shared by the registry's API and pages. */
final class SystemForms {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	static final String CSV = "text/csv;charset=UTF-8";

	private SystemForms() {
	}

	/**
	 * A system as the API receives it. Enumerated fields take their codes (e.g. {@code live}).
	 * Costs and user figures may be null or left out: unknown, recorded as such, not as zero.
	 */
	record SystemRequest(@NotBlank @Size(max = 200) String name,
			@Nullable @Size(max = 10) List<@NotBlank String> aliases, @Nullable UUID agencyId,
			@Nullable @Size(max = 2000) String summary,
			@NotNull @Size(min = 1, max = 12) List<@NotBlank String> capabilities, @NotBlank String status,
			@Nullable LocalDate goLiveDate, @Nullable @PositiveOrZero Long buildCostFen,
			@Nullable @PositiveOrZero Long annualOmCostFen, @NotBlank String fundingSource, @Nullable String vendor,
			@NotBlank String hosting, @Nullable @PositiveOrZero Long registeredUsers,
			@Nullable @PositiveOrZero Long monthlyActiveUsers, @NotBlank String loginMethod,
			@Nullable @Size(max = 20) List<@NotBlank String> integrations, @NotNull Boolean publicFacing, @Nullable Boolean sharedPlatform,
			@Nullable @PositiveOrZero Long version, @Nullable Boolean confirmDuplicates) {

		/** The draft; without {@code agencyId}, the system stays with (or goes to) {@code defaultAgency}. */
		SystemDraft draft(@Nullable UUID defaultAgency) {
			List<Map<String, String>> errors = new ArrayList<>();
			SystemStatus s = parse(SystemStatus.class, "status", this.status, errors);
			FundingSource f = parse(FundingSource.class, "fundingSource", this.fundingSource, errors);
			Hosting h = parse(Hosting.class, "hosting", this.hosting, errors);
			LoginMethod l = parse(LoginMethod.class, "loginMethod", this.loginMethod, errors);
			UUID agency = this.agencyId != null ? this.agencyId : defaultAgency;
			if (agency == null) {
				errors.add(Map.of("field", "agencyId", "code", "required", "message", "Name the owning agency."));
			}
			if (!errors.isEmpty() || s == null || f == null || h == null || l == null || agency == null) {
				throw new UnigovException(RegistryError.INVALID_SYSTEM,
						"The system record has " + errors.size() + " problem(s).", Map.of("errors", errors));
			}
			return new SystemDraft(this.name, this.aliases == null ? List.of() : this.aliases, agency,
					this.summary == null ? "" : this.summary, this.capabilities, s, this.goLiveDate, this.buildCostFen,
					this.annualOmCostFen, f, this.vendor == null ? "" : this.vendor, h, this.registeredUsers,
					this.monthlyActiveUsers, l, this.integrations == null ? List.of() : this.integrations,
					this.publicFacing, Boolean.TRUE.equals(this.sharedPlatform));
		}
	}

	private static <E extends Enum<E> & Coded> @Nullable E parse(Class<E> type, String field, String value,
			List<Map<String, String>> errors) {
		E parsed = Coded.parse(type, value).orElse(null);
		if (parsed == null) {
			errors.add(Map.of("field", field, "code", "invalid_value", "message",
					"'" + value + "' is not one of " + codes(type) + "."));
		}
		return parsed;
	}

	static <E extends Enum<E> & Coded> String codes(Class<E> type) {
		return Arrays.stream(type.getEnumConstants()).map(Coded::code).collect(Collectors.joining(", "));
	}

	static SystemRegistry.SystemFilter filter(@Nullable String divisionCode, @Nullable UUID agencyId,
			@Nullable String capability, @Nullable String status, @Nullable String loginMethod, @Nullable String q,
			@Nullable Boolean sharedPlatform) {
		return new SystemRegistry.SystemFilter(blank(divisionCode), agencyId, blank(capability),
				parameter(SystemStatus.class, "status", status), parameter(LoginMethod.class, "loginMethod", loginMethod),
				blank(q), sharedPlatform);
	}

	private static <E extends Enum<E> & Coded> @Nullable E parameter(Class<E> type, String name,
			@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return Coded.parse(type, value)
			.orElseThrow(() -> new UnigovException(CommonError.INVALID_PARAMETER,
					"'" + value + "' is not a valid " + name + "; use one of " + codes(type) + "."));
	}

	static @Nullable String blank(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
