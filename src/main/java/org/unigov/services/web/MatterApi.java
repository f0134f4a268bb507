package org.unigov.services.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import org.unigov.services.internal.Applicant;
import org.unigov.services.internal.FieldType;
import org.unigov.services.internal.LifeEvent;
import org.unigov.services.internal.Matter;
import org.unigov.services.internal.MatterDesk;
import org.unigov.services.internal.MatterInput;
import org.unigov.services.internal.MatterStatus;
import org.unigov.services.internal.ServiceError;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.ident.PlainText;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/** Service matters (事项) over JSON. */
@RestController
@RequestMapping("/api/v1/services")
@Tag(name = "Services", description = "Service matters (事项) citizens and enterprises apply for")
class MatterApi {

	private final MatterDesk desk;

	MatterApi(MatterDesk desk) {
		this.desk = desk;
	}

	record FieldRequest(@NotBlank @Size(max = 50) @PlainText String label,
			@Nullable @Size(max = 100) @PlainText String labelEn, @NotNull FieldType type, boolean required,
			@Nullable @Size(max = 64) @PlainText String entryCode, @Nullable @Size(max = 100) @PlainText String itemName) {
	}

	record MaterialRequest(@NotBlank @Size(max = 100) @PlainText String name, boolean required, boolean licence) {
	}

	record MatterRequest(@NotBlank @Size(max = 100) @PlainText String name,
			@Nullable @Size(max = 200) @PlainText String nameEn, @Nullable @Size(max = 1000) String summary,
			@NotBlank @Size(max = 500) String legalBasis, @Min(1) @Max(365) int timeLimitDays,
			@NotNull Applicant applicant, @NotNull @Size(min = 1, max = 12) List<@NotNull LifeEvent> lifeEvents,
			@Nullable UUID decidingAgencyId, @NotNull @Size(min = 1, max = 50) List<@Valid @NotNull FieldRequest> fields,
			@Nullable @Size(max = 30) List<@Valid @NotNull MaterialRequest> materials,
			@Nullable @PositiveOrZero Long version) {

		MatterInput input() {
			return new MatterInput(this.name, this.nameEn, this.summary, this.legalBasis, this.timeLimitDays,
					this.applicant, this.lifeEvents,
					this.decidingAgencyId,
					this.fields.stream()
						.map(f -> new Matter.Field(f.label(), f.labelEn(), f.type(), f.required(), f.entryCode(), f.itemName()))
						.toList(),
					this.materials == null ? List.of()
							: this.materials.stream().map(m -> new Matter.Material(m.name(), m.required(), m.licence())).toList());
		}
	}

	record VersionRequest(@NotNull @PositiveOrZero Long version) {
	}

	record MatterView(UUID id, String code, String name, @Nullable String nameEn, String summary, UUID agencyId,
			UUID decidingAgencyId, String divisionCode, String legalBasis, int timeLimitDays, Applicant applicant,
			List<LifeEvent> lifeEvents, MatterStatus status, List<Matter.Field> fields, List<Matter.Material> materials,
			long version, Instant updatedAt, @Nullable Instant publishedAt) {

		static MatterView of(Matter m) {
			return new MatterView(m.id(), m.code(), m.name(), m.nameEn(), m.summary(), m.agencyId(), m.decidingAgencyId(),
					m.divisionCode(), m.legalBasis(), m.timeLimitDays(), m.applicant(), m.lifeEvents(), m.status(),
					m.fields(), m.materials(), m.version(), m.updatedAt(), m.publishedAt());
		}
	}

	@GetMapping("/matters")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Find service matters by text and life event",
			description = "Applicants see published matters; staff also their agency's drafts, coordinators and auditors "
					+ "those of their division subtree. status=draft|published|withdrawn, lifeEvent=birth|school|…")
	PagedModel<MatterView> find(@RequestParam(required = false) @Nullable @Size(max = 100) String q,
			@RequestParam(required = false) @Nullable String lifeEvent,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable UUID agencyId, Pageable pageable) {
		return new PagedModel<>(this.desk.find(Actor.current(), q, MatterParams.lifeEvent(lifeEvent),
				MatterParams.status(status), agencyId, pageable).map(MatterView::of));
	}

	@GetMapping("/life-events")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "How many published matters each life event has, by the event's code")
	Map<String, Long> lifeEvents() {
		Map<LifeEvent, Long> published = this.desk.publishedByLifeEvent();
		Map<String, Long> counts = new LinkedHashMap<>();
		for (LifeEvent event : LifeEvent.values()) {
			counts.put(event.code(), published.getOrDefault(event, 0L));
		}
		return counts;
	}

	@GetMapping("/matters/{id}")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Read one matter (404 when you may not see it)")
	MatterView get(@PathVariable UUID id) {
		return MatterView.of(this.desk.visible(Actor.current(), id));
	}

	@PostMapping("/matters")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize(Access.AGENCY_WORKERS)
	@Operation(summary = "Draft a matter for your agency (audited: matter.created)")
	MatterView create(@Valid @RequestBody MatterRequest request) {
		return MatterView.of(this.desk.create(Actor.current(), request.input()));
	}

	@PutMapping("/matters/{id}")
	@PreAuthorize(Access.AGENCY_WORKERS)
	@Operation(summary = "Edit a matter of your agency (audited: matter.updated); 409 if the version is stale")
	MatterView update(@PathVariable UUID id, @Valid @RequestBody MatterRequest request) {
		if (request.version() == null) {
			FieldProblem missing = new FieldProblem("version", "required", "Send the version you edited.");
			throw UnigovException.invalid(ServiceError.MATTER_INVALID, missing.message(), List.of(missing));
		}
		return MatterView.of(this.desk.update(Actor.current(), id, request.input(), request.version()));
	}

	@PostMapping("/matters/{id}/publish")
	@PreAuthorize(Access.AGENCY_ADMINS)
	@Operation(summary = "Publish a matter for applicants (audited: matter.published)")
	MatterView publish(@PathVariable UUID id, @Valid @RequestBody VersionRequest request) {
		return MatterView.of(this.desk.publish(Actor.current(), id, request.version()));
	}

	@PostMapping("/matters/{id}/withdraw")
	@PreAuthorize(Access.AGENCY_ADMINS)
	@Operation(summary = "Withdraw a published matter (audited: matter.withdrawn)")
	MatterView withdraw(@PathVariable UUID id, @Valid @RequestBody VersionRequest request) {
		return MatterView.of(this.desk.withdraw(Actor.current(), id, request.version()));
	}
}
