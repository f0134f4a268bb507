package org.unigov.identity.web;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in form; Spring Security handles the POST. {@code ?throttled=<minutes>} says how long
 * to wait after too many failures, the same words for every name typed.
 */
@Controller
class LoginPage {

	/** A day: the longest wait the page states, whatever the link says. */
	private static final int MAX_MINUTES = 24 * 60;

	@GetMapping("/login")
	String login(@RequestParam(required = false) @Nullable String throttled, Model model) {
		if (throttled != null) {
			model.addAttribute("retryMinutes", minutes(throttled));
		}
		return "identity/login";
	}

	private static int minutes(String value) {
		try {
			return Math.clamp(Long.parseLong(value.strip()), 1, MAX_MINUTES);
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}
}
