package org.unigov.sharing.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.sharing.internal.OpenApplication;
import org.unigov.sharing.internal.OpenApplicationInput;
import org.unigov.sharing.internal.OpenApplications;

/**
 * Applications for conditionally open data over JSON: citizens file, list and withdraw their own;
 * the providing department lists what it received and replies (coordinators and auditors read).
 */
@RestController
@Validated
@Tag(name = "Open data applications", description = "Applications for conditionally open data (有条件开放) and their replies")
class OpenApplicationApi {

	private final OpenApplications applications;

	OpenApplicationApi(OpenApplications applications) {
		this.applications = applications;
	}

	record VersionRequest(@NotNull Long version) {
	}

	record ReplyRequest(@NotBlank @Pattern(regexp = "approve|refuse") String decision, @Nullable @Size(max = 2000) String reply,
			@NotNull Long version) {
	}

	@PostMapping("/api/v1/open-applications")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasRole('CITIZEN')")
	@Operation(summary = "Apply for a conditionally open dataset (citizen accounts); every problem listed in one 422")
	OpenApplication apply(@RequestBody OpenApplicationInput input) {
		return this.applications.apply(Actor.current(), input);
	}

	@GetMapping("/api/v1/open-applications")
	@PreAuthorize("hasRole('CITIZEN')")
	@Operation(summary = "My applications, newest first")
	OpenApplications.Page mine(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		return this.applications.mine(Actor.current(), Math.max(0, page), Math.clamp(size, 1, 100));
	}

	@PostMapping("/api/v1/open-applications/{id}/withdraw")
	@PreAuthorize("hasRole('CITIZEN')")
	@Operation(summary = "Withdraw my application while it awaits a reply")
	OpenApplication withdraw(@PathVariable UUID id, @RequestBody VersionRequest request) {
		return this.applications.withdraw(Actor.current(), id, request.version());
	}

	@GetMapping("/api/v1/sharing/open-applications")
	@PreAuthorize(Access.ANY_STAFF)
	@Operation(summary = "Applications received (provider's staff) or in my subtree (coordinators, auditors)")
	OpenApplications.Page received(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		return this.applications.received(Actor.current(), Math.max(0, page), Math.clamp(size, 1, 100));
	}

	@PostMapping("/api/v1/sharing/open-applications/{id}/reply")
	@PreAuthorize(Access.AGENCY_WORKERS)
	@Operation(summary = "Approve (how and on what terms) or refuse (reasons, S3); the provider's staff only")
	OpenApplication reply(@PathVariable UUID id, @RequestBody @Valid ReplyRequest request) {
		return this.applications.reply(Actor.current(), id, "approve".equals(request.decision()), request.reply(),
				request.version());
	}
}
