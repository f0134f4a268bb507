package org.unigov.catalog.web;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.unigov.catalog.harvest.Harvester;
import org.unigov.catalog.internal.EntryReads;
import org.unigov.shared.Actor;

/**
 * On an entry's page, what the external catalogue it was harvested from says about it: licence,
 * publisher, identifier, dates and every distribution, which the entry itself has no fields for.
 * Loaded by htmx, so the entry page does not depend on the harvest.
 */
@Controller
class HarvestedFragments {

	private final EntryReads reads;

	private final Harvester harvester;

	HarvestedFragments(EntryReads reads, Harvester harvester) {
		this.reads = reads;
		this.harvester = harvester;
	}

	@GetMapping("/catalog/fragments/entries/{id}/harvested")
	String harvested(@PathVariable UUID id, Model model) {
		this.reads.visible(Actor.current(), id);
		model.addAttribute("d", this.harvester.sourceMetadata(id).orElse(null));
		return "catalog/harvested :: source";
	}
}
