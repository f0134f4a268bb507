package org.unigov.identity.web;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.unigov.identity.Account;
import org.unigov.identity.internal.StaffManagement;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;
import org.unigov.shared.ident.PlainText;

/** Staff accounts and the caller's own account over JSON. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Identity", description = "Staff accounts and the signed-in caller")
class StaffApi {

	private final StaffManagement staff;

	StaffApi(StaffManagement staff) {
		this.staff = staff;
	}

	record StaffView(UUID id, String username, String displayName, @Nullable UUID agencyId, Set<Role> roles,
			boolean enabled, boolean locked, @Nullable Instant lastSignInAt, long version) {

		static StaffView of(Account a) {
			return new StaffView(a.id(), a.username(), a.displayName(), a.agencyId(), a.roles(), a.enabled(),
					a.isLocked(Instant.now()), a.lastSignInAt(), a.version());
		}
	}

	record CreateStaff(@NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String username,
			@NotBlank @Size(max = 100) @PlainText String displayName, @NotNull UUID agencyId,
			@NotEmpty Set<Role> roles, @NotBlank @Size(max = 200) String password) {
	}

	record UpdateStaff(@NotBlank @Size(max = 100) @PlainText String displayName, @NotEmpty Set<Role> roles,
			@NotNull Boolean enabled, @NotNull @PositiveOrZero Long version) {
	}

	record NewPassword(@NotBlank @Size(max = 200) String password) {
	}

	record PasswordChange(@NotBlank @Size(max = 200) String currentPassword,
			@NotBlank @Size(max = 200) String newPassword) {
	}

	record Me(String username, String displayName, String kind, @Nullable UUID agencyId, @Nullable String agencyCode,
			@Nullable String divisionCode, Set<Role> roles) {
	}

	@GetMapping("/me")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Who is calling: a person (session or token) or a department system (client_credentials)")
	Me me() {
		Actor actor = Actor.current();
		return new Me(actor.username(), actor.displayName(), actor.kind().name(), actor.agencyId(), actor.agencyCode(),
				actor.divisionCode(), actor.roles());
	}

	@PostMapping("/me/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Change your own password (audited: account.password-changed)")
	void changePassword(@Valid @RequestBody PasswordChange request) {
		this.staff.changeOwnPassword(Actor.current(), request.currentPassword(), request.newPassword());
	}

	@GetMapping("/staff")
	@PreAuthorize("hasAnyRole('PLATFORM_ADMIN','AGENCY_ADMIN','COORDINATOR','AUDITOR')")
	@Operation(summary = "List staff you may see",
			description = "Platform admins: all; agency admins: their agency; coordinators and auditors: their subtree (read only).")
	PagedModel<StaffView> list(@RequestParam(required = false) @Nullable UUID agencyId,
			@RequestParam(required = false) @Nullable String q, Pageable pageable) {
		return new PagedModel<>(this.staff.list(Actor.current(), agencyId, q, pageable).map(StaffView::of));
	}

	@GetMapping("/staff/{id}")
	@PreAuthorize("hasAnyRole('PLATFORM_ADMIN','AGENCY_ADMIN','COORDINATOR','AUDITOR')")
	@Operation(summary = "Read one staff account")
	StaffView get(@PathVariable UUID id) {
		return StaffView.of(this.staff.get(Actor.current(), id));
	}

	@PostMapping("/staff")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize(Access.AGENCY_ADMINS)
	@Operation(summary = "Create a staff account (audited: staff.created)",
			description = "Agency admins create staff of their own agency with AGENCY_ADMIN or AGENCY_STAFF only.")
	StaffView create(@Valid @RequestBody CreateStaff request) {
		return StaffView.of(this.staff.create(Actor.current(), new StaffManagement.NewStaff(request.username(),
				request.displayName(), request.agencyId(), request.roles(), request.password())));
	}

	@PutMapping("/staff/{id}")
	@PreAuthorize(Access.AGENCY_ADMINS)
	@Operation(summary = "Change a staff account's name, roles or status (audited: staff.updated); 409 if stale")
	StaffView update(@PathVariable UUID id, @Valid @RequestBody UpdateStaff request) {
		return StaffView.of(this.staff.update(Actor.current(), id, new StaffManagement.StaffChange(
				request.displayName(), request.roles(), request.enabled(), request.version())));
	}

	@PostMapping("/staff/{id}/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PreAuthorize(Access.AGENCY_ADMINS)
	@Operation(summary = "Set a new password for a staff account (audited: staff.password-reset)")
	void resetPassword(@PathVariable UUID id, @Valid @RequestBody NewPassword request) {
		this.staff.resetPassword(Actor.current(), id, request.password());
	}

	@PostMapping("/staff/{id}/unlock")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PreAuthorize(Access.AGENCY_ADMINS)
	@Operation(summary = "Unlock an account locked after failed sign-ins (audited: staff.unlocked)")
	void unlock(@PathVariable UUID id) {
		this.staff.unlock(Actor.current(), id);
	}
}
