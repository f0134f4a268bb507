package org.unigov.catalog.web;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/**
 * The facet values selected in a catalog search, bound from query parameters: repeat a parameter
 * to select several values of one dimension (OR within a dimension, AND across dimensions).
 */
record FacetParams(@Nullable List<String> sharingType, @Nullable List<String> openAttribute,
		@Nullable List<String> agency, @Nullable List<String> division, @Nullable List<String> format,
		@Nullable List<String> updateFrequency, @Nullable List<String> classification, @Nullable List<String> grade) {

	/** The selection by dimension, cleaned and bounded. */
	Map<String, Set<String>> selected() {
		Map<String, Set<String>> facets = new HashMap<>();
		put(facets, "sharingType", this.sharingType);
		put(facets, "openAttribute", this.openAttribute);
		put(facets, "agency", this.agency);
		put(facets, "division", this.division);
		put(facets, "format", this.format);
		put(facets, "updateFrequency", this.updateFrequency);
		put(facets, "classification", this.classification);
		put(facets, "grade", this.grade);
		return facets;
	}

	/** The dimensions the public portal offers: sharing type, division and grade are internal. */
	Map<String, Set<String>> selectedForPublic() {
		return new FacetParams(null, this.openAttribute, this.agency, null, this.format, this.updateFrequency,
				this.classification, null).selected();
	}

	private static void put(Map<String, Set<String>> facets, String dimension, @Nullable List<String> values) {
		if (values == null) {
			return;
		}
		Set<String> cleaned = new LinkedHashSet<>();
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				if (value.length() > 64) {
					throw new UnigovException(CommonError.INVALID_PARAMETER, "A facet value is at most 64 characters.");
				}
				cleaned.add(value.strip());
			}
		}
		if (cleaned.size() > 50) {
			throw new UnigovException(CommonError.INVALID_PARAMETER, "Select at most 50 values of " + dimension + ".");
		}
		if (!cleaned.isEmpty()) {
			facets.put(dimension, cleaned);
		}
	}
}
