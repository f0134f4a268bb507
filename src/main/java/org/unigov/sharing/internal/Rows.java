package org.unigov.sharing.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.unigov.shared.Coded;
import org.unigov.sharing.Dispute;
import org.unigov.sharing.DisputeOutcome;
import org.unigov.sharing.DisputeTier;
import org.unigov.sharing.EndKind;
import org.unigov.sharing.Grant;
import org.unigov.sharing.GrantStatus;
import org.unigov.sharing.QualityCheck;
import org.unigov.sharing.QualityStatus;
import org.unigov.sharing.RefusalCategory;
import org.unigov.sharing.RequestStatus;
import org.unigov.sharing.SharingRequest;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reading the sharing tables into records. */
public final class Rows {

	private static final TypeReference<Map<String, String>> NOTICE = new TypeReference<>() {
	};

	private Rows() {
	}

	public static SharingRequest request(ResultSet rs, JsonMapper json) throws SQLException {
		String notice = rs.getString("incomplete_notice");
		String refusal = rs.getString("refusal_category");
		return new SharingRequest(uuid(rs, "id"), rs.getString("number"), rs.getString("kind"),
				uuid(rs, "requester_agency_id"), rs.getString("requester_division"), uuid(rs, "consumer_system_id"),
				uuid(rs, "entry_id"), rs.getString("entry_code"), rs.getInt("entry_revision"),
				rs.getString("sharing_type"), uuid(rs, "provider_agency_id"), rs.getString("provider_division"),
				strings(rs.getArray("items")), rs.getString("legal_basis"), rs.getString("use_case"),
				rs.getString("use_scope"), rs.getString("sharing_method"), date(rs, "period_from"),
				date(rs, "period_to"), rs.getString("expected_volume"), rs.getObject("renews_grant_id", UUID.class),
				Coded.parse(RequestStatus.class, rs.getString("status")).orElseThrow(), instant(rs, "filed_at"),
				rs.getString("filed_by"), date(rs, "clock_start"), rs.getInt("reply_days"), (Integer) rs.getObject("extension_requested"), rs.getInt("extension_days"),
				rs.getString("extension_state"), rs.getString("extension_reason"), date(rs, "reply_due"),
				rs.getBoolean("reply_provisional"), nullableInstant(rs, "replied_at"), rs.getObject("replied_on", LocalDate.class),
				(Integer) rs.getObject("reply_working_days"), rs.getString("replied_by"),
				notice == null ? null : json.readValue(notice, NOTICE), nullableInstant(rs, "incomplete_at"),
				refusal == null ? null : Coded.parse(RefusalCategory.class, refusal).orElseThrow(),
				rs.getString("refusal_reasons"), (Integer) rs.getObject("refusal_condition"),
				rs.getObject("delivery_due", LocalDate.class), nullableInstant(rs, "delivered_at"),
				rs.getObject("delivered_on", LocalDate.class), rs.getString("delivery_method"),
				rs.getString("delivery_note"), nullableInstant(rs, "escalated_at"),
				nullableInstant(rs, "delivery_escalated_at"), rs.getLong("version"));
	}

	public static Grant grant(ResultSet rs, int n) throws SQLException {
		String endKind = rs.getString("end_kind");
		return new Grant(uuid(rs, "id"), uuid(rs, "request_id"), uuid(rs, "consumer_system_id"),
				uuid(rs, "consumer_agency_id"), rs.getString("consumer_division"), uuid(rs, "provider_agency_id"),
				rs.getString("provider_division"), uuid(rs, "entry_id"), rs.getString("entry_code"),
				strings(rs.getArray("items")), rs.getString("purpose"), date(rs, "valid_from"), date(rs, "valid_to"),
				rs.getInt("rate_limit_per_minute"), Coded.parse(GrantStatus.class, rs.getString("status")).orElseThrow(),
				instant(rs, "issued_at"), nullableInstant(rs, "suspended_at"), rs.getString("suspension_reason"),
				rs.getObject("correction_due", LocalDate.class), rs.getString("correction_reported"),
				nullableInstant(rs, "ended_at"), endKind == null ? null : Coded.parse(EndKind.class, endKind).orElseThrow(),
				rs.getString("end_reason"), rs.getString("consultation_note"), nullableInstant(rs, "filed_at"),
				rs.getString("disposal_method"), rs.getObject("disposal_on", LocalDate.class), rs.getString("disposal_note"),
				nullableInstant(rs, "disposal_recorded_at"), rs.getLong("version"));
	}

	public static Dispute dispute(ResultSet rs, int n) throws SQLException {
		String outcome = rs.getString("outcome");
		return new Dispute(uuid(rs, "id"), uuid(rs, "request_id"),
				Coded.parse(DisputeTier.class, rs.getString("tier")).orElseThrow(), rs.getString("coordinator_division"),
				"open".equals(rs.getString("status")), instant(rs, "opened_at"), rs.getString("opened_by"),
				rs.getString("grounds"), outcome == null ? null : Coded.parse(DisputeOutcome.class, outcome).orElseThrow(),
				rs.getString("resolution"), nullableInstant(rs, "resolved_at"), rs.getString("resolved_by"),
				rs.getLong("version"));
	}

	public static QualityCheck check(ResultSet rs, int n) throws SQLException {
		return new QualityCheck(uuid(rs, "id"), uuid(rs, "entry_id"), rs.getString("entry_code"),
				uuid(rs, "provider_agency_id"), uuid(rs, "requester_agency_id"), rs.getObject("grant_id", UUID.class),
				strings(rs.getArray("items")), rs.getString("description"), instant(rs, "filed_at"),
				rs.getString("filed_by"), date(rs, "filed_on"), date(rs, "due"),
				Coded.parse(QualityStatus.class, rs.getString("status")).orElseThrow(), rs.getString("answer"),
				nullableInstant(rs, "answered_at"), rs.getObject("answered_on", LocalDate.class),
				rs.getString("answered_by"), rs.getLong("version"));
	}

	public static UUID uuid(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, UUID.class);
	}

	public static LocalDate date(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, LocalDate.class);
	}

	public static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	public static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	public static List<String> strings(@Nullable Array array) throws SQLException {
		return array == null ? List.of() : List.of((String[]) array.getArray());
	}
}
