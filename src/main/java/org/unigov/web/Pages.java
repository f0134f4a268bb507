package org.unigov.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/** The home page and the placeholder pages of areas not built yet. */
@Controller
class Pages {

	@GetMapping("/")
	String home() {
		return "home";
	}

	@GetMapping("/areas/{area}")
	String area(@PathVariable String area, Model model) {
		if (!Layout.AREAS.contains(area)) {
			throw new UnigovException(CommonError.NOT_FOUND, "There is no area called " + area + ".");
		}
		model.addAttribute("area", area);
		return "area";
	}
}
