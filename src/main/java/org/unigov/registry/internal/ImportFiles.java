package org.unigov.registry.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.jspecify.annotations.Nullable;
import org.unigov.shared.problem.UnigovException;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/** Reads an import file (XLSX streamed, or CSV in UTF-8 or GB18030) into raw cells by column. */
public final class ImportFiles {

	private ImportFiles() {
	}

	/** The file, parsed into raw cells by column, with spreadsheet row numbers. */
	record Parsed(List<Map<ImportColumn, String>> rows, List<Integer> rowNumbers, int blankRows) {
	}

	static Parsed parse(String fileName, byte[] content) {
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
		ZipSecureFile.setMaxEntrySize(64L * 1024 * 1024);
	}

	/**
	 * Streams the first sheet (SAX), so that memory does not grow with the sheet; numbers come
	 * as exact decimals (what Excel shows, to 15 significant digits), date cells as ISO dates.
	 */
	private static Parsed parseXlsx(byte[] content) {
		try (OPCPackage pkg = OPCPackage
			.open(new ByteArrayInputStream(content))) {
			XSSFReader reader = new XSSFReader(pkg);
			var strings = new ReadOnlySharedStringsTable(pkg);
			var sheets = reader.getSheetsData();
			if (!sheets.hasNext()) {
				throw new UnigovException(RegistryError.IMPORT_FILE_INVALID, "The workbook has no sheet.");
			}
			SheetRows rows = new SheetRows();
			try (InputStream sheet = sheets.next()) {
				XMLReader parser = XMLHelper.newXMLReader();
				parser.setContentHandler(new XSSFSheetXMLHandler(
						reader.getStylesTable(), null, strings, rows, new ExactValues(), false));
				parser.parse(new InputSource(sheet));
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
	public static String exact(double value) {
		return new BigDecimal(value).round(new MathContext(15)).stripTrailingZeros().toPlainString();
	}

	/** Collects the rows of a streamed sheet: the first non-blank row is the header. */
	private static final class SheetRows
			implements XSSFSheetXMLHandler.SheetContentsHandler {

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
					: new CellReference(reference).getCol();
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
			if (this.rows.size() > SystemImport.MAX_ROWS) {
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

	private static Parsed parseCsv(byte[] content) {
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
				if (rows.size() + blank >= SystemImport.MAX_ROWS + 1000) {
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
			if (rows.size() > SystemImport.MAX_ROWS) {
				throw tooMany(rows.size());
			}
			return new Parsed(rows, numbers, blank);
		}
		catch (IOException | IllegalStateException | UncheckedIOException ex) {
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
				"The file has about " + rows + " rows; one import takes at most " + SystemImport.MAX_ROWS
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
}
