package org.unigov.notifications.internal;

/** The e-mail address a person chose to receive their notifications at, and whether they want them. */
public record Mailbox(String username, String address, boolean enabled, long version) {
}
