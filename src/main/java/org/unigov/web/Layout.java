package org.unigov.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriUtils;
import org.unigov.shared.Actor;
import org.unigov.shared.DemoMode;
import org.unigov.shared.NavigationEntry;
import org.unigov.shared.web.PageFrame;

/**
 * What every page's layout needs: the navigation, who is signed in, the language and whether
 * this is a demo installation. Applies to page controllers only, not to JSON APIs.
 */
@ControllerAdvice(annotations = Controller.class)
class Layout implements PageFrame {

	/** The product's areas in menu order; MISSION.md explains each. */
	static final List<String> AREAS = List.of("registry", "projects", "catalog", "sharing", "exchange", "services",
			"insight", "audit", "organization");

	/** What a citizen or enterprise uses; the rest is government work. */
	static final List<String> CITIZEN_AREAS = List.of("services");

	private final Map<String, NavigationEntry> entries;

	private final DemoMode demo;

	Layout(List<NavigationEntry> entries, DemoMode demo) {
		this.entries = entries.stream()
			.collect(Collectors.toMap(NavigationEntry::area, Function.identity(), (first, second) -> first));
		this.demo = demo;
	}

	/** The query string without page and lang, ending in '&' when not empty, for pager links. */
	static String queryWithoutPage(HttpServletRequest request) {
		StringBuilder query = new StringBuilder();
		request.getParameterMap().forEach((name, values) -> {
			if (name.equals("page") || name.equals("lang") || name.equals("_csrf")) {
				return;
			}
			for (String value : values) {
				query.append(UriUtils.encodeQueryParam(name, StandardCharsets.UTF_8))
					.append('=')
					.append(UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8))
					.append('&');
			}
		});
		return query.toString();
	}

	record NavItem(String area, String href, boolean built, boolean current) {
	}

	@ModelAttribute
	void layout(HttpServletRequest request, Model model) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/api/")) {
			return;
		}
		Map<String, Object> frame = new HashMap<>();
		describe(request, frame);
		model.addAllAttributes(frame);
	}

	@Override
	public void describe(HttpServletRequest request, Map<String, Object> model) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Actor actor = Actor.current();
		List<NavItem> nav = new ArrayList<>();
		if (actor.kind() == Actor.Kind.STAFF || actor.kind() == Actor.Kind.CITIZEN) {
			for (String area : AREAS) {
				if (actor.kind() == Actor.Kind.CITIZEN && !CITIZEN_AREAS.contains(area)) {
					continue;
				}
				NavigationEntry entry = this.entries.get(area);
				if (entry != null && !entry.visibleTo(actor)) {
					continue;
				}
				String href = entry != null ? entry.path() : "/areas/" + area;
				nav.add(new NavItem(area, href, entry != null, path.equals(href) || path.startsWith(href + "/")));
			}
		}
		model.put("nav", nav);
		model.put("actor", actor);
		model.put("signedIn", actor.kind() == Actor.Kind.STAFF || actor.kind() == Actor.Kind.CITIZEN);
		// the API documentation (/swagger-ui.html) is open to government staff, not to citizens
		model.put("seesApiDocs", actor.kind() == Actor.Kind.STAFF);
		model.put("demo", this.demo.enabled());
		model.put("currentPath", path);
		model.put("pageQuery", queryWithoutPage(request));
	}
}
