package org.unigov.catalog.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.unigov.catalog.EntryContent;
import org.unigov.catalog.SharingMethod;
import org.unigov.shared.ident.PlainText;

/**
 * What a department states about an entry when compiling or revising it, as sent by a form or
 * the API: enumerated fields by code ({@code conditional}, {@code api}, ...). The catalog checks
 * it against C1–C8 and reports every problem at once.
 */
public record EntryInput(@NotBlank @Size(max = 50) @PlainText String name,
		@Nullable @Size(max = 100) @PlainText String nameEn, @NotBlank @Size(max = 10) String classification,
		@NotBlank @Size(max = 256) @PlainText(multiline = true) String summary,
		@Nullable @Size(max = 512) @PlainText(multiline = true) String summaryEn,
		@NotNull @Size(min = 1, max = 500) List<@Valid @NotNull ItemInput> items, @NotBlank @Size(max = 30) String format,
		@NotBlank @Size(max = 30) String updateFrequency, @NotBlank @Size(max = 30) String sharingType,
		@Nullable @Size(max = 3) List<@NotBlank @Size(max = 30) String> sharingMethods,
		@Nullable @Size(max = 20) List<@Valid @NotNull ConditionInput> conditions,
		@Nullable @Size(max = 500) @PlainText(multiline = true) String notSharedReason,
		@Nullable @Size(max = 200) @PlainText String notSharedBasis, @NotBlank @Size(max = 30) String openAttribute,
		@Nullable @Size(max = 500) @PlainText(multiline = true) String openConditions,
		@NotBlank @Size(max = 30) String grade, boolean personalInfo, @NotBlank @Size(max = 30) String secrecy,
		@Nullable @Size(max = 50) @PlainText String assessmentApprovedBy, @Nullable LocalDate assessmentApprovedOn,
		@Nullable @Size(max = 20) List<@NotBlank @Size(max = 30) String> relatedCodes, @Nullable UUID sourceSystemId,
		@Nullable @Size(max = 20) List<@NotBlank @Size(max = 30) String> keywords,
		@Nullable @Size(max = 50) @PlainText String contactName,
		@Nullable @Size(max = 100) @PlainText String contactEmail,
		@Nullable @Size(max = 20) @PlainText String contactPhone, @Nullable LocalDate coverageFrom,
		@Nullable LocalDate coverageTo, @Nullable @Size(max = 500) @PlainText(multiline = true) String changeReason) {

	/** One data item as stated. */
	public record ItemInput(@NotBlank @Size(max = 50) @PlainText String name,
			@Nullable @Size(max = 100) @PlainText String nameEn, @NotBlank @Size(max = 20) String type,
			@Nullable @Size(max = 50) String elementCode,
			@Nullable @Size(max = 200) @PlainText(multiline = true) String description,
			@Nullable @Size(max = 200) @PlainText String example, @Nullable @Size(max = 20) String origin,
			@Nullable @Size(max = 30) String sourceEntryCode) {
	}

	/** One condition of use as stated. */
	public record ConditionInput(@NotBlank @Size(max = 20) String kind,
			@NotBlank @Size(max = 500) @PlainText(multiline = true) String text,
			@Nullable @Size(max = 200) @PlainText String basis) {
	}

	/** The input that reproduces a revision's content, to pre-fill a form or start a revision. */
	public static EntryInput of(EntryContent c) {
		return new EntryInput(c.name(), c.nameEn(), c.classification(), c.summary(), c.summaryEn(),
				c.items()
					.stream()
					.map(i -> new ItemInput(i.name(), i.nameEn(), i.type().code(), i.elementCode(), i.description(),
							i.example(), i.origin().code(), i.sourceEntryCode()))
					.toList(),
				c.format().code(), c.updateFrequency().code(), c.sharingType().code(),
				c.sharingMethods().stream().map(SharingMethod::code).toList(),
				c.conditions().stream().map(k -> new ConditionInput(k.kind().code(), k.text(), k.basis())).toList(),
				c.notSharedReason(), c.notSharedBasis(), c.openAttribute().code(), c.openConditions(), c.grade().code(),
				c.personalInfo(), c.secrecy().code(), c.assessmentApprovedBy(), c.assessmentApprovedOn(),
				c.relatedCodes(), c.sourceSystemId(), c.keywords(), c.contactName(), c.contactEmail(), c.contactPhone(),
				c.coverageFrom(), c.coverageTo(), null);
	}
}
