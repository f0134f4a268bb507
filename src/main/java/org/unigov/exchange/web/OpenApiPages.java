package org.unigov.exchange.web;

import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.unigov.exchange.internal.OpenDataServices;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;

/** The provider opens (or closes) a data service as its open-data API, from the data service's page. */
@Controller
class OpenApiPages {

	private final OpenDataServices open;

	OpenApiPages(OpenDataServices open) {
		this.open = open;
	}

	@PostMapping("/exchange/services/{id}/open-api")
	@PreAuthorize(Access.AGENCY_WORKERS)
	String openApi(@PathVariable UUID id, @RequestParam boolean open, @RequestParam long version,
			RedirectAttributes redirect) {
		this.open.setOpenApi(Actor.current(), id, open, version);
		redirect.addFlashAttribute("done", open ? "open-api-on" : "open-api-off");
		return "redirect:/exchange/services/" + id;
	}
}
