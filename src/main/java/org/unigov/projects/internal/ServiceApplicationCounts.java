package org.unigov.projects.internal;

import java.time.YearMonth;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The seam for service-application counts (网上办件量), which the services module will provide:
 * how many applications a registered system handled in a month. Until a module supplies a bean of
 * this type, {@link #NONE} answers "not measured" and evaluation takes the agency's reported value,
 * marked self-reported.
 */
public interface ServiceApplicationCounts {

	/** Applications the system handled in the month, or empty when nothing measures it. */
	OptionalLong applications(UUID systemId, YearMonth month);

	ServiceApplicationCounts NONE = (systemId, month) -> OptionalLong.empty();
}
