package org.unigov.registry.similarity;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures the duplicate finder on the labelled evaluation set
 * ({@code src/test/resources/registry/eval/finder-eval.json}): systems grouped into clusters of
 * duplicates, and pairs labelled duplicate, overlapping or unrelated.
 * <ul>
 * <li>precision@1: over every system that has a duplicate, the share whose best match (itself
 * excluded) is one of its duplicates;</li>
 * <li>recall@5: over every duplicate pair (a, b) in both directions, the share where b is among
 * the five best matches for a;</li>
 * <li>pairwise precision and recall: a labelled pair is predicted duplicate when its score reaches
 * the cluster threshold; positives are the pairs labelled duplicate.</li>
 * </ul>
 * Run it with {@code bash bench/finder-eval.sh}.
 */
public final class FinderEvaluation {

	public static final String RESOURCE = "/registry/eval/finder-eval.json";

	public record Result(int systems, int queries, int duplicatePairs, double precisionAt1, double recallAt5,
			double pairPrecision, double pairRecall, double threshold, int codeOnlyPairs, int codeOnlyAboveThreshold,
			double codeOnlyMaxScore, long millis) {

		@Override
		public String toString() {
			return String.format(
					"systems=%d queries=%d duplicatePairs=%d precision@1=%.3f recall@5=%.3f pairwise(threshold %.2f): precision=%.3f recall=%.3f; code-only negatives: %d of %d at or above the threshold, highest %.3f (%d ms)",
					systems, queries, duplicatePairs, precisionAt1, recallAt5, threshold, pairPrecision, pairRecall,
					codeOnlyAboveThreshold, codeOnlyPairs, codeOnlyMaxScore, millis);
		}
	}

	private record Sample(SimilarityIndex.Entry entry, String cluster) {
	}

	static boolean VERBOSE = Boolean.getBoolean("eval.verbose");

	public static Result evaluate(double threshold) throws IOException {
		long start = System.currentTimeMillis();
		JsonNode root;
		try (InputStream in = FinderEvaluation.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IOException(RESOURCE + " is missing");
			}
			root = JsonMapper.builder().build().readTree(in);
		}
		Map<String, Sample> samples = new HashMap<>();
		for (JsonNode s : root.get("systems")) {
			Set<String> capabilities = new LinkedHashSet<>();
			s.get("capabilities").forEach(c -> capabilities.add(c.asString()));
			String id = s.get("id").asString();
			samples.put(id, new Sample(new SimilarityIndex.Entry(id, s.get("name").asString(), List.of(),
					s.get("summary").asString(), capabilities, s.get("division").asString(), false),
					s.get("cluster").asString()));
		}
		try (SimilarityIndex index = new SimilarityIndex()) {
			index.putAll(samples.values().stream().map(Sample::entry).toList());
			Map<String, List<String>> ranked = new HashMap<>();
			Map<String, Map<String, Double>> scores = new HashMap<>();
			for (Sample sample : samples.values()) {
				SimilarityIndex.Entry e = sample.entry();
				List<SimilarityIndex.Match> matches = index.similar(new SimilarityIndex.Draft(e.name(), e.summary(),
						e.capabilities(), e.divisionCode(), e.id()), 200, 0);
				ranked.put(e.id(), matches.stream().map(m -> m.entry().id()).toList());
				Map<String, Double> byId = new HashMap<>();
				matches.forEach(m -> byId.put(m.entry().id(), m.score()));
				scores.put(e.id(), byId);
			}
			int queries = 0;
			int top1 = 0;
			for (Sample sample : samples.values()) {
				boolean hasDuplicate = samples.values()
					.stream()
					.anyMatch(o -> o != sample && o.cluster().equals(sample.cluster()));
				if (!hasDuplicate) {
					continue;
				}
				queries++;
				List<String> r = ranked.get(sample.entry().id());
				if (!r.isEmpty() && samples.get(r.getFirst()).cluster().equals(sample.cluster())) {
					top1++;
				}
				else if (VERBOSE) {
					SimilarityIndex.Entry e = sample.entry();
					System.out.println("TOP1 MISS " + e.name() + " [" + e.divisionCode() + " " + e.capabilities() + "] -> "
							+ (r.isEmpty() ? "-" : samples.get(r.getFirst()).entry().name() + " ["
									+ samples.get(r.getFirst()).entry().divisionCode() + " "
									+ samples.get(r.getFirst()).entry().capabilities() + "] "
									+ scores.get(e.id()).get(r.getFirst())));
				}
			}
			int duplicatePairs = 0;
			int found = 0;
			int truePositive = 0;
			int falsePositive = 0;
			int falseNegative = 0;
			int codeOnlyPairs = 0;
			int codeOnlyAbove = 0;
			double codeOnlyMax = 0;
			Set<String> seen = new HashSet<>();
			for (JsonNode pair : root.get("pairs")) {
				String a = pair.get("a").asString();
				String b = pair.get("b").asString();
				if (!seen.add(a + "|" + b)) {
					continue;
				}
				boolean duplicate = "duplicate".equals(pair.get("label").asString());
				if (duplicate) {
					for (String[] direction : List.of(new String[] { a, b }, new String[] { b, a })) {
						duplicatePairs++;
						List<String> r = ranked.get(direction[0]);
						if (r.subList(0, Math.min(5, r.size())).contains(direction[1])) {
							found++;
						}
						else if (VERBOSE) {
							SimilarityIndex.Entry q = samples.get(direction[0]).entry();
							SimilarityIndex.Entry t = samples.get(direction[1]).entry();
							System.out.println("R@5 MISS " + q.name() + " [" + q.divisionCode() + " " + q.capabilities()
									+ "] -/-> " + t.name() + " [" + t.divisionCode() + " " + t.capabilities() + "] rank "
									+ (r.indexOf(t.id()) + 1) + " score " + scores.get(q.id()).get(t.id()));
						}
					}
				}
				double score = Math.max(scores.get(a).getOrDefault(b, 0.0), scores.get(b).getOrDefault(a, 0.0));
				boolean predicted = score >= threshold;
				if (pair.has("kind") && "code-only".equals(pair.get("kind").asString())) {
					codeOnlyPairs++;
					codeOnlyMax = Math.max(codeOnlyMax, score);
					if (predicted) {
						codeOnlyAbove++;
						if (VERBOSE) {
							System.out.println("CODE-ONLY " + samples.get(a).entry().name() + " ~ "
									+ samples.get(b).entry().name() + " " + score);
						}
					}
				}
				if (predicted && duplicate) {
					truePositive++;
				}
				else if (predicted) {
					falsePositive++;
				}
				else if (duplicate) {
					falseNegative++;
				}
			}
			return new Result(samples.size(), queries, duplicatePairs / 2, (double) top1 / queries,
					(double) found / duplicatePairs, (double) truePositive / Math.max(1, truePositive + falsePositive),
					(double) truePositive / Math.max(1, truePositive + falseNegative), threshold, codeOnlyPairs,
					codeOnlyAbove, codeOnlyMax, System.currentTimeMillis() - start);
		}
	}

	public static void main(String[] args) throws IOException {
		double threshold = args.length > 0 ? Double.parseDouble(args[0]) : 0.5;
		System.out.println(evaluate(threshold));
		if (args.length > 1) {
			for (double t = 0.3; t < 0.81; t += 0.05) {
				System.out.println(evaluate(t));
			}
		}
	}
}
