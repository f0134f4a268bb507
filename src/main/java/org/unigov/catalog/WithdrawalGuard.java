package org.unigov.catalog;

import java.util.List;
import java.util.UUID;

/**
 * Asked before an entry is withdrawn. The sharing module answers with what still depends on the
 * entry (active grants): a provider may not end a sharing service by withdrawing its entry (S7).
 */
public interface WithdrawalGuard {

	/** Why the entry cannot be withdrawn now; empty when it can. */
	List<String> blockers(UUID entryId);
}
