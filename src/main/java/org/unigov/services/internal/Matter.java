package org.unigov.services.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A service matter (事项) as stored: the agency that publishes it and the one that decides, the
 * legal basis, who may apply, the time limit in working days, the life events it belongs to, the
 * form's fields and the materials.
 */
public record Matter(UUID id, String code, String name, @Nullable String nameEn, String summary, UUID agencyId,
		UUID decidingAgencyId, String divisionCode, String legalBasis, int timeLimitDays, Applicant applicant,
		List<LifeEvent> lifeEvents, MatterStatus status, List<Field> fields, List<Material> materials, long version,
		Instant createdAt, Instant updatedAt, @Nullable Instant publishedAt) {

	/**
	 * One field of the form; {@code entryCode} and {@code itemName} name the catalog data item
	 * whose authoritative value can prefill it (both or neither).
	 */
	public record Field(String label, @Nullable String labelEn, FieldType type, boolean required,
			@Nullable String entryCode, @Nullable String itemName) {

		public boolean bound() {
			return this.entryCode != null;
		}

		public String label(Locale locale) {
			return "zh".equals(locale.getLanguage()) || this.labelEn == null || this.labelEn.isBlank() ? this.label
					: this.labelEn;
		}
	}

	/** A material the applicant provides; {@code licence}: an electronic licence (电子证照) can stand for it. */
	public record Material(String name, boolean required, boolean licence) {
	}

	/** The same matter with these fields and materials. */
	public Matter withParts(List<Field> newFields, List<Material> newMaterials) {
		return new Matter(this.id, this.code, this.name, this.nameEn, this.summary, this.agencyId, this.decidingAgencyId,
				this.divisionCode, this.legalBasis, this.timeLimitDays, this.applicant, this.lifeEvents, this.status,
				List.copyOf(newFields), List.copyOf(newMaterials), this.version, this.createdAt, this.updatedAt,
				this.publishedAt);
	}

	public String name(Locale locale) {
		return "zh".equals(locale.getLanguage()) || this.nameEn == null || this.nameEn.isBlank() ? this.name
				: this.nameEn;
	}
}
