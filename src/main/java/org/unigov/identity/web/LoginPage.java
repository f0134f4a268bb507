package org.unigov.identity.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form; Spring Security handles the POST. */
@Controller
class LoginPage {

	@GetMapping("/login")
	String login() {
		return "identity/login";
	}
}
