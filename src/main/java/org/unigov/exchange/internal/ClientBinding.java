package org.unigov.exchange.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An OAuth2 client ({@code client_credentials}) bound to the registered system it calls for: every
 * call it makes is attributed to that system and its agency (S10).
 *
 * @param xroadClient the X-Road client identifier ({@code INSTANCE/CLASS/MEMBER/SUBSYSTEM}) the
 * system may also name itself by in {@code X-Road-Client}
 */
public record ClientBinding(String clientId, UUID systemId, UUID agencyId, String divisionCode,
		@Nullable String xroadClient, Instant boundAt, String boundBy) {
}
