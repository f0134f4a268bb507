package org.unigov.catalog.harvest;

import java.util.List;

/**
 * What a source's datasets become in the catalog where the source has nothing to say: the
 * classification (类/项/目) they are filed under, their sharing and open attributes, and the update
 * frequency and format used when a dataset states none that maps (each such use is listed as a
 * problem of the dataset). Harvested entries are external open data: general grade, no personal
 * information, not secret.
 */
public record HarvestDefaults(String classification, String sharingType, String openAttribute, String updateFrequency,
		String format, List<String> sharingMethods) {

	public HarvestDefaults {
		sharingMethods = List.copyOf(sharingMethods);
	}
}
