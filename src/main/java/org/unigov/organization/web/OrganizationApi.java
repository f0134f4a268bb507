package org.unigov.organization.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import org.unigov.organization.Agency;
import org.unigov.organization.AgencyId;
import org.unigov.organization.Division;
import org.unigov.organization.OrganizationDirectory;
import org.unigov.organization.internal.OrganizationManagement;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.ident.PlainText;
import org.unigov.shared.ident.ValidCreditCode;
import org.unigov.shared.ident.ValidDivisionCode;

/** Divisions and agencies over JSON. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Organization", description = "Administrative divisions (GB/T 2260) and agencies (部门)")
class OrganizationApi {

	private final OrganizationDirectory directory;

	private final OrganizationManagement management;

	OrganizationApi(OrganizationDirectory directory, OrganizationManagement management) {
		this.directory = directory;
		this.management = management;
	}

	record DivisionView(String code, String nameZh, String nameEn, @Nullable String parentCode, int level,
			long version) {

		static DivisionView of(Division d) {
			return new DivisionView(d.code(), d.nameZh(), d.nameEn(), d.parentCode(), d.level(), d.version());
		}
	}

	record AgencyView(UUID id, String creditCode, String nameZh, String nameEn, String divisionCode, boolean active,
			long version) {

		static AgencyView of(Agency a) {
			return new AgencyView(a.id().value(), a.creditCode(), a.nameZh(), a.nameEn(), a.divisionCode(), a.active(),
					a.version());
		}
	}

	record CreateDivision(@NotBlank @ValidDivisionCode String code,
			@NotBlank @Size(max = 50) @PlainText String nameZh, @NotNull @Size(max = 100) @PlainText String nameEn,
			@Nullable @ValidDivisionCode String parentCode) {
	}

	record RenameDivision(@NotBlank @Size(max = 50) @PlainText String nameZh,
			@NotNull @Size(max = 100) @PlainText String nameEn, @NotNull @PositiveOrZero Long version) {
	}

	record CreateAgency(@NotBlank @ValidCreditCode String creditCode,
			@NotBlank @Size(max = 100) @PlainText String nameZh, @Nullable @Size(max = 200) @PlainText String nameEn,
			@NotBlank @ValidDivisionCode String divisionCode) {
	}

	record UpdateAgency(@NotBlank @Size(max = 100) @PlainText String nameZh,
			@Nullable @Size(max = 200) @PlainText String nameEn, @NotNull Boolean active,
			@NotNull @PositiveOrZero Long version) {
	}

	@GetMapping("/divisions")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "List administrative divisions in code order, optionally the children of one")
	PagedModel<DivisionView> divisions(@RequestParam(required = false) @Nullable String parentCode,
			Pageable pageable) {
		return new PagedModel<>(this.directory.divisions(parentCode, pageable).map(DivisionView::of));
	}

	@GetMapping("/divisions/{code}")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Read one division")
	DivisionView division(@PathVariable String code) {
		return DivisionView.of(this.directory.requireDivision(code));
	}

	@PostMapping("/divisions")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize(Access.PLATFORM_ADMIN)
	@Operation(summary = "Create a division under its parent (audited: division.created)")
	DivisionView createDivision(@Valid @RequestBody CreateDivision request) {
		return DivisionView.of(this.management.createDivision(Actor.current(), new OrganizationManagement.NewDivision(
				request.code(), request.nameZh(), request.nameEn(), request.parentCode())));
	}

	@PutMapping("/divisions/{code}")
	@PreAuthorize(Access.PLATFORM_ADMIN)
	@Operation(summary = "Rename a division (audited: division.renamed); 409 if the version is stale")
	DivisionView renameDivision(@PathVariable String code, @Valid @RequestBody RenameDivision request) {
		return DivisionView.of(this.management.renameDivision(Actor.current(), code, request.nameZh(),
				request.nameEn(), request.version()));
	}

	@GetMapping("/agencies")
	@PreAuthorize(Access.ANY_STAFF)
	@Operation(summary = "List the agencies you may see",
			description = "Platform admins see all; coordinators and auditors their division subtree; agency roles their own agency.")
	PagedModel<AgencyView> agencies(@RequestParam(required = false) @Nullable String divisionCode,
			@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable Boolean active,
			Pageable pageable) {
		return new PagedModel<>(
				this.directory.agencies(Actor.current(), divisionCode, q, active, pageable).map(AgencyView::of));
	}

	@GetMapping("/agencies/{id}")
	@PreAuthorize(Access.ANY_STAFF)
	@Operation(summary = "Read one agency (404 when it is outside your scope)")
	AgencyView agency(@PathVariable UUID id) {
		return AgencyView.of(this.directory.visibleAgency(Actor.current(), new AgencyId(id)));
	}

	@PostMapping("/agencies")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize(Access.COORDINATORS)
	@Operation(summary = "Create an agency (audited: agency.created)",
			description = "Coordinators may create agencies only within their division subtree.")
	AgencyView createAgency(@Valid @RequestBody CreateAgency request) {
		return AgencyView.of(this.management.createAgency(Actor.current(), new OrganizationManagement.NewAgency(
				request.creditCode(), request.nameZh(), request.nameEn() == null ? "" : request.nameEn(),
				request.divisionCode())));
	}

	@PutMapping("/agencies/{id}")
	@PreAuthorize(Access.COORDINATORS)
	@Operation(summary = "Change an agency's names or deactivate it (audited: agency.updated); 409 if stale")
	AgencyView updateAgency(@PathVariable UUID id, @Valid @RequestBody UpdateAgency request) {
		return AgencyView.of(this.management.updateAgency(Actor.current(), new AgencyId(id),
				new OrganizationManagement.AgencyChange(request.nameZh(),
						request.nameEn() == null ? "" : request.nameEn(), request.active(), request.version())));
	}
}
