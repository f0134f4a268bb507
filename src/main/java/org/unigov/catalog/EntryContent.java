package org.unigov.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What one revision of a catalog entry says: the fields of C6. Every revision keeps its own copy,
 * so the history shows exactly what was published when.
 *
 * @param classification the classification code (类/项/目)
 * @param conditions conditions of use, for a conditional entry (C3)
 * @param notSharedReason why the data is not shared, for a not-shared entry (C3)
 * @param notSharedBasis the law, regulation or State Council decision that forbids sharing (C3)
 * @param openConditions the conditions of opening, for an entry open on conditions (C5)
 * @param personalInfo whether the data includes personal information
 * @param assessmentApprovedBy the head who approved the secrecy and personal-information assessment
 * (Art. 13); required to submit
 * @param sourceSystemId the registry system the data comes from
 * @param changeReason why a revision restricts sharing further than the published one (C4)
 */
public record EntryContent(String name, @Nullable String nameEn, String classification, String summary,
		@Nullable String summaryEn, List<DataItem> items, DataFormat format, UpdateFrequency updateFrequency,
		SharingType sharingType, List<SharingMethod> sharingMethods, List<UseCondition> conditions,
		@Nullable String notSharedReason, @Nullable String notSharedBasis, OpenAttribute openAttribute,
		@Nullable String openConditions, DataGrade grade, boolean personalInfo, Secrecy secrecy,
		@Nullable String assessmentApprovedBy, @Nullable LocalDate assessmentApprovedOn, List<String> relatedCodes,
		@Nullable UUID sourceSystemId, List<String> keywords, @Nullable String contactName,
		@Nullable String contactEmail, @Nullable String contactPhone, @Nullable LocalDate coverageFrom,
		@Nullable LocalDate coverageTo, @Nullable String changeReason) {

	public EntryContent {
		items = List.copyOf(items);
		sharingMethods = List.copyOf(sharingMethods);
		conditions = List.copyOf(conditions);
		relatedCodes = List.copyOf(relatedCodes);
		keywords = List.copyOf(keywords);
	}

	public String name(Locale locale) {
		return !"zh".equals(locale.getLanguage()) && this.nameEn != null && !this.nameEn.isBlank() ? this.nameEn
				: this.name;
	}

	public String summary(Locale locale) {
		return !"zh".equals(locale.getLanguage()) && this.summaryEn != null && !this.summaryEn.isBlank()
				? this.summaryEn : this.summary;
	}

	/** The names of the items. */
	public List<String> itemNames() {
		return this.items.stream().map(DataItem::name).toList();
	}
}
