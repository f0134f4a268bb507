package org.unigov.registry;

import org.unigov.shared.Amounts;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.Coded;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.unigov.organization.Agency;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.ident.CreditCode;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * Bulk import of system inventories from the XLSX or CSV template (Chinese or English headers).
 * A dry run checks every row and imports nothing; a real run imports every row or, if any row has
 * a problem, none. No row is ever dropped silently: each problem names its row (as the
 * spreadsheet numbers it, header = 1), its column and what is wrong.
 */
@Service
public class SystemImport {

	/** Most rows one file may hold. */
	public static final int MAX_ROWS = 50_000;

	/** Most problems listed in one report; the count is always complete. */
	static final int MAX_LISTED_PROBLEMS = 1_000;

	private static final Pattern SEPARATORS = Pattern.compile("[;；、,，|\\n]+");

	private static final List<DateTimeFormatter> DATES = java.util.stream.Stream
		.of("uuuu-MM-dd", "uuuu/M/d", "uuuu.M.d", "uuuu-M-d", "uuuu年M月d日")
		.map(p -> DateTimeFormatter.ofPattern(p).withResolverStyle(java.time.format.ResolverStyle.STRICT))
		.toList();

	private final SystemRegistry registry;

	private final Taxonomy taxonomy;

	private final OrganizationDirectory organizations;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	SystemImport(SystemRegistry registry, Taxonomy taxonomy, OrganizationDirectory organizations, JdbcClient jdbc,
			TransactionTemplate transactions) {
		this.registry = registry;
		this.taxonomy = taxonomy;
		this.organizations = organizations;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/**
	 * One problem of one row. Row 1 is the header row. {@code message} is English for API
	 * clients; pages show the bundle's text for {@code code}, with {@code value} (the cell as
	 * written, or the earlier row of a repeated one) where it helps.
	 */
	public record RowProblem(int row, String column, String code, String message, String value) {

		public RowProblem(int row, String column, String code, String message) {
			this(row, column, code, message, "");
		}
	}

	/**
	 * What an import found and did.
	 *
	 * @param problemCount every problem found; {@code problems} lists the first 1,000
	 */
	public record ImportReport(String fileName, boolean dryRun, int rows, int validRows, int blankRows, int imported,
			int problemCount, List<RowProblem> problems, long tookMillis) {

		public boolean accepted() {
			return this.problemCount == 0;
		}
	}

	/** Told how far an import has got, for progress bars. */
	public interface Progress {

		Progress NONE = (phase, done, total) -> {
		};

		void update(String phase, int done, int total);

	}

	/** The file, parsed into raw cells by column, with spreadsheet row numbers. */
	record Parsed(List<Map<ImportColumn, String>> rows, List<Integer> rowNumbers, int blankRows) {
	}

	/**
	 * Checks a file and, unless {@code dryRun}, imports it. A real run with problems throws
	 * {@code import_rejected} carrying the report; nothing is written.
	 */
	public ImportReport run(Actor actor, String fileName, byte[] content, boolean dryRun, Progress progress) {
		if (!actor.hasAny(Role.PLATFORM_ADMIN, Role.AGENCY_ADMIN, Role.AGENCY_STAFF)) {
			throw new UnigovException(CommonError.FORBIDDEN,
					"Only agency admins and staff (for their agency) and platform admins import systems.");
		}
		if (!RUNNING.tryAcquire()) {
			throw new UnigovException(org.unigov.shared.problem.CommonError.TOO_MANY_REQUESTS,
					"Two imports are running already; try again in a minute.");
		}
		try {
			return runExclusive(actor, fileName, content, dryRun, progress);
		}
		finally {
			RUNNING.release();
		}
	}

	/** At most two imports run at once on an instance: each holds a file and its rows in memory. */
	private static final java.util.concurrent.Semaphore RUNNING = new java.util.concurrent.Semaphore(2);

	private ImportReport runExclusive(Actor actor, String fileName, byte[] content, boolean dryRun,
			Progress progress) {
		long start = System.nanoTime();
		progress.update("parse", 0, 0);
		Parsed parsed = parse(fileName, content);
		List<RowProblem> problems = new ArrayList<>();
		List<SystemDraft> drafts = check(actor, parsed, problems, progress);
		int valid = drafts.size();
		int imported = 0;
		if (problems.isEmpty() && !dryRun) {
			progress.update("save", 0, drafts.size());
			String source = "import:" + safeName(fileName);
			imported = this.transactions.execute(status -> this.registry.createAll(actor, drafts, source)).size();
			progress.update("save", imported, drafts.size());
		}
		problems.sort(java.util.Comparator.comparingInt(RowProblem::row));
		ImportReport report = new ImportReport(safeName(fileName), dryRun, parsed.rows().size(), valid,
				parsed.blankRows(), imported, problems.size(),
				List.copyOf(problems.subList(0, Math.min(problems.size(), MAX_LISTED_PROBLEMS))),
				(System.nanoTime() - start) / 1_000_000);
		if (!dryRun && !problems.isEmpty()) {
			throw new UnigovException(RegistryError.IMPORT_REJECTED, "Nothing was imported: " + problems.size()
					+ " problem(s) in " + parsed.rows().size() + " row(s). Fix them and import the file again.",
					Map.of("report", report));
		}
		return report;
	}

	private static String safeName(String fileName) {
		String name = fileName.replaceAll("[\\p{Cntrl}<>\"\\\\/]", "_");
		return name.length() > 120 ? name.substring(0, 120) : name;
	}

	Parsed parse(String fileName, byte[] content) {
		String lower = fileName.toLowerCase(Locale.ROOT);
		boolean zip = content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3
				&& content[3] == 4;
		if (content.length == 0) {
			throw new UnigovException(RegistryError.IMPORT_FILE_INVALID, "The file is empty.");
		}
		if (lower.endsWith(".xlsx") || lower.endsWith(".xlsm")) {
			if (!zip) {
				throw new UnigovException(RegistryError.IMPORT_FILE_INVALID,
						"The file is named .xlsx but is not an Excel workbook (it may be corrupted).");
			}
			return parseXlsx(content);
		}
		if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
			if (zip || looksBinary(content)) {
				throw new UnigovException(RegistryError.IMPORT_FILE_INVALID,
						"The file is named .csv but holds binary data; save the sheet as CSV or upload the .xlsx.");
			}
			return parseCsv(content);
		}
		if (lower.endsWith(".xls")) {
			throw new UnigovException(RegistryError.IMPORT_FILE_TYPE,
					"Old Excel 97-2003 files (.xls) are not read; save the sheet as .xlsx and upload that.");
		}
		throw new UnigovException(RegistryError.IMPORT_FILE_TYPE,
				"Upload the inventory as .xlsx or .csv (the templates show the columns).");
	}

	private static boolean looksBinary(byte[] content) {
		int n = Math.min(content.length, 4096);
		for (int i = 0; i < n; i++) {
			if (content[i] == 0) {
				return true;
			}
		}
		return false;
	}

	static {
		// the sheet is streamed, but shared strings are held in memory: cap every zip entry
		org.apache.poi.openxml4j.util.ZipSecureFile.setMaxEntrySize(64L * 1024 * 1024);
	}

	/**
	 * Streams the first sheet (SAX), so that memory does not grow with the sheet; numbers come
	 * as exact decimals (what Excel shows, to 15 significant digits), date cells as ISO dates.
	 */
	private Parsed parseXlsx(byte[] content) {
		try (org.apache.poi.openxml4j.opc.OPCPackage pkg = org.apache.poi.openxml4j.opc.OPCPackage
			.open(new ByteArrayInputStream(content))) {
			org.apache.poi.xssf.eventusermodel.XSSFReader reader = new org.apache.poi.xssf.eventusermodel.XSSFReader(pkg);
			var strings = new org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable(pkg);
			var sheets = reader.getSheetsData();
			if (!sheets.hasNext()) {
				throw new UnigovException(RegistryError.IMPORT_FILE_INVALID, "The workbook has no sheet.");
			}
			SheetRows rows = new SheetRows();
			try (java.io.InputStream sheet = sheets.next()) {
				org.xml.sax.XMLReader parser = org.apache.poi.util.XMLHelper.newXMLReader();
				parser.setContentHandler(new org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler(
						reader.getStylesTable(), null, strings, rows, new ExactValues(), false));
				parser.parse(new org.xml.sax.InputSource(sheet));
			}
			return rows.parsed();
		}
		catch (UnigovException ex) {
			throw ex;
		}
		catch (TooManyRows ex) {
			throw tooMany(ex.rows);
		}
		catch (Exception ex) {
			throw new UnigovException(RegistryError.IMPORT_FILE_INVALID,
					"The workbook cannot be read; it may be corrupted or password-protected. Open and save it in Excel or WPS, then upload it again.");
		}
	}

	/** Thrown from inside the SAX parse when a sheet has too many rows. */
	private static final class TooManyRows extends RuntimeException {

		final int rows;

		TooManyRows(int rows) {
			super(null, null, false, false);
			this.rows = rows;
		}
	}

	/** Cell values as the importer wants them: no thousands separators, no rounding, ISO dates. */
	private static final class ExactValues extends DataFormatter {

		ExactValues() {
			super(Locale.ROOT);
		}

		@Override
		public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
			if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
				return DateUtil.getLocalDateTime(value, use1904).toLocalDate().toString();
			}
			return exact(value);
		}

		@Override
		public String formatRawCellContents(double value, int formatIndex, String formatString) {
			return formatRawCellContents(value, formatIndex, formatString, false);
		}
	}

	/** A spreadsheet number as the decimal Excel shows (15 significant digits): 0.1+0.2 is 0.3. */
	static String exact(double value) {
		return new BigDecimal(value).round(new java.math.MathContext(15)).stripTrailingZeros().toPlainString();
	}

	/** Collects the rows of a streamed sheet: the first non-blank row is the header. */
	private static final class SheetRows
			implements org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler {

		private @Nullable Map<Integer, ImportColumn> columns;

		private final List<Map<ImportColumn, String>> rows = new ArrayList<>();

		private final List<Integer> numbers = new ArrayList<>();

		private int blank;

		private Map<Integer, String> current = new HashMap<>();

		private int lastColumn;

		@Override
		public void startRow(int rowNum) {
			this.current = new HashMap<>();
			this.lastColumn = -1;
		}

		@Override
		public void cell(@Nullable String reference, @Nullable String value,
				org.apache.poi.xssf.usermodel.@Nullable XSSFComment comment) {
			int column = reference == null ? this.lastColumn + 1
					: new org.apache.poi.ss.util.CellReference(reference).getCol();
			this.lastColumn = column;
			this.current.put(column, value == null ? "" : value);
		}

		@Override
		public void endRow(int rowNum) {
			if (this.columns == null) {
				int width = this.current.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
				List<String> headers = new ArrayList<>();
				for (int c = 0; c < width; c++) {
					headers.add(this.current.getOrDefault(c, ""));
				}
				if (!headers.stream().allMatch(String::isBlank)) {
					this.columns = columns(headers);
				}
				return;
			}
			Map<ImportColumn, String> values = new EnumMap<>(ImportColumn.class);
			for (var column : this.columns.entrySet()) {
				values.put(column.getValue(), this.current.getOrDefault(column.getKey(), ""));
			}
			if (values.values().stream().allMatch(String::isBlank)) {
				this.blank++;
				return;
			}
			this.rows.add(values);
			this.numbers.add(rowNum + 1);
			if (this.rows.size() > MAX_ROWS) {
				throw new TooManyRows(rowNum + 1);
			}
		}

		Parsed parsed() {
			if (this.columns == null) {
				throw new UnigovException(RegistryError.IMPORT_FILE_INVALID, "The first sheet is empty.");
			}
			return new Parsed(this.rows, this.numbers, this.blank);
		}
	}

	private Parsed parseCsv(byte[] content) {
		String text = decode(content);
		CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).get();
		try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
			List<Map<ImportColumn, String>> rows = new ArrayList<>();
			List<Integer> numbers = new ArrayList<>();
			Map<Integer, ImportColumn> columns = null;
			int blank = 0;
			int line = 0;
			for (CSVRecord record : parser) {
				line++;
				if (columns == null) {
					List<String> headers = new ArrayList<>();
					record.forEach(headers::add);
					columns = columns(headers);
					continue;
				}
				if (rows.size() + blank >= MAX_ROWS + 1000) {
					throw tooMany(line);
				}
				Map<ImportColumn, String> values = new EnumMap<>(ImportColumn.class);
				for (var column : columns.entrySet()) {
					values.put(column.getValue(), column.getKey() < record.size() ? record.get(column.getKey()) : "");
				}
				if (values.values().stream().allMatch(String::isBlank)) {
					blank++;
					continue;
				}
				rows.add(values);
				numbers.add(line);
			}
			if (columns == null) {
				throw new UnigovException(RegistryError.IMPORT_FILE_INVALID, "The file has no header row.");
			}
			if (rows.size() > MAX_ROWS) {
				throw tooMany(rows.size());
			}
			return new Parsed(rows, numbers, blank);
		}
		catch (IOException | IllegalStateException | java.io.UncheckedIOException ex) {
			throw new UnigovException(RegistryError.IMPORT_FILE_INVALID,
					"The CSV file cannot be read: " + ex.getMessage().replaceAll("[\\r\\n]+", " "));
		}
	}

	/** UTF-8 (with or without BOM), else GB18030, which Excel on Chinese Windows writes. */
	private static String decode(byte[] content) {
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(content))
				.toString();
			return text.startsWith("\uFEFF") ? text.substring(1) : text;
		}
		catch (CharacterCodingException ex) {
			return new String(content, Charset.forName("GB18030"));
		}
	}

	private static UnigovException tooMany(int rows) {
		return new UnigovException(RegistryError.IMPORT_TOO_MANY_ROWS,
				"The file has about " + rows + " rows; one import takes at most " + MAX_ROWS
						+ ". Split it into several files.");
	}

	/** Maps header positions to columns; unknown, repeated and missing required columns are refused. */
	private static Map<Integer, ImportColumn> columns(List<String> headers) {
		Map<Integer, ImportColumn> columns = new HashMap<>();
		List<String> unknown = new ArrayList<>();
		Set<ImportColumn> seen = new HashSet<>();
		List<String> repeated = new ArrayList<>();
		for (int i = 0; i < headers.size(); i++) {
			String h = headers.get(i) == null ? "" : headers.get(i).strip();
			if (h.isEmpty()) {
				continue;
			}
			Optional<ImportColumn> column = ImportColumn.of(h);
			if (column.isEmpty()) {
				unknown.add(h);
			}
			else if (!seen.add(column.get())) {
				repeated.add(h);
			}
			else {
				columns.put(i, column.get());
			}
		}
		List<String> missing = Arrays.stream(ImportColumn.values())
			.filter(c -> c.required() && !seen.contains(c))
			.map(c -> c.headerZh() + " (" + c.key() + ")")
			.toList();
		if (!unknown.isEmpty() || !missing.isEmpty() || !repeated.isEmpty()) {
			List<String> parts = new ArrayList<>();
			if (!missing.isEmpty()) {
				parts.add("missing column(s): " + String.join(", ", missing));
			}
			if (!unknown.isEmpty()) {
				parts.add("unknown column(s): " + String.join(", ", unknown));
			}
			if (!repeated.isEmpty()) {
				parts.add("repeated column(s): " + String.join(", ", repeated));
			}
			throw new UnigovException(RegistryError.IMPORT_FILE_INVALID,
					"The header row does not match the template: " + String.join("; ", parts) + ".",
					Map.of("missingColumns", missing, "unknownColumns", unknown, "repeatedColumns", repeated));
		}
		return columns;
	}

	private List<SystemDraft> check(Actor actor, Parsed parsed, List<RowProblem> problems, Progress progress) {
		List<SystemDraft> drafts = new ArrayList<>();
		Map<String, Optional<Agency>> agencies = new HashMap<>();
		Map<String, Integer> firstRow = new HashMap<>();
		Map<UUID, Set<String>> existing = new HashMap<>();
		int total = parsed.rows().size();
		for (int i = 0; i < total; i++) {
			if (i % 500 == 0) {
				progress.update("check", i, total);
			}
			int rowNumber = parsed.rowNumbers().get(i);
			Map<ImportColumn, String> row = parsed.rows().get(i);
			List<RowProblem> rowProblems = new ArrayList<>();
			SystemDraft draft = draft(actor, row, rowNumber, rowProblems, agencies);
			if (draft != null) {
				for (FieldProblem p : this.registry.validate(draft)) {
					rowProblems.add(new RowProblem(rowNumber, column(p.field()), p.code(), p.message()));
				}
				String key = draft.agencyId() + "|" + SystemNames.key(draft.name());
				Integer first = firstRow.putIfAbsent(key, rowNumber);
				if (first != null) {
					rowProblems.add(new RowProblem(rowNumber, ImportColumn.NAME.headerZh(), "duplicate_row",
							"Row " + first + " already registers '" + draft.name().strip() + "' for this agency.",
							String.valueOf(first)));
				}
				Set<String> names = existing.computeIfAbsent(draft.agencyId(), this::existingNames);
				if (names.contains(SystemNames.key(draft.name()))) {
					rowProblems.add(new RowProblem(rowNumber, ImportColumn.NAME.headerZh(), "system_exists",
							"The agency already has a registered system named '" + draft.name().strip()
									+ "'; edit it instead.", SystemNames.clean(draft.name())));
				}
			}
			if (rowProblems.isEmpty() && draft != null) {
				drafts.add(draft);
			}
			problems.addAll(rowProblems);
		}
		progress.update("check", total, total);
		return drafts;
	}

	private Set<String> existingNames(UUID agencyId) {
		Set<String> names = new HashSet<>();
		this.jdbc.sql("select name from reg_system where agency_id = ?")
			.param(agencyId)
			.query(String.class)
			.list()
			.forEach(n -> names.add(SystemNames.key(n)));
		return names;
	}

	private static String column(String field) {
		return switch (field) {
			case "buildCostFen" -> ImportColumn.BUILD_COST.headerZh();
			case "annualOmCostFen" -> ImportColumn.ANNUAL_OM_COST.headerZh();
			case "agencyId" -> ImportColumn.AGENCY_CODE.headerZh();
			default -> Arrays.stream(ImportColumn.values())
				.filter(c -> c.key().equals(field))
				.map(ImportColumn::headerZh)
				.findFirst()
				.orElse(field);
		};
	}

	private @Nullable SystemDraft draft(Actor actor, Map<ImportColumn, String> row, int n, List<RowProblem> problems,
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
