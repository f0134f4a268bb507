package org.unigov.shared.web;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A sentence a module computed (an acceptance check's finding, an evaluation's verdict) shown in the
 * page's language: the module keeps a message key and its arguments beside the English sentence it
 * returns over the API, and pages render the key. An argument written {@code #{key}} is itself a
 * message key (a status label, say). Entries stored before the key existed have none: they show
 * their stored sentence. Used by templates as {@code @localText}.
 */
@Component("localText")
public class LocalText {

	private final MessageSource messages;

	LocalText(MessageSource messages) {
		this.messages = messages;
	}

	public String of(@Nullable String key, @Nullable List<String> args, String fallback) {
		if (key == null) {
			return fallback;
		}
		Locale locale = LocaleContextHolder.getLocale();
		Object[] resolved = args == null ? new Object[0] : args.stream().map(a -> resolve(a, locale)).toArray();
		return this.messages.getMessage(key, resolved, fallback, locale);
	}

	private String resolve(String arg, Locale locale) {
		if (arg.startsWith("#{") && arg.endsWith("}")) {
			String key = arg.substring(2, arg.length() - 1);
			return this.messages.getMessage(key, null, key, locale);
		}
		return arg;
	}
}
