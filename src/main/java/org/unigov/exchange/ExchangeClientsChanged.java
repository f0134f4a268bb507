package org.unigov.exchange;

/** A client was bound to a system or unbound; the gateway forgets what it cached for it. */
public record ExchangeClientsChanged(String clientId) {
}
