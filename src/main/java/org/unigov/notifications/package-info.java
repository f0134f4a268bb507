/**
 * Telling people they have work: the to-do list on the home page (gathered from each module's
 * public API), in-app notifications with an unread count, created from the events the sharing and
 * projects modules publish, and their delivery by e-mail (SMTP) and to a webhook a province
 * forwards to 政务微信, 钉钉 or SMS. Both deliveries are off by default and configured under
 * {@code unigov.notifications.*}; docs/notifications.md says how.
 */
@NullMarked
@ApplicationModule(displayName = "Notifications",
		allowedDependencies = { "shared", "audit", "identity", "organization", "calendar", "catalog", "sharing", "projects" })
package org.unigov.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
import org.unigov.notifications.internal.Notifications;
