package org.unigov.exchange;

import java.util.UUID;

/** A data service was registered, changed, disabled or enabled; the gateway reloads it. */
public record DataServicesChanged(UUID serviceId, String entryCode) {
}
