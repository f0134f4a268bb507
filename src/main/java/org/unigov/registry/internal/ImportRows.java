package org.unigov.registry.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.DateUtil;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.unigov.organization.Agency;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.registry.FundingSource;
import org.unigov.registry.Hosting;
import org.unigov.registry.LoginMethod;
import org.unigov.registry.SystemRegistry;
import org.unigov.registry.SystemStatus;
import org.unigov.registry.Taxonomy;
import org.unigov.registry.internal.SystemImport.RowProblem;
import org.unigov.shared.Actor;
import org.unigov.shared.Amounts;
import org.unigov.shared.Coded;
import org.unigov.shared.Role;
import org.unigov.shared.ident.CreditCode;
import org.unigov.shared.problem.FieldProblem;

/**
 * Turns one parsed row into a draft, or into the problems of its cells: required columns, the
 * agency by credit code (active, and one the actor may import for), codes, dates, amounts, yes/no.
 */
@Component
class ImportRows {

	private static final Pattern SEPARATORS = Pattern.compile("[;；、,，|\\n]+");

	private static final List<DateTimeFormatter> DATES = Stream
		.of("uuuu-MM-dd", "uuuu/M/d", "uuuu.M.d", "uuuu-M-d", "uuuu年M月d日")
		.map(p -> DateTimeFormatter.ofPattern(p).withResolverStyle(ResolverStyle.STRICT))
		.toList();

	private final Taxonomy taxonomy;

	private final OrganizationDirectory organizations;

	ImportRows(Taxonomy taxonomy, OrganizationDirectory organizations) {
		this.taxonomy = taxonomy;
		this.organizations = organizations;
	}

	@Nullable SystemDraft draft(Actor actor, Map<ImportColumn, String> row, int n, List<RowProblem> problems,
			Map<String, Optional<Agency>> agencies) {
		for (ImportColumn column : ImportColumn.values()) {
			if (column.required() && cell(row, column).isEmpty()) {
				problems.add(new RowProblem(n, column.headerZh(), "required", "This column must be filled."));
			}
		}
		String agencyCode = cell(row, ImportColumn.AGENCY_CODE).toUpperCase(Locale.ROOT);
		Agency agency = null;
		if (!agencyCode.isEmpty()) {
			if (!CreditCode.isValid(agencyCode)) {
				problems.add(new RowProblem(n, ImportColumn.AGENCY_CODE.headerZh(), "invalid_credit_code",
						"'" + agencyCode + "' is not a valid unified social credit code (GB 32100).", agencyCode));
			}
			else {
				agency = agencies.computeIfAbsent(agencyCode, this.organizations::agencyByCreditCode).orElse(null);
				if (agency == null || !agency.active()) {
					problems.add(new RowProblem(n, ImportColumn.AGENCY_CODE.headerZh(), "unknown_agency",
							"No active agency has the credit code " + agencyCode + ".", agencyCode));
					agency = null;
				}
				else if (!SystemRegistry.canWrite(actor, agency.id().value())) {
					problems.add(new RowProblem(n, ImportColumn.AGENCY_CODE.headerZh(), "agency_not_permitted",
							"You may import systems only for your own agency, not " + agency.nameZh() + ".",
							agency.nameZh()));
					agency = null;
				}
			}
		}
		List<String> capabilities = codes(row, ImportColumn.CAPABILITIES, n, problems);
		List<String> integrations = codes(row, ImportColumn.INTEGRATIONS, n, problems);
		SystemStatus status = coded(SystemStatus.class, row, ImportColumn.STATUS, n, problems);
		FundingSource funding = coded(FundingSource.class, row, ImportColumn.FUNDING_SOURCE, n, problems);
		Hosting hosting = coded(Hosting.class, row, ImportColumn.HOSTING, n, problems);
		LoginMethod login = coded(LoginMethod.class, row, ImportColumn.LOGIN_METHOD, n, problems);
		LocalDate goLive = date(row, n, problems);
		Long build = fen(row, ImportColumn.BUILD_COST, n, problems);
		Long om = fen(row, ImportColumn.ANNUAL_OM_COST, n, problems);
		Long registered = count(row, ImportColumn.REGISTERED_USERS, n, problems);
		Long active = count(row, ImportColumn.MONTHLY_ACTIVE_USERS, n, problems);
		Boolean publicFacing = bool(row, ImportColumn.PUBLIC_FACING, n, problems);
		Boolean shared = bool(row, ImportColumn.SHARED_PLATFORM, n, problems);
		if (Boolean.TRUE.equals(shared) && !actor.has(Role.PLATFORM_ADMIN)) {
			problems.add(new RowProblem(n, ImportColumn.SHARED_PLATFORM.headerZh(), "shared_platform_reserved",
					"Only a platform admin may mark a system as a shared platform."));
		}
		if (!problems.isEmpty() || agency == null || status == null || funding == null || hosting == null
				|| login == null || publicFacing == null) {
			return null;
		}
		List<String> aliases = split(cell(row, ImportColumn.ALIASES)).stream()
			.filter(a -> !a.equalsIgnoreCase(cell(row, ImportColumn.NAME)))
			.toList();
		return new SystemDraft(cell(row, ImportColumn.NAME), aliases, agency.id().value(),
				cell(row, ImportColumn.SUMMARY), capabilities, status, goLive, build, om, funding,
				cell(row, ImportColumn.VENDOR), hosting, registered, active, login, integrations, publicFacing,
				Boolean.TRUE.equals(shared));
	}

	private static String cell(Map<ImportColumn, String> row, ImportColumn column) {
		String value = row.get(column);
		if (value == null) {
			return "";
		}
		String v = value.strip();
		// an export's formula-injection guard, taken off again
		return v.length() > 1 && v.charAt(0) == '\'' && "=+-@".indexOf(v.charAt(1)) >= 0 ? v.substring(1) : v;
	}

	private static List<String> split(String value) {
		if (value.isBlank()) {
			return List.of();
		}
		return SEPARATORS.splitAsStream(value).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
	}

	private List<String> codes(Map<ImportColumn, String> row, ImportColumn column, int n, List<RowProblem> problems) {
		Set<String> codes = new LinkedHashSet<>();
		for (String name : split(cell(row, column))) {
			Optional<String> code = this.taxonomy.resolve(name);
			if (code.isEmpty()) {
				problems.add(new RowProblem(n, column.headerZh(), "unknown_capability",
						"'" + name + "' is not in the function taxonomy (use a code or its Chinese or English name).",
						name));
			}
			else {
				codes.add(code.get());
			}
		}
		return List.copyOf(codes);
	}

	private static <E extends Enum<E> & Coded> @Nullable E coded(Class<E> type, Map<ImportColumn, String> row,
			ImportColumn column, int n, List<RowProblem> problems) {
		String value = cell(row, column);
		if (value.isEmpty()) {
			return null;
		}
		Optional<E> parsed = Coded.parse(type, value);
		if (parsed.isEmpty()) {
			problems.add(new RowProblem(n, column.headerZh(), "invalid_value",
					"'" + value + "' is not one of: " + Arrays.stream(type.getEnumConstants())
						.map(e -> e.labelZh() + " / " + e.code())
						.collect(Collectors.joining(", ")) + ".", value));
		}
		return parsed.orElse(null);
	}

	private static @Nullable LocalDate date(Map<ImportColumn, String> row, int n, List<RowProblem> problems) {
		String value = cell(row, ImportColumn.GO_LIVE_DATE);
		if (value.isEmpty()) {
			return null;
		}
		for (DateTimeFormatter format : DATES) {
			try {
				return LocalDate.parse(value, format);
			}
			catch (DateTimeParseException ex) {
				// try the next format
			}
		}
		if (value.matches("[0-9]{5}")) {
			// an Excel date serial in a cell without a date format
			int serial = Integer.parseInt(value);
			if (serial > 20_000 && serial < 80_000) {
				return DateUtil.getLocalDateTime(serial).toLocalDate();
			}
		}
		problems.add(new RowProblem(n, ImportColumn.GO_LIVE_DATE.headerZh(), "invalid_date",
				"'" + value + "' is not a date; write it as 2024-06-30.", value));
		return null;
	}

	private static @Nullable Long fen(Map<ImportColumn, String> row, ImportColumn column, int n, List<RowProblem> problems) {
		return read(Amounts.fen(column.headerZh(), cell(row, column)), n, problems, cell(row, column));
	}

	private static @Nullable Long count(Map<ImportColumn, String> row, ImportColumn column, int n, List<RowProblem> problems) {
		return read(Amounts.count(column.headerZh(), cell(row, column)), n, problems, cell(row, column));
	}

	private static @Nullable Long read(Amounts.Read read, int n, List<RowProblem> problems, String value) {
		FieldProblem problem = read.problem();
		if (problem != null) {
			problems.add(new RowProblem(n, problem.field(), problem.code(), problem.message(), value));
		}
		return read.known();
	}

	private static @Nullable Boolean bool(Map<ImportColumn, String> row, ImportColumn column, int n,
			List<RowProblem> problems) {
		String value = cell(row, column).toLowerCase(Locale.ROOT);
		return switch (value) {
			case "是", "yes", "y", "true", "1" -> true;
			case "否", "no", "n", "false", "0" -> false;
			case "" -> column.required() ? null : false;
			default -> {
				problems.add(new RowProblem(n, column.headerZh(), "invalid_value",
						"'" + value + "' is not 是/否 (yes/no).", value));
				yield null;
			}
		};
	}
}
