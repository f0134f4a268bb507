package org.unigov.services.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.unigov.services.internal.Applicant;
import org.unigov.services.internal.FieldType;
import org.unigov.services.internal.LifeEvent;
import org.unigov.services.internal.Matter;
import org.unigov.services.internal.MatterInput;
import org.unigov.services.internal.ServiceError;
import org.unigov.services.web.MatterPages.FieldRow;
import org.unigov.services.web.MatterPages.MaterialRow;
import org.unigov.services.web.MatterPages.MatterForm;
import org.unigov.shared.Coded;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/** Reads the matter form: blank rows dropped, codes parsed; what cannot be read is refused with its field. */
final class MatterForms {

	private MatterForms() {
	}

	static MatterInput input(MatterForm form) {
		List<FieldProblem> problems = new ArrayList<>();
		Applicant applicant = parse(Applicant.class, form.applicant(), "applicant", problems);
		List<LifeEvent> events = new ArrayList<>();
		for (String code : Objects.requireNonNullElse(form.lifeEvents(), List.<String>of())) {
			LifeEvent event = parse(LifeEvent.class, code, "lifeEvents", problems);
			if (event != null) {
				events.add(event);
			}
		}
		List<Matter.Field> fields = new ArrayList<>();
		List<FieldRow> rows = Objects.requireNonNullElse(form.fields(), List.of());
		for (int i = 0; i < rows.size(); i++) {
			FieldRow row = rows.get(i);
			if (blank(row.label())) {
				continue;
			}
			FieldType type = parse(FieldType.class, row.type(), "fields[" + i + "].type", problems);
			fields.add(new Matter.Field(row.label().strip(), strip(row.labelEn()), type == null ? FieldType.TEXT : type,
					row.isRequired(), strip(row.entryCode()), strip(row.itemName())));
		}
		List<Matter.Material> materials = Objects.requireNonNullElse(form.materials(), List.<MaterialRow>of())
			.stream()
			.filter(m -> !blank(m.name()))
			.map(m -> new Matter.Material(m.name().strip(), m.isRequired(), m.isLicence()))
			.toList();
		if (form.timeLimitDays() == null) {
			problems.add(new FieldProblem("timeLimitDays", "required", "The time limit is required."));
		}
		if (!problems.isEmpty()) {
			throw UnigovException.invalid(ServiceError.MATTER_INVALID, UnigovException.messages(problems), problems);
		}
		return new MatterInput(Objects.requireNonNullElse(form.name(), ""), strip(form.nameEn()), form.summary(),
				Objects.requireNonNullElse(form.legalBasis(), ""), form.timeLimitDays(),
				Objects.requireNonNull(applicant), events, null, fields, materials);
	}

	/** The form as sent, with spare empty rows again, to show it back with its problems. */
	static MatterForm padded(MatterForm form) {
		List<FieldRow> fields = new ArrayList<>(Objects.requireNonNullElse(form.fields(), List.<FieldRow>of())
			.stream().filter(r -> !blank(r.label())).toList());
		List<MaterialRow> materials = new ArrayList<>(Objects.requireNonNullElse(form.materials(), List.<MaterialRow>of())
			.stream().filter(r -> !blank(r.name())).toList());
		for (int i = 0; i < MatterPages.SPARE_ROWS; i++) {
			fields.add(new FieldRow("", "", FieldType.TEXT.code(), false, "", ""));
			materials.add(new MaterialRow("", false, false));
		}
		return new MatterForm(form.name(), form.nameEn(), form.summary(), form.legalBasis(), form.timeLimitDays(),
				form.applicant(), form.lifeEvents(), fields, materials, form.version());
	}

	private static <E extends Enum<E> & Coded> @Nullable E parse(Class<E> type, @Nullable String text, String field,
			List<FieldProblem> problems) {
		var value = Coded.parse(type, text);
		if (value.isEmpty()) {
			problems.add(new FieldProblem(field, "unknown", "Choose a value for " + field + "."));
		}
		return value.orElse(null);
	}

	private static boolean blank(@Nullable String text) {
		return text == null || text.isBlank();
	}

	private static @Nullable String strip(@Nullable String text) {
		return blank(text) ? null : text.strip();
	}
}
