package org.unigov.sharing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A request to share a catalog entry (S1), with its reply clock (S2), any incompleteness notice or
 * refusal (S3), and its delivery clock once approved (S5).
 *
 * @param kind {@code request}, {@code renewal} of a grant, or {@code return} of data downward (S11)
 * @param clockStart the day the reply clock started: filing, or the supplement of an incomplete request
 * @param replyDays the working days allowed: 1 for unconditional, 10 for conditional entries
 * @param extensionRequested working days of extension the provider asked for
 * @param extensionDays working days added by an approved extension (at most 10, once)
 * @param replyWorkingDays working days the provider took to reply
 * @param incompleteNotice what the provider listed as missing, field by field
 * @param refusalCondition the index of the entry's published condition a refusal cites
 */
public record SharingRequest(UUID id, String number, String kind, UUID requesterAgencyId, String requesterDivision,
		UUID consumerSystemId, UUID entryId, String entryCode, int entryRevision, String sharingType,
		UUID providerAgencyId, String providerDivision, List<String> items, String legalBasis, String useCase,
		String useScope, String sharingMethod, LocalDate periodFrom, LocalDate periodTo, String expectedVolume,
		@Nullable UUID renewsGrantId, RequestStatus status, Instant filedAt, String filedBy, LocalDate clockStart,
		int replyDays, @Nullable Integer extensionRequested, int extensionDays, @Nullable String extensionState, @Nullable String extensionReason,
		LocalDate replyDue, boolean replyProvisional, @Nullable Instant repliedAt, @Nullable LocalDate repliedOn,
		@Nullable Integer replyWorkingDays, @Nullable String repliedBy, @Nullable Map<String, String> incompleteNotice,
		@Nullable Instant incompleteAt, @Nullable RefusalCategory refusalCategory, @Nullable String refusalReasons,
		@Nullable Integer refusalCondition, @Nullable LocalDate deliveryDue, @Nullable Instant deliveredAt,
		@Nullable LocalDate deliveredOn, @Nullable String deliveryMethod, @Nullable String deliveryNote,
		@Nullable Instant escalatedAt, @Nullable Instant deliveryEscalatedAt, long version) {

	public boolean awaitingReply() {
		return this.status == RequestStatus.SUBMITTED;
	}

	public boolean awaitingDelivery() {
		return this.status == RequestStatus.APPROVED && this.deliveredAt == null;
	}
}
