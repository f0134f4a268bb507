package org.unigov.notifications.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.notifications.internal.Deliveries;
import org.unigov.notifications.internal.Mailboxes;
import org.unigov.notifications.internal.NotificationRows;
import org.unigov.notifications.internal.NotificationSettings;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.problem.UnigovException;

/**
 * In-app notifications: told to one person each, read only by that person. A notification is
 * written in the transaction of the change that caused it, together with its e-mail and webhook
 * deliveries when those are configured (an outbox: sent after the commit, retried on failure).
 *
 * <p>Who may do what: every signed-in staff member reads, opens and marks read their own
 * notifications and sets their own e-mail address; nobody sees another's. Marking read and
 * changing the address are audited; creating a notification is not, since the change that caused
 * it is.
 */
@Service
@Transactional
public class Notifications {

	/** A plain address check: one @, a dot in the domain, no spaces or angle brackets. */
	private static final Pattern ADDRESS = Pattern.compile("^[^\\s@<>\",;]{1,64}@[^\\s@<>\",;]+\\.[^\\s@<>\",;]+$");

	private final NotificationRows rows;

	private final Mailboxes mailboxes;

	private final Deliveries deliveries;

	private final NotificationSettings settings;

	private final AuditJournal journal;

	Notifications(NotificationRows rows, Mailboxes mailboxes, Deliveries deliveries, NotificationSettings settings,
			AuditJournal journal) {
		this.rows = rows;
		this.mailboxes = mailboxes;
		this.deliveries = deliveries;
		this.settings = settings;
		this.journal = journal;
	}

	/**
	 * Tells each of {@code recipients} (usernames) once, and queues the e-mail to those who chose
	 * an address and the webhook posts, when those deliveries are on. Must run inside the
	 * transaction of the change it reports.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int tell(Collection<String> recipients, String kind, String subjectType, UUID subjectId,
			Map<String, String> params, String link) {
		int told = 0;
		for (String recipient : new LinkedHashSet<>(recipients)) {
			UUID id = UUID.randomUUID();
			this.rows.insert(id, recipient, kind, subjectType, subjectId, params, link);
			told++;
			if (this.settings.getMail().isEnabled()) {
				this.mailboxes.get(recipient)
					.filter(Mailbox::enabled)
					.ifPresent(box -> this.deliveries.enqueue(id, "mail", box.address()));
			}
			if (this.settings.getWebhook().isEnabled()) {
				this.settings.getWebhook()
					.getUrls()
					.stream()
					.filter(url -> !url.isBlank())
					.forEach(url -> this.deliveries.enqueue(id, "webhook", url.strip()));
			}
		}
		return told;
	}

	@Transactional(readOnly = true)
	public Page<Notification> inbox(Actor actor, boolean unreadOnly, Pageable pageable) {
		return this.rows.inbox(staff(actor), unreadOnly, pageable);
	}

	/** The actor's unread count; 0 for anyone who is not staff. */
	@Transactional(readOnly = true)
	public long unread(Actor actor) {
		return actor.kind() == Actor.Kind.STAFF ? this.rows.unread(actor.username()) : 0;
	}

	@Transactional(readOnly = true)
	public Notification get(Actor actor, UUID id) {
		String me = staff(actor);
		return this.rows.get(id)
			.filter(n -> n.recipient().equals(me))
			.orElseThrow(() -> UnigovException.notFound(NotificationError.NOT_FOUND, "Notification", id));
	}

	/** Marks one of the actor's notifications read (audited: notification.read); idempotent. */
	public Notification markRead(Actor actor, UUID id) {
		Notification notification = get(actor, id);
		if (this.rows.markRead(id)) {
			this.journal.append(actor, AuditRecord.of("notification.read", "notification", id, actor.divisionCode(),
					Map.of("kind", notification.kind(), "subject", notification.subjectType() + ":" + notification.subjectId())));
		}
		return get(actor, id);
	}

	/** Marks every unread notification of the actor read (audited: notification.read-all with the count). */
	public int markAllRead(Actor actor) {
		String me = staff(actor);
		int marked = this.rows.markAllRead(me);
		if (marked > 0) {
			this.journal.append(actor, AuditRecord.of("notification.read-all", "notification-inbox", me,
					actor.divisionCode(), Map.of("count", marked)));
		}
		return marked;
	}

	@Transactional(readOnly = true)
	public Optional<Mailbox> mailbox(Actor actor) {
		return this.mailboxes.get(staff(actor));
	}

	/**
	 * Sets the address the actor's notifications are e-mailed to (audited: notification.mailbox.set).
	 * A blank address removes it (audited: notification.mailbox.removed).
	 */
	public Optional<Mailbox> setMailbox(Actor actor, @Nullable String address, boolean enabled) {
		String me = staff(actor);
		String cleaned = address == null ? "" : address.strip();
		if (cleaned.isEmpty()) {
			if (this.mailboxes.delete(me)) {
				this.journal.append(actor, AuditRecord.of("notification.mailbox.removed", "notification-inbox", me,
						actor.divisionCode(), Map.of()));
			}
			return Optional.empty();
		}
		if (cleaned.length() > 254 || !ADDRESS.matcher(cleaned).matches()) {
			throw UnigovException.invalid(NotificationError.INVALID_ADDRESS, "That is not an e-mail address.",
					List.of(new FieldProblem("address", "mail_address_invalid", "Enter an address like name@example.gov.cn.")));
		}
		this.mailboxes.save(me, cleaned, enabled);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("address", cleaned);
		details.put("enabled", enabled);
		this.journal.append(actor, AuditRecord.of("notification.mailbox.set", "notification-inbox", me,
				actor.divisionCode(), details));
		return this.mailboxes.get(me);
	}

	/** Whether e-mail delivery is configured at all (the page says so when it is not). */
	public boolean mailEnabled() {
		return this.settings.getMail().isEnabled();
	}

	private static String staff(Actor actor) {
		if (actor.kind() != Actor.Kind.STAFF) {
			throw new UnigovException(NotificationError.STAFF_ONLY, "Notifications are for signed-in staff.");
		}
		return actor.username();
	}
}
