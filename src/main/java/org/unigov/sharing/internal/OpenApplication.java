package org.unigov.sharing.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An application by a citizen or an enterprise for conditionally open public data (有条件开放),
 * with the providing department's reply clock (10 working days, as for conditional sharing, S2).
 *
 * @param applicantKind {@code person} or {@code organization}
 * @param reply the provider's answer: how and on what terms the data is provided, or the reasons
 * for refusing
 */
public record OpenApplication(UUID id, String number, UUID entryId, String entryCode, String entryName,
		UUID providerAgencyId, String providerDivision, UUID applicantAccount, String applicantUsername,
		String applicantKind, String applicantName, @Nullable String organizationCode, String contact, String purpose,
		List<String> items, LocalDate periodFrom, LocalDate periodTo, String status, Instant filedAt, LocalDate replyDue,
		boolean replyProvisional, @Nullable Instant repliedAt, @Nullable String repliedBy, @Nullable String reply,
		@Nullable Instant escalatedAt, long version) {

	public boolean awaitingReply() {
		return "submitted".equals(this.status);
	}
}
