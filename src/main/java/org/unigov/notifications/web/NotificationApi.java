package org.unigov.notifications.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.unigov.notifications.internal.Mailbox;
import org.unigov.notifications.internal.Notification;
import org.unigov.notifications.internal.NotificationError;
import org.unigov.notifications.internal.NotificationTexts;
import org.unigov.notifications.internal.Notifications;
import org.unigov.notifications.internal.WorkItem;
import org.unigov.notifications.internal.WorkList;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.UnigovException;

/**
 * The signed-in person's notifications and to-do list over JSON. Only the recipient reads or marks
 * a notification; another's is answered 404 notification_not_found. Marking read is audited.
 */
@RestController
@RequestMapping("/api/v1/notifications")
@PreAuthorize(Access.ANY_STAFF)
@Tag(name = "Notifications")
class NotificationApi {

	private final Notifications notifications;

	private final WorkList work;

	private final NotificationTexts texts;

	NotificationApi(Notifications notifications, WorkList work, NotificationTexts texts) {
		this.notifications = notifications;
		this.work = work;
		this.texts = texts;
	}

	record NotificationView(UUID id, String kind, String title, String subjectType, UUID subjectId,
			Map<String, String> params, String link, Instant createdAt, @Nullable Instant readAt, boolean unread) {

		static NotificationView of(Notification n, String title) {
			return new NotificationView(n.id(), n.kind(), title, n.subjectType(), n.subjectId(), n.params(), n.link(),
					n.createdAt(), n.readAt(), n.unread());
		}
	}

	record MailboxRequest(@Nullable @Size(max = 254) String address, @Nullable Boolean enabled) {
	}

	@GetMapping
	@Operation(summary = "My notifications, newest first (unread=true for the unread only)")
	Page<NotificationView> list(@RequestParam(defaultValue = "false") boolean unread, Pageable pageable, Locale locale) {
		return this.notifications.inbox(Actor.current(), unread, pageable)
			.map(n -> NotificationView.of(n, this.texts.title(n, locale)));
	}

	@GetMapping("/unread-count")
	@Operation(summary = "How many of my notifications are unread")
	Map<String, Long> unreadCount() {
		return Map.of("unread", this.notifications.unread(Actor.current()));
	}

	@GetMapping("/{id}")
	@Operation(summary = "One of my notifications")
	NotificationView get(@PathVariable UUID id, Locale locale) {
		Notification n = this.notifications.get(Actor.current(), id);
		return NotificationView.of(n, this.texts.title(n, locale));
	}

	@PostMapping("/{id}/read")
	@Operation(summary = "Mark one of my notifications read (audited: notification.read)")
	NotificationView read(@PathVariable UUID id, Locale locale) {
		Notification n = this.notifications.markRead(Actor.current(), id);
		return NotificationView.of(n, this.texts.title(n, locale));
	}

	@PostMapping("/read-all")
	@Operation(summary = "Mark all my notifications read (audited: notification.read-all)")
	Map<String, Integer> readAll() {
		return Map.of("marked", this.notifications.markAllRead(Actor.current()));
	}

	@GetMapping("/todo")
	@Operation(summary = "What waits for me: overdue first, then by due date")
	List<WorkItem> todo(Locale locale) {
		return this.work.of(Actor.current(), locale);
	}

	@GetMapping("/mailbox")
	@Operation(summary = "The e-mail address my notifications are sent to (404 when none)")
	Mailbox mailbox() {
		Actor actor = Actor.current();
		return this.notifications.mailbox(actor)
			.orElseThrow(() -> new UnigovException(
					NotificationError.NO_MAILBOX,
					"No e-mail address is set for your notifications; PUT one to receive them by mail."));
	}

	@PutMapping("/mailbox")
	@Operation(summary = "Set the e-mail address my notifications are sent to (audited: notification.mailbox.set)")
	ResponseEntity<Mailbox> setMailbox(@Valid @RequestBody MailboxRequest request) {
		// an empty address removes the mailbox: nothing to return then
		return this.notifications
			.setMailbox(Actor.current(), request.address(), request.enabled() == null || request.enabled())
			.map(ResponseEntity::ok)
			.orElseGet(() -> ResponseEntity.noContent().build());
	}

	@DeleteMapping("/mailbox")
	@Operation(summary = "Stop e-mailing my notifications (audited: notification.mailbox.removed)")
	ResponseEntity<Void> removeMailbox() {
		this.notifications.setMailbox(Actor.current(), null, false);
		return ResponseEntity.noContent().build();
	}
}
