package org.unigov.shared;

import java.util.Set;

/**
 * A module's entry in the main navigation: the area it serves (one of the product areas listed by
 * the web module), the path of its start page, and the roles that see the entry (empty = every
 * signed-in person). Modules publish these as beans; areas no module serves yet are shown as
 * "not built yet".
 */
public record NavigationEntry(String area, String path, Set<Role> roles) {

	public NavigationEntry {
		roles = Set.copyOf(roles);
	}

	public boolean visibleTo(Actor actor) {
		return this.roles.isEmpty() || this.roles.stream().anyMatch(actor::has);
	}
}
