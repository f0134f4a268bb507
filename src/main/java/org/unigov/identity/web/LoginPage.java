package org.unigov.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in form; Spring Security handles the POST. {@code ?throttled=<minutes>} says how long
 * to wait after too many failures, the same words for every name typed. When an application sent
 * the person here to sign in (OIDC authorization request), the page names it by the client name
 * registered for its client id.
 */
@Controller
class LoginPage {

	/** A day: the longest wait the page states, whatever the link says. */
	private static final int MAX_MINUTES = 24 * 60;

	private final RegisteredClientRepository clients;

	private final HttpSessionRequestCache saved = new HttpSessionRequestCache();

	LoginPage(RegisteredClientRepository clients) {
		this.clients = clients;
	}

	@GetMapping("/login")
	String login(@RequestParam(required = false) @Nullable String throttled, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		if (throttled != null) {
			model.addAttribute("retryMinutes", minutes(throttled));
		}
		RegisteredClient asking = askingClient(this.saved.getRequest(request, response));
		if (asking != null) {
			model.addAttribute("askingApp", asking.getClientName());
			model.addAttribute("askingClientId", asking.getClientId());
		}
		return "identity/login";
	}

	/** The registered client of the authorization request that sent the person here, if any. */
	private @Nullable RegisteredClient askingClient(@Nullable SavedRequest request) {
		if (request == null || !request.getRedirectUrl().contains("/oauth2/authorize")) {
			return null;
		}
		String[] ids = request.getParameterValues("client_id");
		return ids == null || ids.length != 1 ? null : this.clients.findByClientId(ids[0]);
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
