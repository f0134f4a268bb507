package org.unigov.notifications.internal;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** A notification's sentence in a language, from the message bundles ({@code notification.<kind>}). */
@Component
public class NotificationTexts {

	public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

	private final MessageSource messages;

	NotificationTexts(MessageSource messages) {
		this.messages = messages;
	}

	public String title(Notification notification, Locale locale) {
		String third = notification.due() != null ? notification.due()
				: notification.result() != null ? this.messages.getMessage("notification.result." + notification.result(),
						null, notification.result(), locale) : "";
		return this.messages.getMessage("notification." + notification.kind(),
				new Object[] { notification.ref(), notification.name(locale), third }, notification.kind(), locale);
	}

	public String message(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, key, locale);
	}
}
