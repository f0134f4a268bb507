package org.unigov.catalog.harvest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.unigov.catalog.EntryContent;
import org.unigov.catalog.internal.EntryInput;

/**
 * Maps a harvested dataset to what a department would state for a catalog entry, listing every
 * place where the source does not fit: a title or description longer than the entry's field is
 * shortened visibly (ending in "…") and listed, with the full text kept in the harvest record; a
 * missing licence stays missing; a frequency or format the source does not state is the source's
 * default and listed as such. Nothing is changed without a problem saying so.
 */
final class EntryMapping {

	static final int NAME_MAX = 50;

	static final int NAME_EN_MAX = 100;

	static final int SUMMARY_MAX = 256;

	static final int SUMMARY_EN_MAX = 512;

	static final int KEYWORDS_MAX = 20;

	static final int KEYWORD_MAX = 30;

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

	private static final Pattern ASCII = Pattern.compile("[\\p{ASCII}\\u00A0\\u2010-\\u2027]*");

	private static final String EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/";

	private static final Map<String, String> FREQUENCIES = Map.ofEntries(Map.entry("R/PT1S", "real-time"),
			Map.entry("UPDATE_CONT", "real-time"), Map.entry("CONT", "real-time"),
			Map.entry("CONTINUOUSLY UPDATED", "real-time"), Map.entry("R/P1D", "daily"), Map.entry("DAILY", "daily"),
			Map.entry("R/P1W", "weekly"), Map.entry("WEEKLY", "weekly"), Map.entry("R/P1M", "monthly"),
			Map.entry("MONTHLY", "monthly"), Map.entry("R/P3M", "quarterly"), Map.entry("QUARTERLY", "quarterly"),
			Map.entry("R/P1Y", "yearly"), Map.entry("ANNUAL", "yearly"), Map.entry("ANNUALLY", "yearly"),
			Map.entry("YEARLY", "yearly"));

	private EntryMapping() {
	}

	/** The input for an entry (null when a blocking problem keeps the dataset out) and the problems. */
	record Mapped(@Nullable EntryInput input, List<HarvestProblem> problems) {

		boolean blocked() {
			return this.problems.stream().anyMatch(HarvestProblem::blocking);
		}
	}

	/** A new entry from a dataset. */
	static Mapped create(HarvestedDataset d, HarvestDefaults defaults) {
		return map(d, defaults, null);
	}

	/** The next revision of an entry harvested before: the source's fields replaced, the department's kept. */
	static Mapped update(HarvestedDataset d, HarvestDefaults defaults, EntryContent current) {
		return map(d, defaults, current);
	}

	private static Mapped map(HarvestedDataset d, HarvestDefaults defaults, @Nullable EntryContent current) {
		List<HarvestProblem> problems = new ArrayList<>();
		if (d.identifier().isBlank()) {
			problems.add(HarvestProblem.blocking("identifier_missing", "identifier",
					"The dataset has no identifier, so a later harvest could not find it again."));
		}
		if (d.title() == null) {
			problems.add(HarvestProblem.blocking("title_missing", "title", "The dataset has no title."));
		}
		if (d.description() == null) {
			problems.add(HarvestProblem.blocking("description_missing", "description", "The dataset has no description."));
		}
		if (d.title() == null || d.description() == null) {
			return new Mapped(null, problems);
		}
		boolean english = english(d.title() + " " + d.description(), d.language());
		String name = fit(d.title(), NAME_MAX, "name", "title_too_long", problems);
		String nameEn = english ? fit(d.title(), NAME_EN_MAX, "nameEn", "title_too_long", problems) : null;
		String summary = fit(d.description(), SUMMARY_MAX, "summary", "description_too_long", problems);
		String summaryEn = english ? fit(d.description(), SUMMARY_EN_MAX, "summaryEn", "description_too_long", problems)
				: null;
		List<String> keywords = keywords(d.keywords(), problems);
		String contactName = contactName(d, problems);
		String email = contactEmail(d, problems);
		String frequency = frequency(d.frequency());
		if (frequency == null) {
			frequency = current != null ? current.updateFrequency().code() : defaults.updateFrequency();
			problems.add(HarvestProblem.note("frequency_defaulted", "updateFrequency", d.frequency() == null
					? "The source states no update frequency; the entry says " + frequency + "."
					: "The update frequency \"" + d.frequency() + "\" has no equivalent; the entry says " + frequency + "."));
		}
		String format = format(d.distributions());
		if (format == null) {
			format = current != null ? current.format().code() : defaults.format();
			problems.add(HarvestProblem.note("format_defaulted", "format",
					"No distribution names a format the catalog knows; the entry says " + format + "."));
		}
		LocalDate[] coverage = coverage(d.temporal(), problems);
		checkDate(d.issued(), "issued", problems);
		checkDate(d.modified(), "modified", problems);
		checkLicenceAndFiles(d, problems);
		if (current == null) {
			problems.add(HarvestProblem.note("items_missing", "items",
					"The source lists no data items (信息项); add them before submitting the entry."));
		}
		EntryInput input = current == null
				? new EntryInput(name, nameEn, defaults.classification(), summary, summaryEn, List.of(), format, frequency,
						defaults.sharingType(), defaults.sharingMethods(), List.of(), null, null, defaults.openAttribute(),
						null, "general", false, "none", null, null, List.of(), null, keywords, contactName, email, null,
						coverage[0], coverage[1], null)
				: revised(EntryInput.of(current), name, nameEn, summary, summaryEn, format, frequency, keywords,
						contactName, email, coverage);
		return new Mapped(input, problems);
	}

	/** The contact's name, if it fits the entry; else only a note. */
	private static @Nullable String contactName(HarvestedDataset d, List<HarvestProblem> problems) {
		String contactName = d.contactName();
		if (contactName != null && contactName.length() > NAME_MAX) {
			problems.add(HarvestProblem.note("contact_too_long", "contactName", "The contact name \"" + contactName
					+ "\" is longer than " + NAME_MAX + " characters; it is kept in the harvest record only."));
			return null;
		}
		return contactName;
	}

	/** The contact's e-mail address, if it is one; else only a note. */
	private static @Nullable String contactEmail(HarvestedDataset d, List<HarvestProblem> problems) {
		String email = d.contactEmail();
		if (email != null && (email.length() > 100 || !EMAIL.matcher(email).matches())) {
			problems.add(HarvestProblem.note("contact_email_invalid", "contactEmail",
					"The contact e-mail \"" + email + "\" is not an e-mail address; it is kept in the harvest record only."));
			return null;
		}
		return email;
	}

	/** Notes on the licence the source states and on distributions without an address. */
	private static void checkLicenceAndFiles(HarvestedDataset d, List<HarvestProblem> problems) {
		if (d.licence() == null) {
			problems.add(HarvestProblem.note("licence_missing", "licence",
					"The source states no licence; none is assumed. Ask the publisher before opening the data."));
		}
		else if (d.licence().contains("unknown-license")) {
			problems.add(HarvestProblem.note("licence_unknown", "licence",
					"The source states that the licence is unknown (" + d.licence() + ")."));
		}
		if (d.distributions().isEmpty()) {
			problems.add(HarvestProblem.note("distributions_missing", "distributions", "The dataset has no distribution."));
		}
		for (int i = 0; i < d.distributions().size(); i++) {
			String url = d.distributions().get(i).url();
			if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
				problems.add(HarvestProblem.note("distribution_url_invalid", "distributions[" + i + "]",
						"Distribution " + (i + 1) + " has no http(s) URL" + (url == null ? "." : ": \"" + url + "\".")));
			}
		}
	}

	private static EntryInput revised(EntryInput c, String name, @Nullable String nameEn, String summary,
			@Nullable String summaryEn, String format, String frequency, List<String> keywords,
			@Nullable String contactName, @Nullable String email, LocalDate[] coverage) {
		return new EntryInput(name, nameEn, c.classification(), summary, summaryEn, c.items(), format, frequency,
				c.sharingType(), c.sharingMethods(), c.conditions(), c.notSharedReason(), c.notSharedBasis(),
				c.openAttribute(), c.openConditions(), c.grade(), c.personalInfo(), c.secrecy(), c.assessmentApprovedBy(),
				c.assessmentApprovedOn(), c.relatedCodes(), c.sourceSystemId(), keywords,
				contactName != null ? contactName : c.contactName(), email != null ? email : c.contactEmail(),
				c.contactPhone(), coverage[0], coverage[1], "Harvested again from the source catalogue.");
	}

	/** Whether a text is English: the source says so, or it is plain Latin script without Chinese. */
	static boolean english(String text, @Nullable String language) {
		if (language != null && !language.isBlank()) {
			return language.toLowerCase(Locale.ROOT).startsWith("en");
		}
		return !HAN.matcher(text).find() && ASCII.matcher(text).matches();
	}

	/** The text if it fits; else its first characters and "…", listed, the full text kept in the record. */
	private static String fit(String text, int max, String field, String code, List<HarvestProblem> problems) {
		if (text.codePointCount(0, text.length()) <= max) {
			return text;
		}
		problems.add(HarvestProblem.note(code, field, "The text has " + text.codePointCount(0, text.length())
				+ " characters and the entry's " + field + " holds " + max
				+ ": the draft shows the first " + (max - 1) + " and \"…\"; the full text is kept in the harvest record. Shorten it before submitting."));
		return text.substring(0, text.offsetByCodePoints(0, max - 1)).stripTrailing() + "…";
	}

	private static List<String> keywords(List<String> source, List<HarvestProblem> problems) {
		List<String> kept = new ArrayList<>();
		List<String> tooLong = new ArrayList<>();
		List<String> beyond = new ArrayList<>();
		for (String keyword : source) {
			if (keyword.length() > KEYWORD_MAX) {
				tooLong.add(keyword);
			}
			else if (kept.size() < KEYWORDS_MAX) {
				kept.add(keyword);
			}
			else {
				beyond.add(keyword);
			}
		}
		if (!tooLong.isEmpty()) {
			problems.add(HarvestProblem.note("keyword_too_long", "keywords", "Keywords longer than " + KEYWORD_MAX
					+ " characters are kept in the harvest record only: " + String.join("; ", tooLong)));
		}
		if (!beyond.isEmpty()) {
			problems.add(HarvestProblem.note("keywords_too_many", "keywords", "An entry holds " + KEYWORDS_MAX
					+ " keywords; these are kept in the harvest record only: " + String.join("; ", beyond)));
		}
		return kept;
	}

	static @Nullable String frequency(@Nullable String source) {
		if (source == null) {
			return null;
		}
		String key = source.strip().toUpperCase(Locale.ROOT);
		if (key.startsWith(EU_FREQUENCY.toUpperCase(Locale.ROOT))) {
			key = key.substring(EU_FREQUENCY.length());
		}
		return FREQUENCIES.get(key);
	}

	/** The catalog format of the distributions: spreadsheets, then structured data, then files, then images. */
	static @Nullable String format(List<HarvestedDataset.Distribution> distributions) {
		List<String> found = new ArrayList<>();
		for (HarvestedDataset.Distribution d : distributions) {
			String text = ((d.format() == null ? "" : d.format()) + " " + (d.mediaType() == null ? "" : d.mediaType()))
				.toLowerCase(Locale.ROOT);
			if (text.matches(".*\\b(csv|xls|xlsx|ods|spreadsheet|excel)\\b.*")) {
				found.add("spreadsheet");
			}
			else if (text.matches(".*\\b(json|xml|rdf|turtle|ttl|geojson|api|netcdf|cdf|nc|hdf)\\b.*")) {
				found.add("self-describing");
			}
			else if (text.matches(".*\\b(pdf|doc|docx|html|txt|plain|zip)\\b.*")) {
				found.add("file");
			}
			else if (text.matches(".*\\b(tif|tiff|png|jpe?g|shp|image)\\b.*")) {
				found.add("image");
			}
		}
		for (String format : List.of("spreadsheet", "self-describing", "file", "image")) {
			if (found.contains(format)) {
				return format;
			}
		}
		return null;
	}

	private static LocalDate[] coverage(@Nullable String temporal, List<HarvestProblem> problems) {
		LocalDate[] range = new LocalDate[2];
		if (temporal == null) {
			return range;
		}
		String[] ends = temporal.split("/", -1);
		if (ends.length == 2) {
			range[0] = date(ends[0]);
			range[1] = date(ends[1]);
		}
		boolean readable = ends.length == 2 && (ends[0].isBlank() || range[0] != null) && (ends[1].isBlank() || range[1] != null);
		if (!readable || range[0] != null && range[1] != null && range[1].isBefore(range[0])) {
			problems.add(HarvestProblem.note("temporal_unreadable", "coverage",
					"The temporal coverage \"" + temporal + "\" is not a date range; it is kept in the harvest record only."));
			return new LocalDate[2];
		}
		return range;
	}

	private static void checkDate(@Nullable String value, String field, List<HarvestProblem> problems) {
		if (value != null && date(value) == null) {
			problems.add(HarvestProblem.note("date_unreadable", field,
					"The " + field + " date \"" + value + "\" is not an ISO 8601 date; it is kept as written."));
		}
	}

	/** An ISO 8601 date or date-time's date, or null. */
	static @Nullable LocalDate date(String value) {
		String v = value.strip();
		try {
			if (v.length() == 10) {
				return LocalDate.parse(v);
			}
			return OffsetDateTime.parse(v).toLocalDate();
		}
		catch (DateTimeParseException ex) {
			try {
				return v.length() > 10 && v.charAt(10) == 'T' ? LocalDateTime.parse(v).toLocalDate() : null;
			}
			catch (DateTimeParseException again) {
				return null;
			}
		}
	}
}
