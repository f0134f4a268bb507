package org.unigov.notifications.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.unigov.notifications.internal.Notification;
import org.unigov.notifications.internal.NotificationTexts;
import org.unigov.notifications.internal.Notifications;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;
import org.unigov.shared.problem.UnigovException;

/**
 * The notifications page: the signed-in person's notifications, newest first, paged; opening one
 * marks it read and goes where the work is done; all can be marked read at once; and the e-mail
 * address notifications are also sent to.
 */
@Controller
@PreAuthorize(Access.ANY_STAFF)
class NotificationPages {

	private final Notifications notifications;

	private final NotificationTexts texts;

	NotificationPages(Notifications notifications, NotificationTexts texts) {
		this.notifications = notifications;
		this.texts = texts;
	}

	/** One line of the list: the notification and its sentence in the page's language. */
	record Row(Notification notification, String title) {
	}

	@GetMapping("/notifications")
	String list(@RequestParam(defaultValue = "false") boolean unread, @RequestParam(defaultValue = "0") int page,
			Model model, Locale locale) {
		Actor actor = Actor.current();
		Page<Notification> found = this.notifications.inbox(actor, unread, PageRequest.of(Math.max(0, page), 20));
		List<Row> rows = found.getContent().stream().map(n -> new Row(n, this.texts.title(n, locale))).toList();
		model.addAttribute("page", found);
		model.addAttribute("rows", rows);
		model.addAttribute("unreadOnly", unread);
		model.addAttribute("mailbox", this.notifications.mailbox(actor).orElse(null));
		model.addAttribute("mailEnabled", this.notifications.mailEnabled());
		return "notifications/index";
	}

	/** Marks the notification read and goes to where its work is done. */
	@PostMapping("/notifications/{id}/open")
	String open(@PathVariable UUID id) {
		Notification notification = this.notifications.markRead(Actor.current(), id);
		return "redirect:" + notification.link();
	}

	@PostMapping("/notifications/{id}/read")
	String read(@PathVariable UUID id, RedirectAttributes redirect) {
		this.notifications.markRead(Actor.current(), id);
		redirect.addFlashAttribute("notice", "notifications.marked");
		return "redirect:/notifications";
	}

	@PostMapping("/notifications/read-all")
	String readAll(RedirectAttributes redirect) {
		int marked = this.notifications.markAllRead(Actor.current());
		redirect.addFlashAttribute("notice", "notifications.markedAll");
		redirect.addFlashAttribute("noticeCount", marked);
		return "redirect:/notifications";
	}

	@PostMapping("/notifications/mailbox")
	String mailbox(@RequestParam(required = false) @Nullable String address,
			@RequestParam(defaultValue = "false") boolean enabled, Model model, Locale locale,
			RedirectAttributes redirect) {
		try {
			this.notifications.setMailbox(Actor.current(), address, enabled);
		}
		catch (UnigovException ex) {
			model.addAttribute("mailboxError", ex);
			model.addAttribute("addressInput", address);
			return list(false, 0, model, locale);
		}
		redirect.addFlashAttribute("notice", "notifications.mailbox.saved");
		return "redirect:/notifications";
	}
}
