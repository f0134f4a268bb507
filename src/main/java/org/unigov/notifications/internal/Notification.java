package org.unigov.notifications.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One thing a person was told: {@code kind} chooses the message ({@code notification.<kind>} in the
 * bundles), {@code params} fill it — a reference ({@code ref}: request number or project code), the
 * thing's name in both languages ({@code nameZh}, {@code nameEn}), and a due date ({@code due}) or
 * a result code ({@code result}) — and {@code link} is where the work is done.
 */
public record Notification(UUID id, String recipient, String kind, String subjectType, UUID subjectId,
		Map<String, String> params, String link, Instant createdAt, @Nullable Instant readAt) {

	public Notification {
		params = Map.copyOf(params);
	}

	public boolean unread() {
		return this.readAt == null;
	}

	/** The thing's name in {@code locale}'s language, the Chinese name where there is no English one. */
	public String name(Locale locale) {
		String zh = this.params.getOrDefault("nameZh", "");
		String en = this.params.get("nameEn");
		return "en".equals(locale.getLanguage()) && en != null && !en.isBlank() ? en : zh;
	}

	public String ref() {
		return this.params.getOrDefault("ref", "");
	}

	public @Nullable String due() {
		return this.params.get("due");
	}

	public @Nullable String result() {
		return this.params.get("result");
	}
}
