package org.unigov.sharing;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.unigov.shared.ident.PlainText;

/**
 * What a requesting department states (S1). The statutory statements — legal basis, use case,
 * use scope, sharing method, period of use — are checked together, and every one missing is
 * listed in one answer.
 *
 * @param entryId the published catalog entry requested
 * @param consumerSystemId the requesting agency's registered system that will use the data
 * @param items the data items needed, a subset of the entry's
 * @param renewsGrantId the grant this request renews, if it is a renewal
 */
public record RequestInput(@NotNull UUID entryId, @NotNull UUID consumerSystemId,
		@Nullable @Size(max = 500) List<@NotNull @Size(max = 50) String> items,
		@Nullable @Size(max = 500) @PlainText(multiline = true) String legalBasis,
		@Nullable @Size(max = 1000) @PlainText(multiline = true) String useCase,
		@Nullable @Size(max = 500) @PlainText(multiline = true) String useScope,
		@Nullable @Size(max = 30) String sharingMethod, @Nullable LocalDate periodFrom, @Nullable LocalDate periodTo,
		@Nullable @Size(max = 200) @PlainText String expectedVolume, @Nullable UUID renewsGrantId) {
}
