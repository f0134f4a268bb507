package org.unigov.audit.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.unigov.audit.AuditJournal;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.ChinaTime;
import org.unigov.shared.NavigationEntry;
import org.unigov.shared.Role;

/** The searchable audit view. Filters work without JavaScript; htmx swaps only the results. */
@Controller
class AuditPages {

	static final ZoneId SHANGHAI = ChinaTime.ZONE;

	private final AuditJournal journal;

	AuditPages(AuditJournal journal) {
		this.journal = journal;
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavigationEntry auditNavigation() {
			return new NavigationEntry("audit", "/audit", Set.of(Role.AUDITOR, Role.PLATFORM_ADMIN, Role.COORDINATOR));
		}
	}

	@GetMapping("/audit")
	@PreAuthorize(Access.OVERSEERS)
	String search(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String subjectType,
			@RequestParam(required = false) @Nullable String subjectId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@PageableDefault(size = 25) Pageable pageable, @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
			Model model) {
		var query = new AuditJournal.AuditQuery(q, actor, action, subjectType, subjectId,
				from == null ? null : from.atStartOfDay(SHANGHAI).toInstant(),
				to == null ? null : to.plusDays(1).atStartOfDay(SHANGHAI).toInstant());
		model.addAttribute("page", this.journal.search(query, AuditApi.scope(), pageable));
		model.addAttribute("zone", SHANGHAI);
		model.addAttribute("canVerify", Actor.current().hasAny(Role.AUDITOR, Role.PLATFORM_ADMIN));
		return htmx != null ? "audit/index :: results" : "audit/index";
	}

	@GetMapping("/audit/verify")
	@PreAuthorize("hasAnyRole('AUDITOR','PLATFORM_ADMIN')")
	String verify(Model model) {
		model.addAttribute("verification", this.journal.verify());
		return "audit/index :: verification";
	}
}
