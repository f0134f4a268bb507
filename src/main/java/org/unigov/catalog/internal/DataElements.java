package org.unigov.catalog.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.catalog.Catalog;
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.ItemType;
import org.unigov.shared.Actor;
import org.unigov.shared.Coded;
import org.unigov.shared.Role;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * The library of standard data elements (数据元). The built-in elements follow national standards
 * and cannot change; a platform admin adds the province's own. Catalog items that claim an
 * element must have its type, and their example values must pass its check; forms and the
 * exchange use {@link #check} to validate values.
 */
@Service
@Transactional(readOnly = true)
public class DataElements {

	static final RowMapper<DataElement> ROWS = (rs, n) -> new DataElement(rs.getString("code"),
			rs.getString("name_zh"), rs.getString("name_en"), rs.getString("definition_zh"),
			rs.getString("definition_en"), Coded.parse(ItemType.class, rs.getString("item_type")).orElseThrow(),
			ElementFormat.of(rs.getString("format")).orElseThrow(), rs.getString("pattern"), rs.getInt("max_length"),
			rs.getString("standard"), rs.getBoolean("builtin"));

	private final JdbcClient jdbc;

	private final AuditJournal journal;

	DataElements(JdbcClient jdbc, AuditJournal journal) {
		this.jdbc = jdbc;
		this.journal = journal;
	}

	public List<DataElement> all() {
		return this.jdbc.sql("select * from cat_element order by builtin desc, code").query(ROWS).list();
	}

	public Optional<DataElement> find(String code) {
		return this.jdbc.sql("select * from cat_element where code = ?").param(code).query(ROWS).optional();
	}

	public DataElement get(String code) {
		return find(code).orElseThrow(() -> new UnigovException(CatalogError.ELEMENT_NOT_FOUND,
				"There is no standard data element " + code + "."));
	}

	/** The outcome of checking one value. */
	public record ValueCheck(String value, boolean valid, @Nullable String problem) {
	}

	/** Checks values against an element. */
	public List<ValueCheck> check(String code, List<String> values) {
		DataElement element = get(code);
		List<ValueCheck> results = new ArrayList<>(values.size());
		for (String value : values) {
			Optional<String> problem = element.check(value);
			results.add(new ValueCheck(value, problem.isEmpty(), problem.orElse(null)));
		}
		return results;
	}

	/** Adds an element to the library (platform admins; audited as {@code element.created}). */
	@Transactional
	public DataElement add(Actor actor, DataElement element) {
		if (!actor.has(Role.PLATFORM_ADMIN)) {
			throw new UnigovException(CommonError.FORBIDDEN, "Only a platform admin extends the data element library.");
		}
		if (!element.code().matches("[a-z][a-z0-9-]{1,49}")) {
			throw new UnigovException(CatalogError.INVALID_ELEMENT,
					"An element code is 2 to 50 lower-case letters, digits and hyphens, starting with a letter.");
		}
		if (element.format() == ElementFormat.PATTERN) {
			if (element.pattern() == null || element.pattern().isBlank()) {
				throw new UnigovException(CatalogError.INVALID_ELEMENT, "A pattern element needs its regular expression.");
			}
			try {
				Pattern.compile(element.pattern());
			}
			catch (PatternSyntaxException ex) {
				throw new UnigovException(CatalogError.INVALID_ELEMENT,
						"The pattern is not a valid regular expression: " + ex.getDescription() + ".");
			}
		}
		if (find(element.code()).isPresent()) {
			throw new UnigovException(CatalogError.ELEMENT_EXISTS, "The element " + element.code() + " exists already.");
		}
		this.jdbc.sql("""
				insert into cat_element (code, name_zh, name_en, definition_zh, definition_en, item_type, format, pattern,
				    max_length, standard, builtin)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false)""")
			.params(element.code(), element.nameZh(), element.nameEn(), element.definitionZh(), element.definitionEn(),
					element.itemType().code(), element.format().code(),
					element.format() == ElementFormat.PATTERN ? element.pattern() : null, element.maxLength(),
					element.standard())
			.update();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("code", element.code());
		details.put("nameZh", element.nameZh());
		details.put("itemType", element.itemType().code());
		details.put("format", element.format().code());
		details.put("maxLength", element.maxLength());
		this.journal.append(actor, AuditRecord.of("element.created", "data-element", element.code(), null, details));
		return get(element.code());
	}
}
