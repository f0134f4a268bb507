package org.unigov.notifications.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.unigov.notifications.internal.Notifications;
import org.unigov.notifications.internal.WorkList;
import org.unigov.shared.Actor;

/**
 * Puts the unread count into every page's header ({@code unreadNotifications}, shown by the layout
 * for signed-in staff) and the to-do list into the home page ({@code todo}, the fragment
 * {@code notifications/todo}). A model attribute rather than a call from the web shell, so that the
 * shell needs no dependency on this module.
 */
@ControllerAdvice(annotations = Controller.class)
class NotificationFrame {

	private final Notifications notifications;

	private final WorkList work;

	NotificationFrame(Notifications notifications, WorkList work) {
		this.notifications = notifications;
		this.work = work;
	}

	@ModelAttribute
	void frame(HttpServletRequest request, Model model, Locale locale) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Actor actor = Actor.current();
		if (path.startsWith("/api/") || actor.kind() != Actor.Kind.STAFF) {
			return;
		}
		model.addAttribute("unreadNotifications", this.notifications.unread(actor));
		if (path.equals("/")) {
			model.addAttribute("todo", this.work.of(actor, locale));
		}
	}
}
