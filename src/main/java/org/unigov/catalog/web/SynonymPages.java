package org.unigov.catalog.web;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.unigov.catalog.search.SynonymList;
import org.unigov.catalog.search.SynonymRule;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/** The page where a platform admin edits the search synonym list, one rule a line. */
@Controller
@PreAuthorize(Access.PLATFORM_ADMIN)
class SynonymPages {

	/** Longest text the form accepts: 500 rules of a few terms each. */
	static final int MAX_TEXT = 50_000;

	private final SynonymList synonyms;

	SynonymPages(SynonymList synonyms) {
		this.synonyms = synonyms;
	}

	@GetMapping("/catalog/synonyms")
	String show(Model model) {
		if (!model.containsAttribute("text")) {
			model.addAttribute("text", text(this.synonyms.rules()));
		}
		model.addAttribute("count", this.synonyms.rules().size());
		model.addAttribute("isPlatformAdmin", true);
		return "catalog/synonyms";
	}

	@PostMapping("/catalog/synonyms")
	String replace(@RequestParam(defaultValue = "") String text, RedirectAttributes redirect) {
		try {
			if (text.length() > MAX_TEXT) {
				throw new UnigovException(CommonError.INVALID_PARAMETER,
						"The synonym list is at most " + MAX_TEXT + " characters.");
			}
			this.synonyms.replace(Actor.current(), SynonymList.parse(text));
			redirect.addFlashAttribute("done", "synonyms");
		}
		catch (UnigovException ex) {
			redirect.addFlashAttribute("error", ex);
			redirect.addFlashAttribute("text", text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
		}
		return "redirect:/catalog/synonyms";
	}

	private static String text(List<SynonymRule> rules) {
		return rules.stream().map(SynonymRule::line).collect(Collectors.joining("\n"));
	}
}
