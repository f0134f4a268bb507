package org.unigov.calendar.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.unigov.calendar.WorkingCalendar;
import org.unigov.shared.Actor;
import org.unigov.shared.Role;

/**
 * Reminds the platform admin, on the home page and the calendar page, that next year's holiday
 * notice is missing (from 1 November on): the template fragment {@code calendar/notice} shows
 * {@code calendarAwaiting}. A model attribute rather than a call from the home page, so that the
 * web shell needs no dependency on this module.
 */
@ControllerAdvice(annotations = Controller.class)
class CalendarNotice {

	private final WorkingCalendar calendar;

	CalendarNotice(WorkingCalendar calendar) {
		this.calendar = calendar;
	}

	@ModelAttribute
	void awaiting(HttpServletRequest request, Model model) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.equals("/") && !path.equals("/calendar")) {
			return;
		}
		if (!Actor.current().has(Role.PLATFORM_ADMIN)) {
			return;
		}
		// a string, so that the message shows 2027 and not 2,027
		this.calendar.yearAwaitingNotice().ifPresent(year -> model.addAttribute("calendarAwaiting", year.toString()));
	}
}
