package org.unigov.audit.web;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PagedModel;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.unigov.audit.AuditEntry;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.internal.AuditVerification;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.UnigovException;

/** Reading and verifying the audit chain. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "The tamper-evident journal of every state change")
class AuditApi {

	private final AuditJournal journal;

	AuditApi(AuditJournal journal) {
		this.journal = journal;
	}

	@GetMapping("/verify")
	@PreAuthorize("hasAnyRole('AUDITOR','PLATFORM_ADMIN')")
	@Operation(summary = "Recompute the whole chain",
			description = "Returns valid=false and the first broken sequence if any entry was edited, deleted or reordered.")
	AuditVerification verify() {
		return this.journal.verify();
	}

	@GetMapping("/entries")
	@PreAuthorize(Access.OVERSEERS)
	@Operation(summary = "Search entries, newest first",
			description = "Auditors and coordinators see entries of their division subtree; platform admins see all.")
	PagedModel<AuditEntry> entries(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String subjectType,
			@RequestParam(required = false) @Nullable String subjectId,
			@RequestParam(required = false) @Nullable Instant from, @RequestParam(required = false) @Nullable Instant to,
			Pageable pageable) {
		return new PagedModel<>(this.journal.search(
				new AuditJournal.AuditQuery(q, actor, action, subjectType, subjectId, from, to), scope(), pageable));
	}

	static String scope() {
		String prefix = Actor.current().scopePrefix();
		if (prefix == null) {
			throw new UnigovException(CommonError.FORBIDDEN, "Your account has no division to scope the audit view.");
		}
		return prefix;
	}
}
