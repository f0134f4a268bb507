package org.unigov.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The main staff pages in Chinese, walked in real Chromium as each demo role, show no English and
 * no internal codes: no snake_case or kebab-case codes, no field keys, no English sentences, no
 * UUIDs in the visible text. Codes a page keeps on purpose sit in {@code <small class="code">};
 * identifiers people type (usernames, client ids) are marked {@code translate="no"}, and text that
 * is English on purpose (a capability's English name) {@code lang="en"}; these are left out.
 */
class ChinesePagesBrowserTests extends BrowserTest {

	/** ASCII words that belong on a Chinese page: names, standards, formats and units. */
	static final Set<String> ALLOWED = Set.of("Unigov", "API", "APIs", "OAuth", "OIDC", "PKCE", "HTTP", "HTTPS", "URL",
			"XLSX", "CSV", "JSON", "JSON-LD", "RDF", "Turtle", "DCAT", "DCAT-AP", "PDF", "SQL", "GB", "GB/T", "SM2", "SM3",
			"SM4", "ID", "IP", "MB", "KB", "ms", "QPS", "UTC", "IT", "App", "Excel", "Swagger", "OpenAPI", "htmx", "ICU", "Ctrl",
			// the OAuth grant the exchange's clients use, and the demo password the banner names
			"client_credentials", "demo");

	static final List<Pattern> CODE_LIKE = List.of(
			// snake_case codes: output_only_targets, under_construction
			Pattern.compile("(?<![\\w/.@-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\\w-])"),
			// field keys: legalBasis, budgetLines[0].amountFen
			Pattern.compile("(?<![\\w/.@-])[a-z]+[A-Z][A-Za-z0-9]*(?:\\[\\d+\\])?(?:\\.[a-z]+[A-Za-z0-9]*)?"),
			// kebab-case codes: new-system, county-fiscal
			Pattern.compile("(?<![\\w/.@:-])[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)+(?![\\w/-])"),
			// UUIDs
			Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
			// English words: a lower-case word, or a capitalised word not on the allow-list
			Pattern.compile("(?<![\\w/.@-])[A-Za-z][a-z]{2,}(?![\\w/@-]|\\.\\w)"));

	/** The code-like tokens in a page's visible text, outside the parts left out on purpose. */
	static List<String> codeLike(String text) {
		Set<String> found = new LinkedHashSet<>();
		for (Pattern pattern : CODE_LIKE) {
			Matcher m = pattern.matcher(text);
			while (m.find()) {
				if (!ALLOWED.contains(m.group())) {
					found.add(m.group());
				}
			}
		}
		return new ArrayList<>(found);
	}

	String visibleText() {
		return (String) this.browser.executeScript("""
				document.querySelectorAll('small.code, [translate=no], body [lang]:not([lang|=zh]), script, style, .skip-link')
				  .forEach(e => e.remove());
				return document.body.innerText;""");
	}

	void check(String path, List<String> problems) {
		this.browser.get(url(path));
		String lang = this.browser.findElement(By.tagName("html")).getAttribute("lang");
		List<String> tokens = codeLike(visibleText());
		if (!"zh-CN".equals(lang)) {
			problems.add(path + " is not in Chinese");
		}
		if (!tokens.isEmpty()) {
			problems.add(path + ": " + tokens);
		}
	}

	/** The first few links on a page whose path starts with {@code prefix} followed by an id. */
	List<String> links(String page, String prefix, int limit) {
		this.browser.get(url(page));
		Set<String> paths = new LinkedHashSet<>();
		for (WebElement a : this.browser.findElements(By.cssSelector("main a[href^='" + prefix + "']"))) {
			String href = a.getDomAttribute("href");
			if (href != null && href.substring(prefix.length()).matches("[0-9a-f-]{36}") && paths.size() < limit) {
				paths.add(href);
			}
		}
		return new ArrayList<>(paths);
	}

	void walk(String username, List<String> pages, List<String> problems) {
		this.browser.manage().deleteAllCookies();
		signIn(username);
		for (String page : pages) {
			check(page, problems);
		}
	}

	@Test
	@DisplayName("the code detector finds what the issue names and lets Chinese text with allowed words through")
	void detectorFindsCodes() {
		assertThat(codeLike("登记状态：under_construction。")).containsExactly("under_construction");
		assertThat(codeLike("Registry status: live.")).contains("Registry", "status", "live");
		assertThat(codeLike("法律依据（legalBasis）不能为空")).containsExactly("legalBasis");
		assertThat(codeLike("budgetLines[0].amountFen: 必填")).containsExactly("budgetLines[0].amountFen");
		assertThat(codeLike("能力：new-system")).containsExactly("new-system");
		assertThat(codeLike("客户端 3f2a1b4c-1d2e-4f5a-8b9c-0d1e2f3a4b5c")).isNotEmpty();
		assertThat(codeLike("Unigov 统一政务平台 · API 文档 · 导出 XLSX · 端口 18401 · 2026 年 · 610113")).isEmpty();
	}

	@Test
	@DisplayName("the main staff pages in Chinese show no English and no internal codes, for every role")
	void staffPagesAreChinese() {
		List<String> problems = new ArrayList<>();
		walk("yt-civil-admin", List.of("/", "/projects", "/projects/new", "/registry", "/registry/import", "/catalog",
				"/catalog/work", "/sharing", "/sharing/requests/new", "/sharing/grants", "/exchange", "/exchange/clients"),
				problems);
		List<String> projects = links("/projects?size=50", "/projects/", 20);
		assertThat(projects).as("demo projects").hasSizeGreaterThan(3);
		for (String project : projects) {
			check(project, problems);
		}
		for (String system : links("/registry", "/registry/systems/", 3)) {
			check(system, problems);
		}
		walk("xa-coord", List.of("/", "/projects", "/projects/reviews", "/projects/portfolio", "/registry/clusters",
				"/sharing", "/sharing/oversight", "/organization", "/organization/staff", "/audit", "/calendar",
				"/exchange/clients", "/exchange/traffic"), problems);
		for (String request : links("/sharing", "/sharing/requests/", 5)) {
			check(request, problems);
		}
		for (String project : links("/projects/reviews", "/projects/", 5)) {
			check(project, problems);
		}
		walk("sn-coord", List.of("/projects/portfolio", "/projects/reviews", "/projects/settings"), problems);
		for (String project : links("/projects?size=50", "/projects/", 20)) {
			check(project, problems);
		}
		walk("sn-auditor", List.of("/", "/projects/portfolio", "/audit"), problems);
		walk("admin", List.of("/", "/organization", "/exchange/clients", "/registry/capabilities"), problems);
		assertThat(problems).isEmpty();
	}
}
