package org.unigov.services.internal;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** What an agency writes when it drafts or edits a matter; checked by {@link MatterDesk}. */
public record MatterInput(String name, @Nullable String nameEn, @Nullable String summary, String legalBasis,
		int timeLimitDays, Applicant applicant, List<LifeEvent> lifeEvents, @Nullable UUID decidingAgencyId,
		List<Matter.Field> fields, List<Matter.Material> materials) {
}
