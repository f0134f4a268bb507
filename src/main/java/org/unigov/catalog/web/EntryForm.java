package org.unigov.catalog.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.unigov.catalog.EntryContent;
import org.unigov.catalog.internal.EntryInput;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.web.FormValues;

/**
 * The entry form as the browser posts it: every field a string, a fixed number of item and
 * condition rows (blank rows are ignored), so that the page works without script.
 */
public class EntryForm {

	static final int ITEM_ROWS = 12;

	static final int CONDITION_ROWS = 4;

	private String name = "";

	private String nameEn = "";

	private String classification = "";

	private String summary = "";

	private String summaryEn = "";

	private String format = "database";

	private String updateFrequency = "daily";

	private String sharingType = "conditional";

	private List<String> sharingMethods = new ArrayList<>(List.of("api"));

	private String notSharedReason = "";

	private String notSharedBasis = "";

	private String openAttribute = "not-open";

	private String openConditions = "";

	private String grade = "general";

	private boolean personalInfo;

	private String secrecy = "none";

	private String assessmentApprovedBy = "";

	private String assessmentApprovedOn = "";

	private String keywords = "";

	private String sourceSystemId = "";

	private String contactName = "";

	private String contactEmail = "";

	private String contactPhone = "";

	private String changeReason = "";

	private String relatedCodes = "";

	private String coverageFrom = "";

	private String coverageTo = "";

	private long version;

	private List<ItemRow> items = rows(ITEM_ROWS, ItemRow::new);

	private List<ConditionRow> conditions = rows(CONDITION_ROWS, ConditionRow::new);

	public static class ItemRow {

		private String name = "";

		private String nameEn = "";

		private String type = "string";

		private String elementCode = "";

		private String example = "";

		private String origin = "collected";

		private String sourceEntryCode = "";

		private String description = "";

		public String getName() { return this.name; }
		public void setName(String v) { this.name = v; }
		public String getNameEn() { return this.nameEn; }
		public void setNameEn(String v) { this.nameEn = v; }
		public String getType() { return this.type; }
		public void setType(String v) { this.type = v; }
		public String getElementCode() { return this.elementCode; }
		public void setElementCode(String v) { this.elementCode = v; }
		public String getExample() { return this.example; }
		public void setExample(String v) { this.example = v; }
		public String getOrigin() { return this.origin; }
		public void setOrigin(String v) { this.origin = v; }
		public String getDescription() { return this.description; }
		public void setDescription(String v) { this.description = v; }
		public String getSourceEntryCode() { return this.sourceEntryCode; }
		public void setSourceEntryCode(String v) { this.sourceEntryCode = v; }
	}

	public static class ConditionRow {

		private String kind = "purpose";

		private String text = "";

		private String basis = "";

		public String getKind() { return this.kind; }
		public void setKind(String v) { this.kind = v; }
		public String getText() { return this.text; }
		public void setText(String v) { this.text = v; }
		public String getBasis() { return this.basis; }
		public void setBasis(String v) { this.basis = v; }
	}

	// getters and setters for Spring data binding, which binds properties rather than fields

	public String getName() { return this.name; }
	public void setName(String v) { this.name = v; }
	public String getNameEn() { return this.nameEn; }
	public void setNameEn(String v) { this.nameEn = v; }
	public String getClassification() { return this.classification; }
	public void setClassification(String v) { this.classification = v; }
	public String getSummary() { return this.summary; }
	public void setSummary(String v) { this.summary = v; }
	public String getSummaryEn() { return this.summaryEn; }
	public void setSummaryEn(String v) { this.summaryEn = v; }
	public String getFormat() { return this.format; }
	public void setFormat(String v) { this.format = v; }
	public String getUpdateFrequency() { return this.updateFrequency; }
	public void setUpdateFrequency(String v) { this.updateFrequency = v; }
	public String getSharingType() { return this.sharingType; }
	public void setSharingType(String v) { this.sharingType = v; }
	public List<String> getSharingMethods() { return this.sharingMethods; }
	public void setSharingMethods(List<String> v) { this.sharingMethods = v; }
	public String getNotSharedReason() { return this.notSharedReason; }
	public void setNotSharedReason(String v) { this.notSharedReason = v; }
	public String getNotSharedBasis() { return this.notSharedBasis; }
	public void setNotSharedBasis(String v) { this.notSharedBasis = v; }
	public String getOpenAttribute() { return this.openAttribute; }
	public void setOpenAttribute(String v) { this.openAttribute = v; }
	public String getOpenConditions() { return this.openConditions; }
	public void setOpenConditions(String v) { this.openConditions = v; }
	public String getGrade() { return this.grade; }
	public void setGrade(String v) { this.grade = v; }
	public boolean isPersonalInfo() { return this.personalInfo; }
	public void setPersonalInfo(boolean v) { this.personalInfo = v; }
	public String getSecrecy() { return this.secrecy; }
	public void setSecrecy(String v) { this.secrecy = v; }
	public String getAssessmentApprovedBy() { return this.assessmentApprovedBy; }
	public void setAssessmentApprovedBy(String v) { this.assessmentApprovedBy = v; }
	public String getAssessmentApprovedOn() { return this.assessmentApprovedOn; }
	public void setAssessmentApprovedOn(String v) { this.assessmentApprovedOn = v; }
	public String getKeywords() { return this.keywords; }
	public void setKeywords(String v) { this.keywords = v; }
	public String getSourceSystemId() { return this.sourceSystemId; }
	public void setSourceSystemId(String v) { this.sourceSystemId = v; }
	public String getContactName() { return this.contactName; }
	public void setContactName(String v) { this.contactName = v; }
	public String getContactEmail() { return this.contactEmail; }
	public void setContactEmail(String v) { this.contactEmail = v; }
	public String getContactPhone() { return this.contactPhone; }
	public void setContactPhone(String v) { this.contactPhone = v; }
	public String getRelatedCodes() { return this.relatedCodes; }
	public void setRelatedCodes(String v) { this.relatedCodes = v; }
	public String getCoverageFrom() { return this.coverageFrom; }
	public void setCoverageFrom(String v) { this.coverageFrom = v; }
	public String getCoverageTo() { return this.coverageTo; }
	public void setCoverageTo(String v) { this.coverageTo = v; }
	public String getChangeReason() { return this.changeReason; }
	public void setChangeReason(String v) { this.changeReason = v; }
	public long getVersion() { return this.version; }
	public void setVersion(long v) { this.version = v; }
	public List<ItemRow> getItems() { return this.items; }
	public void setItems(List<ItemRow> v) { this.items = v; }
	public List<ConditionRow> getConditions() { return this.conditions; }
	public void setConditions(List<ConditionRow> v) { this.conditions = v; }

	/** The form pre-filled from a revision's content. */
	static EntryForm of(EntryContent content, long version) {
		EntryInput in = EntryInput.of(content);
		EntryForm form = new EntryForm();
		form.name = in.name();
		form.nameEn = nz(in.nameEn());
		form.classification = in.classification();
		form.summary = in.summary();
		form.summaryEn = nz(in.summaryEn());
		form.format = in.format();
		form.updateFrequency = in.updateFrequency();
		form.sharingType = in.sharingType();
		form.sharingMethods = new ArrayList<>(in.sharingMethods() == null ? List.of() : in.sharingMethods());
		form.notSharedReason = nz(in.notSharedReason());
		form.notSharedBasis = nz(in.notSharedBasis());
		form.openAttribute = in.openAttribute();
		form.openConditions = nz(in.openConditions());
		form.grade = in.grade();
		form.personalInfo = in.personalInfo();
		form.secrecy = in.secrecy();
		form.assessmentApprovedBy = nz(in.assessmentApprovedBy());
		form.assessmentApprovedOn = in.assessmentApprovedOn() == null ? "" : in.assessmentApprovedOn().toString();
		form.keywords = String.join("，", in.keywords() == null ? List.of() : in.keywords());
		form.sourceSystemId = in.sourceSystemId() == null ? "" : in.sourceSystemId().toString();
		form.contactName = nz(in.contactName());
		form.contactEmail = nz(in.contactEmail());
		form.contactPhone = nz(in.contactPhone());
		form.relatedCodes = String.join("，", in.relatedCodes() == null ? List.of() : in.relatedCodes());
		form.coverageFrom = in.coverageFrom() == null ? "" : in.coverageFrom().toString();
		form.coverageTo = in.coverageTo() == null ? "" : in.coverageTo().toString();
		form.version = version;
		form.items = itemRows(in);
		form.conditions = conditionRows(in);
		return form;
	}

	private static List<ItemRow> itemRows(EntryInput in) {
		List<ItemRow> items = new ArrayList<>();
		for (EntryInput.ItemInput i : in.items()) {
			ItemRow row = new ItemRow();
			row.name = i.name();
			row.nameEn = nz(i.nameEn());
			row.type = i.type();
			row.elementCode = nz(i.elementCode());
			row.example = nz(i.example());
			row.origin = nz(i.origin());
			row.sourceEntryCode = nz(i.sourceEntryCode());
			row.description = nz(i.description());
			items.add(row);
		}
		while (items.size() < Math.max(ITEM_ROWS, in.items().size() + 3)) {
			items.add(new ItemRow());
		}
		return items;
	}

	private static List<ConditionRow> conditionRows(EntryInput in) {
		List<ConditionRow> conditions = new ArrayList<>();
		for (EntryInput.ConditionInput c : in.conditions() == null ? List.<EntryInput.ConditionInput>of() : in.conditions()) {
			ConditionRow row = new ConditionRow();
			row.kind = c.kind();
			row.text = c.text();
			row.basis = nz(c.basis());
			conditions.add(row);
		}
		while (conditions.size() < CONDITION_ROWS) {
			conditions.add(new ConditionRow());
		}
		return conditions;
	}

	/** The input, or null with problems added for fields the form could not even read. */
	@Nullable EntryInput input(List<FieldProblem> problems) {
		LocalDate approvedOn = FormValues.date(this.assessmentApprovedOn, "assessmentApprovedOn", problems);
		UUID source = null;
		if (!this.sourceSystemId.isBlank()) {
			try {
				source = UUID.fromString(this.sourceSystemId.strip());
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem("sourceSystemId", "source_system_unknown", "Choose a registered system."));
			}
		}
		List<EntryInput.ItemInput> items = this.items.stream()
			.filter(r -> r.name != null && !r.name.isBlank())
			.map(r -> new EntryInput.ItemInput(r.name.strip(), FormValues.trimmed(r.nameEn), r.type, FormValues.trimmed(r.elementCode),
					FormValues.trimmed(r.description), FormValues.trimmed(r.example), FormValues.trimmed(r.origin), FormValues.trimmed(r.sourceEntryCode)))
			.toList();
		LocalDate from = FormValues.date(this.coverageFrom, "coverageFrom", problems);
		LocalDate to = FormValues.date(this.coverageTo, "coverageTo", problems);
		if (items.isEmpty()) {
			problems.add(new FieldProblem("items", "items_required", "List at least one data item (C6)."));
		}
		List<EntryInput.ConditionInput> conditions = this.conditions.stream()
			.filter(r -> r.text != null && !r.text.isBlank())
			.map(r -> new EntryInput.ConditionInput(r.kind, r.text.strip(), FormValues.trimmed(r.basis)))
			.toList();
		if (!problems.isEmpty()) {
			return null;
		}
		List<String> keywords = split(this.keywords);
		return new EntryInput(this.name.strip(), FormValues.trimmed(this.nameEn), this.classification, this.summary.strip(),
				FormValues.trimmed(this.summaryEn), items, this.format, this.updateFrequency, this.sharingType, this.sharingMethods,
				conditions, FormValues.trimmed(this.notSharedReason), FormValues.trimmed(this.notSharedBasis), this.openAttribute,
				FormValues.trimmed(this.openConditions), this.grade, this.personalInfo, this.secrecy, FormValues.trimmed(this.assessmentApprovedBy),
				approvedOn, split(this.relatedCodes), source, keywords, FormValues.trimmed(this.contactName), FormValues.trimmed(this.contactEmail),
				FormValues.trimmed(this.contactPhone), from, to, FormValues.trimmed(this.changeReason));
	}

	private static List<String> split(@Nullable String value) {
		return value == null ? List.of()
				: Arrays.stream(value.split("[,，、;；\\s]+")).filter(k -> !k.isBlank()).distinct().toList();
	}

	private static String nz(@Nullable String value) {
		return value == null ? "" : value;
	}

	static <T> List<T> rows(int n, Supplier<T> row) {
		List<T> rows = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			rows.add(row.get());
		}
		return rows;
	}
}
