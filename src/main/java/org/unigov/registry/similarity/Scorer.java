package org.unigov.registry.similarity;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.unigov.registry.similarity.SimilarityIndex.Match;
import org.unigov.registry.similarity.SimilarityIndex.Relation;

/**
 * Scores a candidate against a draft in 0..1 from text (IDF-weighted cosine of word sets),
 * capabilities (Dice, related codes count half) and place in the division hierarchy; see
 * {@link SimilarityIndex} for the formula.
 */
final class Scorer {

	/** The weights of text, capabilities and hierarchy in a score. */
	static final double TEXT_WEIGHT = 0.50;

	static final double CAPABILITY_WEIGHT = 0.25;

	static final double HIERARCHY_WEIGHT = 0.25;

	/**
	 * The text similarity from which shared capabilities count in full as evidence that two systems
	 * do similar things; below it they count in proportion, and without common words not at all.
	 */
	static final double TEXT_EVIDENCE_THRESHOLD = 0.15;

	/** Capabilities that are close enough to count half when they meet. */
	private static final List<Set<String>> FAMILIES = List.of(
			Set.of("city-operation-monitoring", "city-brain", "data-cockpit", "emergency-command"),
			Set.of("hotline-12345", "petition-complaint"), Set.of("grid-management", "smart-community"),
			Set.of("service-acceptance", "approval", "mobile-service"), Set.of("e-licence", "e-seal"),
			Set.of("data-sharing-exchange", "data-catalog"), Set.of("collaborative-office", "document-exchange"),
			Set.of("population-base", "legal-entity-base"), Set.of("social-insurance", "employment-service"),
			Set.of("medical-insurance", "health-records"), Set.of("social-assistance", "elderly-care"),
			Set.of("video-aggregation", "city-operation-monitoring"), Set.of("supervision-enforcement", "credit"));

	static double capabilityScore(Set<String> a, Set<String> b) {
		if (a.isEmpty() || b.isEmpty()) {
			return 0;
		}
		return (best(a, b) + best(b, a)) / (a.size() + b.size());
	}

	private static double best(Set<String> from, Set<String> to) {
		double sum = 0;
		for (String c : from) {
			if (to.contains(c)) {
				sum += 1;
			}
			else if (FAMILIES.stream().anyMatch(f -> f.contains(c) && to.stream().anyMatch(f::contains))) {
				sum += 0.5;
			}
		}
		return sum;
	}

	double combine(Profile draft, Profile candidate, double text, double capabilities, Relation relation) {
		double hierarchy = relation.weight;
		if ((relation == Relation.SIBLING_CITY || relation == Relation.SAME_PROVINCE) && draft.entry()
			.capabilities()
			.stream()
			.anyMatch(c -> this.provinceWide.get().contains(c) && candidate.entry().capabilities().contains(c))) {
			hierarchy = Relation.SIBLING.weight;
		}
		// place only matters between systems that do similar things
		// and only with textual evidence: a shared capability code alone (an agency that codes all its
		// systems alike) brings at most the capability part, 0.25, well below the duplicate threshold
		double functional = Math.min(1, Math.max(text, capabilities * Math.min(1, text / TEXT_EVIDENCE_THRESHOLD)) / 0.5);
		return Math.min(1,
				TEXT_WEIGHT * text + CAPABILITY_WEIGHT * capabilities + HIERARCHY_WEIGHT * hierarchy * functional);
	}

	/** The score in 0..1; {@code idf} and {@code norms} cache weights across candidates. */
	double score(Profile draft, Profile candidate, Map<String, Double> idf, Map<String, Double> norms) {
		double nameCos = cosine(draft.nameTerms(), candidate.nameTerms(), idf, norm(draft.nameTerms(), idf),
				norm(candidate.nameTerms(), idf));
		double allCos = cosine(draft.allTerms(), candidate.allTerms(), idf,
				norms.computeIfAbsent(draft.entry().id(), k -> norm(draft.allTerms(), idf)),
				norms.computeIfAbsent(candidate.entry().id(), k -> norm(candidate.allTerms(), idf)));
		double text = Math.max(allCos, 0.4 * nameCos + 0.6 * allCos);
		double capabilities = capabilityScore(draft.entry().capabilities(), candidate.entry().capabilities());
		return combine(draft, candidate, text, capabilities,
				Hierarchy.relation(draft.entry().divisionCode(), candidate.entry().divisionCode()));
	}

	/** The score with its evidence: shared capabilities, matching words (rarest first), relation. */
	Match explain(Profile draft, Profile candidate, double score, Map<String, Double> idf) {
		List<String> shared = draft.entry()
			.capabilities()
			.stream()
			.filter(candidate.entry().capabilities()::contains)
			.sorted()
			.toList();
		List<String> words = draft.allTerms()
			.stream()
			.filter(candidate.allTerms()::contains)
			.sorted(Comparator.comparingDouble((String t) -> idf(t, idf)).reversed().thenComparing(t -> t))
			.limit(8)
			.toList();
		return new Match(candidate.entry(), round(score), shared, words,
				Hierarchy.relation(draft.entry().divisionCode(), candidate.entry().divisionCode()));
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	private double cosine(Set<String> a, Set<String> b, Map<String, Double> idf, double na, double nb) {
		if (na == 0 || nb == 0) {
			return 0;
		}
		Set<String> small = a.size() <= b.size() ? a : b;
		Set<String> large = small == a ? b : a;
		double dot = 0;
		for (String t : small) {
			if (large.contains(t)) {
				double w = idf(t, idf);
				dot += w * w;
			}
		}
		return dot / (na * nb);
	}

	private double norm(Set<String> terms, Map<String, Double> idf) {
		double n = 0;
		for (String t : terms) {
			double w = idf(t, idf);
			n += w * w;
		}
		return Math.sqrt(n);
	}

	double idf(String term, Map<String, Double> cache) {
		return cache.computeIfAbsent(term, t -> {
			int n = Math.max(1, this.size.getAsInt());
			int df = this.documentFrequency.getOrDefault(t, 0);
			return Math.log(1 + (double) n / (df + 1));
		});
	}

	private final Map<String, Integer> documentFrequency;

	private final IntSupplier size;

	private final Supplier<Set<String>> provinceWide;

	Scorer(Map<String, Integer> documentFrequency, IntSupplier size, Supplier<Set<String>> provinceWide) {
		this.documentFrequency = documentFrequency;
		this.size = size;
		this.provinceWide = provinceWide;
	}
}
