package org.unigov.registry.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.validation.BindingResult;
import org.unigov.registry.FundingSource;
import org.unigov.registry.Hosting;
import org.unigov.registry.LoginMethod;
import org.unigov.registry.RegisteredSystem;
import org.unigov.registry.SystemStatus;
import org.unigov.registry.internal.SystemDraft;
import org.unigov.shared.Amounts;
import org.unigov.shared.Coded;
import org.unigov.shared.problem.FieldProblem;

/** The system form as the page posts it: text as typed, amounts in yuan. */
record SystemForm(@Nullable String name, @Nullable String aliases, @Nullable UUID agencyId,
		@Nullable String summary, @Nullable List<String> capabilities, @Nullable String status,
		@Nullable String goLiveDate, @Nullable String buildCostYuan, @Nullable String annualOmCostYuan,
		@Nullable String fundingSource, @Nullable String vendor, @Nullable String hosting,
		@Nullable String registeredUsers, @Nullable String monthlyActiveUsers, @Nullable String loginMethod,
		@Nullable List<String> integrations, @Nullable Boolean publicFacing, @Nullable Boolean sharedPlatform,
		@Nullable Long version, @Nullable Boolean confirmDuplicates) {

	static SystemForm empty(@Nullable UUID agencyId) {
		return new SystemForm("", "", agencyId, "", List.of(), SystemStatus.LIVE.code(), "", "", "",
				FundingSource.MUNICIPAL_FISCAL.code(), "", Hosting.GOV_CLOUD.code(), "", "",
				LoginMethod.UNIFIED_IDENTITY.code(), List.of(), false, false, null, false);
	}

	static SystemForm of(RegisteredSystem s) {
		return new SystemForm(s.name(), String.join("; ", s.aliases()), s.agencyId(), s.summary(), s.capabilities(),
				s.status().code(), s.goLiveDate() == null ? "" : s.goLiveDate().toString(),
				s.buildCostFen() == null ? "" : BigDecimal.valueOf(s.buildCostFen(), 2).toPlainString(),
				s.annualOmCostFen() == null ? "" : BigDecimal.valueOf(s.annualOmCostFen(), 2).toPlainString(),
				s.fundingSource().code(), s.vendor(), s.hosting().code(),
				s.registeredUsers() == null ? "" : String.valueOf(s.registeredUsers()),
				s.monthlyActiveUsers() == null ? "" : String.valueOf(s.monthlyActiveUsers()),
				s.loginMethod().code(), s.integrations(), s.publicFacing(), s.sharedPlatform(), s.version(), false);
	}

	/** The draft, or null with every problem put on the binding result. */
	@Nullable SystemDraft draft(BindingResult binding) {
		SystemStatus s = coded(SystemStatus.class, "status", this.status, binding);
		FundingSource f = coded(FundingSource.class, "fundingSource", this.fundingSource, binding);
		Hosting h = coded(Hosting.class, "hosting", this.hosting, binding);
		LoginMethod l = coded(LoginMethod.class, "loginMethod", this.loginMethod, binding);
		LocalDate date = null;
		if (this.goLiveDate != null && !this.goLiveDate.isBlank()) {
			try {
				date = LocalDate.parse(this.goLiveDate.strip());
			}
			catch (DateTimeParseException ex) {
				binding.rejectValue("goLiveDate", "invalid_date", "not a date (2024-06-30)");
			}
		}
		Long build = fen("buildCostYuan", this.buildCostYuan, binding);
		Long om = fen("annualOmCostYuan", this.annualOmCostYuan, binding);
		Long registered = count("registeredUsers", this.registeredUsers, binding);
		Long active = count("monthlyActiveUsers", this.monthlyActiveUsers, binding);
		if (this.agencyId == null) {
			binding.rejectValue("agencyId", "required", "required");
		}
		if (binding.hasErrors() || s == null || f == null || h == null || l == null || this.agencyId == null) {
			return null;
		}
		List<String> aliasList = this.aliases == null ? List.of()
				: Arrays.stream(this.aliases.split("[;；]")).map(String::strip).filter(a -> !a.isEmpty()).toList();
		return new SystemDraft(this.name == null ? "" : this.name, aliasList, this.agencyId,
				this.summary == null ? "" : this.summary, this.capabilities == null ? List.of() : this.capabilities,
				s, date, build, om, f, this.vendor == null ? "" : this.vendor, h, registered, active, l,
				this.integrations == null ? List.of() : this.integrations, Boolean.TRUE.equals(this.publicFacing),
				Boolean.TRUE.equals(this.sharedPlatform));
	}

	private static <E extends Enum<E> & Coded> @Nullable E coded(Class<E> type, String field,
			@Nullable String value, BindingResult binding) {
		E parsed = Coded.parse(type, value).orElse(null);
		if (parsed == null) {
			binding.rejectValue(field, "invalid_value", "choose a value");
		}
		return parsed;
	}

	private static @Nullable Long fen(String field, @Nullable String yuan, BindingResult binding) {
		return read(Amounts.fen(field, yuan), binding);
	}

	private static @Nullable Long count(String field, @Nullable String value, BindingResult binding) {
		return read(Amounts.count(field, value), binding);
	}

	private static @Nullable Long read(Amounts.Read read, BindingResult binding) {
		FieldProblem problem = read.problem();
		if (problem != null) {
			binding.rejectValue(problem.field(), problem.code(), problem.message());
		}
		return read.known();
	}
}
