package org.unigov.audit.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.stereotype.Component;
import org.unigov.audit.AuditEntry;
import org.unigov.shared.CodeNames;
import org.unigov.shared.Coded;
import org.unigov.shared.web.FieldLabels;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An audit entry as people read it in a history table: the action's name, and its details as
 * labelled values in the page's language: amounts (fields ending in {@code Fen}) in yuan, codes as
 * their names (enum labels, capability names, ...), ids left out. A code nothing names stays a code,
 * shown small beside the readable text. Used by the {@code history} fragment as
 * {@code @historyText}; the stored entry (and what the hash chain covers) is unchanged.
 */
@Component("historyText")
public class HistoryText {

	/** One piece of a value: readable text, or a code that has no name (shown small). */
	public record Piece(String text, boolean code) {
	}

	/** One labelled detail; {@code labelCode} when the field has no label. */
	public record Detail(String label, boolean labelCode, List<Piece> value) {
	}

	private static final Pattern UUID = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*");

	private static final int MAX_PIECES = 60;

	/** Message prefixes where a module keeps the names of its codes by field ({@code projects.gate.duplicate}). */
	private static final List<String> MODULES = List.of("projects", "sharing", "catalog", "registry", "exchange");

	private final MessageSource messages;

	private final ObjectProvider<CodeNames> names;

	private final FieldLabels fields;

	private final JsonMapper json = JsonMapper.builder().build();

	/** Every enum constant's labels by code; a code several enums use keeps each, by enum name. */
	private final Map<String, Map<String, Coded.Label>> labels;

	HistoryText(MessageSource messages, ObjectProvider<CodeNames> names, FieldLabels fields) {
		this.messages = messages;
		this.names = names;
		this.fields = fields;
		this.labels = codedLabels();
	}

	/** The action's name in the page's language, or {@code null} when it has none. */
	public @Nullable String action(AuditEntry entry) {
		return message("audit.action." + entry.action());
	}

	/** The entry's details, labelled and named, ids left out. */
	public List<Detail> details(AuditEntry entry) {
		JsonNode root;
		try {
			root = this.json.readTree(entry.details());
		}
		catch (RuntimeException ex) {
			return List.of(new Detail("", false, List.of(new Piece(entry.details(), true))));
		}
		List<Detail> details = new ArrayList<>();
		if (root == null || !root.isObject()) {
			return details;
		}
		for (Map.Entry<String, JsonNode> field : root.properties()) {
			List<Piece> value = new ArrayList<>();
			render(field.getKey(), field.getValue(), value);
			if (value.isEmpty()) {
				continue;
			}
			String label = this.fields.find(field.getKey(), LocaleContextHolder.getLocale());
			details.add(new Detail(label == null ? field.getKey() : label, label == null, value));
		}
		return details;
	}

	private void render(String key, JsonNode node, List<Piece> out) {
		if (out.size() > MAX_PIECES) {
			return;
		}
		if (node == null || node.isNull() || node.isMissingNode()) {
			out.add(new Piece("—", false));
		}
		else if (node.isArray()) {
			renderArray(key, node, out);
		}
		else if (node.isObject()) {
			renderObject(node, out);
		}
		else if (node.isBoolean()) {
			out.add(new Piece(message(node.asBoolean() ? "common.yes" : "common.no", node.asString()), false));
		}
		else if (node.isNumber()) {
			out.add(new Piece(key.endsWith("Fen") ? yuan(node.decimalValue()) : node.decimalValue().toPlainString(),
					false));
		}
		else {
			renderText(key, node.asString(), out);
		}
	}

	/** Elements joined by 、 (or ；between objects); an empty list is a dash. */
	private void renderArray(String key, JsonNode node, List<Piece> out) {
		boolean first = true;
		for (JsonNode element : node) {
			List<Piece> value = new ArrayList<>();
			render(key, element, value);
			if (value.isEmpty()) {
				continue;
			}
			if (!first) {
				out.add(new Piece(element.isObject() ? (zh() ? "；" : "; ") : (zh() ? "、" : ", "), false));
			}
			out.addAll(value);
			first = false;
		}
		if (node.isEmpty()) {
			out.add(new Piece("—", false));
		}
	}

	/** Labelled fields joined by commas; a field without a label shows its key marked as code. */
	private void renderObject(JsonNode node, List<Piece> out) {
		boolean first = true;
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			List<Piece> value = new ArrayList<>();
			render(field.getKey(), field.getValue(), value);
			if (value.isEmpty()) {
				continue;
			}
			if (!first) {
				out.add(new Piece(zh() ? "，" : ", ", false));
			}
			String label = this.fields.find(field.getKey(), LocaleContextHolder.getLocale());
			out.add(label == null ? new Piece(field.getKey(), true) : new Piece(label + (zh() ? "：" : ": "), false));
			out.addAll(value);
			first = false;
		}
	}

	/** Ids are left out; amounts in fen read as yuan; codes read as their names where known. */
	private void renderText(String key, String text, List<Piece> out) {
		if (UUID.matcher(text).matches()) {
			return;
		}
		if (key.endsWith("Fen") && text.matches("-?\\d+")) {
			out.add(new Piece(yuan(new BigDecimal(text)), false));
			return;
		}
		String name = name(key, text);
		out.add(name != null ? new Piece(name, false) : new Piece(text, CODE.matcher(text).matches()));
	}

	/** The name of a code under a field: a message, another module's name for it, or an enum label. */
	private @Nullable String name(String key, String code) {
		String message = message("history.value." + key + "." + code);
		if (message == null) {
			message = message("history.value." + code);
		}
		for (int i = 0; message == null && i < MODULES.size(); i++) {
			message = message(MODULES.get(i) + "." + key.replaceAll("s$", "") + "." + code);
		}
		if (message != null) {
			return message;
		}
		Locale locale = LocaleContextHolder.getLocale();
		for (CodeNames owner : this.names) {
			String name = owner.name(key, code, locale);
			if (name != null) {
				return name;
			}
		}
		Map<String, Coded.Label> byEnum = this.labels.get(code);
		if (byEnum == null) {
			return null;
		}
		String wanted = key.toLowerCase(Locale.ROOT).replaceAll("(es|s)$", "");
		Coded.Label label = byEnum.entrySet()
			.stream()
			.filter(e -> e.getKey().toLowerCase(Locale.ROOT).contains(wanted))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(byEnum.values().iterator().next());
		return zh() ? label.zh() : label.en();
	}

	static String yuan(BigDecimal fen) {
		DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
		return "¥" + format.format(fen.movePointLeft(2).setScale(2, RoundingMode.HALF_UP));
	}

	private boolean zh() {
		return !"en".equals(LocaleContextHolder.getLocale().getLanguage());
	}

	private @Nullable String message(String key) {
		return this.messages.getMessage(key, null, null, LocaleContextHolder.getLocale());
	}

	private String message(String key, String fallback) {
		String message = message(key);
		return message == null ? fallback : message;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Map<String, Map<String, Coded.Label>> codedLabels() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(
					AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isIndependent();
			}
		};
		scanner.addIncludeFilter(new AssignableTypeFilter(Coded.class));
		Map<String, Map<String, Coded.Label>> labels = new HashMap<>();
		for (var candidate : scanner.findCandidateComponents("org.unigov")) {
			try {
				Class<?> type = Class.forName(candidate.getBeanClassName(), false, HistoryText.class.getClassLoader());
				if (!type.isEnum()) {
					continue;
				}
				for (Object constant : type.getEnumConstants()) {
					Coded.Label label = ((Coded) constant).label();
					labels.computeIfAbsent(label.code(), c -> new LinkedHashMap<>()).put(type.getSimpleName(), label);
				}
			}
			catch (ClassNotFoundException | LinkageError ex) {
				// not loadable here: its codes stay codes
			}
		}
		return labels;
	}
}
