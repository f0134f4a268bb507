package org.unigov.registry.similarity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.unigov.registry.similarity.SimilarityIndex.Cluster;
import org.unigov.registry.similarity.SimilarityIndex.Entry;

/**
 * Leader clustering over systems taken in order: each system not yet in a cluster leads one made
 * of its nearest neighbours that are not in a cluster either; a system whose duplicates all sit in
 * a cluster already joins that one. Neighbours are searched in parallel a chunk at a time and
 * leaders are then taken strictly in order, so the report does not depend on thread timing.
 */
final class ClusterReport {

	/** How many systems' neighbours are searched in parallel before leaders are taken in order. */
	static final int CLUSTER_CHUNK = 64;

	private final Map<String, Entry> inScope = new HashMap<>();

	private final Set<String> done = new HashSet<>();

	private final List<Building> building = new ArrayList<>();

	private final Map<String, Building> clusterOf = new HashMap<>();

	private ClusterReport(List<Entry> scope) {
		scope.forEach(e -> this.inScope.put(e.id(), e));
	}

	/**
	 * The clusters among {@code scope} (in leader order), largest first; {@code nearest} gives the
	 * ids and scores of a system's nearest neighbours at or above the threshold, best first.
	 */
	static List<Cluster> of(List<Entry> scope, Function<Entry, List<Map.Entry<String, Double>>> nearest) {
		ClusterReport report = new ClusterReport(scope);
		for (int from = 0; from < scope.size(); from += CLUSTER_CHUNK) {
			List<Entry> chunk = scope.subList(from, Math.min(scope.size(), from + CLUSTER_CHUNK))
				.stream()
				.filter(e -> !report.done.contains(e.id()))
				.toList();
			List<List<Map.Entry<String, Double>>> found = chunk.parallelStream().map(nearest).toList();
			for (int i = 0; i < chunk.size(); i++) {
				report.lead(chunk.get(i), found.get(i));
			}
		}
		return report.clusters();
	}

	/** Makes a cluster led by this system, or lets it join the cluster of its strongest duplicate. */
	private void lead(Entry leader, List<Map.Entry<String, Double>> neighbours) {
		if (!this.done.add(leader.id())) {
			return;
		}
		Building cluster = new Building(leader);
		Map.Entry<String, Double> strongestTaken = null;
		for (Map.Entry<String, Double> n : neighbours) {
			if (!this.inScope.containsKey(n.getKey())) {
				continue;
			}
			if (this.done.add(n.getKey())) {
				cluster.add(this.inScope.get(n.getKey()), n.getValue());
				this.clusterOf.put(n.getKey(), cluster);
			}
			else if (strongestTaken == null && this.clusterOf.containsKey(n.getKey())) {
				strongestTaken = n;
			}
		}
		if (cluster.size() > 1) {
			this.clusterOf.put(leader.id(), cluster);
			this.building.add(cluster);
		}
		else if (strongestTaken != null) {
			// its duplicates already sit in a cluster: it belongs there too
			Building joined = this.clusterOf.get(strongestTaken.getKey());
			joined.add(leader, strongestTaken.getValue());
			this.clusterOf.put(leader.id(), joined);
		}
	}

	private List<Cluster> clusters() {
		List<Cluster> clusters = new ArrayList<>(this.building.size());
		for (Building b : this.building) {
			clusters.add(new Cluster(List.copyOf(b.members), common(b.members), b.sum / (b.members.size() - 1)));
		}
		clusters.sort(Comparator.comparingInt((Cluster c) -> c.members().size())
			.reversed()
			.thenComparing(Comparator.comparingDouble(Cluster::averageScore).reversed()));
		return clusters;
	}

	/** A cluster while the report builds it. */
	private static final class Building {

		final List<Entry> members = new ArrayList<>();

		double sum;

		Building(Entry leader) {
			this.members.add(leader);
		}

		void add(Entry member, double score) {
			this.members.add(member);
			this.sum += score;
		}

		int size() {
			return this.members.size();
		}
	}

	private static List<String> common(List<Entry> members) {
		Map<String, Long> counts = members.stream()
			.flatMap(e -> e.capabilities().stream())
			.collect(Collectors.groupingBy(c -> c, Collectors.counting()));
		return counts.entrySet()
			.stream()
			.filter(e -> e.getValue() * 2 >= members.size())
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.map(Map.Entry::getKey)
			.toList();
	}
}
