package org.unigov.catalog.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.catalog.CatalogError;
import org.unigov.catalog.SynonymsChanged;
import org.unigov.catalog.internal.Synonyms;
import org.unigov.catalog.search.SynonymRule;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/**
 * The synonym list catalog search expands query words with (社保 → 社会保险). Anyone who may search
 * may read it; only a platform admin replaces it, as a whole, audited as
 * {@code catalog.synonyms.replaced} with the lines added and removed.
 */
@Service
public class SynonymList {

	/** Most lines in the list. */
	public static final int MAX_RULES = 500;

	/** Most terms in one line, on each side. */
	public static final int MAX_TERMS = 20;

	/** Longest term. */
	public static final int MAX_TERM_LENGTH = 30;

	private final Synonyms synonyms;

	private final AuditJournal journal;

	private final ApplicationEventPublisher events;

	SynonymList(Synonyms synonyms, AuditJournal journal, ApplicationEventPublisher events) {
		this.synonyms = synonyms;
		this.journal = journal;
		this.events = events;
	}

	public List<SynonymRule> rules() {
		return this.synonyms.all();
	}

	/** Replaces the list (platform admins only); every problem is reported at once as {@code invalid_synonyms}. */
	@Transactional
	public List<SynonymRule> replace(Actor actor, List<SynonymRule> rules) {
		if (!actor.has(Role.PLATFORM_ADMIN)) {
			throw new UnigovException(CommonError.FORBIDDEN, "Only a platform admin edits the search synonyms.");
		}
		List<SynonymRule> cleaned = check(rules);
		List<String> before = this.synonyms.all().stream().map(SynonymRule::line).toList();
		List<String> after = cleaned.stream().map(SynonymRule::line).toList();
		this.synonyms.replaceAll(cleaned);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("rules", cleaned.size());
		details.put("added", after.stream().filter(line -> !before.contains(line)).toList());
		details.put("removed", before.stream().filter(line -> !after.contains(line)).toList());
		this.journal.append(actor, AuditRecord.of("catalog.synonyms.replaced", "catalog-synonyms", "search", null, details));
		this.events.publishEvent(new SynonymsChanged(cleaned.size()));
		return this.synonyms.all();
	}

	/** Reads the list as an editor writes it: one rule a line, terms split by commas, targets after {@code =>}. */
	public static List<SynonymRule> parse(String text) {
		List<SynonymRule> rules = new ArrayList<>();
		for (String line : text.split("\\R")) {
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			int arrow = trimmed.indexOf("=>");
			String left = arrow < 0 ? trimmed : trimmed.substring(0, arrow);
			String right = arrow < 0 ? "" : trimmed.substring(arrow + 2);
			rules.add(new SynonymRule(terms(left), terms(right)));
		}
		return rules;
	}

	private static List<String> terms(String part) {
		return Arrays.stream(part.split("[,，、;；]")).map(String::strip).filter(t -> !t.isEmpty()).toList();
	}

	private static List<SynonymRule> check(List<SynonymRule> rules) {
		List<FieldProblem> problems = new ArrayList<>();
		if (rules.size() > MAX_RULES) {
			problems.add(new FieldProblem("rules", "too_many_rules", "The list holds at most " + MAX_RULES + " rules."));
		}
		List<SynonymRule> cleaned = new ArrayList<>();
		for (int i = 0; i < rules.size() && i < MAX_RULES; i++) {
			SynonymRule rule = rules.get(i);
			String field = "rules[" + i + "]";
			Set<String> words = new LinkedHashSet<>(rule.words() == null ? List.of() : rule.words());
			Set<String> targets = new LinkedHashSet<>(rule.expandsTo() == null ? List.of() : rule.expandsTo());
			if (words.isEmpty() || words.size() + targets.size() < 2) {
				problems.add(new FieldProblem(field, "synonym_needs_two_terms",
						"Rule " + (i + 1) + " needs at least two different terms."));
			}
			if (words.size() > MAX_TERMS || targets.size() > MAX_TERMS) {
				problems.add(new FieldProblem(field, "synonym_too_many_terms",
						"Rule " + (i + 1) + " has more than " + MAX_TERMS + " terms on one side."));
			}
			for (String term : concat(words, targets)) {
				if (!validTerm(term)) {
					problems.add(new FieldProblem(field, "synonym_invalid_term", "Rule " + (i + 1) + ": \"" + safe(term)
							+ "\" is not a term: 1 to " + MAX_TERM_LENGTH
							+ " letters, digits or Chinese characters, without spaces, punctuation or control characters."));
				}
			}
			cleaned.add(new SynonymRule(List.copyOf(words), List.copyOf(targets)));
		}
		if (!problems.isEmpty()) {
			List<Map<String, String>> errors = problems.stream()
				.map(p -> Map.of("field", p.field(), "code", p.code(), "message", p.message()))
				.toList();
			throw new UnigovException(CatalogError.INVALID_SYNONYMS,
					"The synonym list has " + problems.size() + " problem(s): "
							+ String.join(" ", problems.stream().map(FieldProblem::message).limit(10).toList()),
					Map.of("errors", errors));
		}
		return cleaned;
	}

	private static List<String> concat(Set<String> a, Set<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	/** Letters (any script), digits, hyphens and middle dots; what a query word can be. */
	static boolean validTerm(String term) {
		if (term == null || term.isEmpty() || term.length() > MAX_TERM_LENGTH) {
			return false;
		}
		return term.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '·');
	}

	private static String safe(String term) {
		if (term == null) {
			return "";
		}
		String shown = term.codePoints()
			.map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return shown.length() > 40 ? shown.substring(0, 40) + "…" : shown;
	}
}
