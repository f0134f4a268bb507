package org.unigov.projects.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The thresholds of P5 and the module's other settings, configurable by a platform admin.
 *
 * @param countyToCityFen a county project with a total at or above this goes on to the city
 * @param toProvinceFen a project of any level with a total at or above this goes on to the province
 * @param duplicateThreshold P3: a registered system at least this similar overlaps the proposal
 * @param reviewDays working days a reviewer has for one step
 * @param updatedBy the username of who changed them last ("system" for the shipped values)
 * @param updatedByName that person's name as shown on pages, null for the shipped values
 */
public record ProjectSettings(long countyToCityFen, long toProvinceFen, double duplicateThreshold, int reviewDays,
		long version, Instant updatedAt, String updatedBy, @Nullable String updatedByName) {

	/**
	 * P5: the levels that approve a project of this level and total, lowest first, with no level
	 * skipped between its own and the highest: a county project at or above the city threshold
	 * goes county → city, at or above the province threshold county → city → province.
	 */
	public List<Integer> route(int divisionLevel, long totalFen) {
		int top = divisionLevel;
		if (totalFen >= this.toProvinceFen) {
			top = 1;
		}
		else if (divisionLevel == 3 && totalFen >= this.countyToCityFen) {
			top = 2;
		}
		List<Integer> levels = new ArrayList<>();
		for (int level = divisionLevel; level >= top; level--) {
			levels.add(level);
		}
		return levels;
	}
}
