package org.unigov.notifications.internal;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.unigov.shared.ChinaTime;
import org.unigov.shared.PublicUrl;
import tools.jackson.databind.json.JsonMapper;

/**
 * Works off the delivery outbox: every few seconds it claims what is due, sends it, and records
 * the outcome. A failed attempt is tried again after a delay that doubles (from
 * {@code unigov.notifications.retry-delay}, at most 6 hours) until {@code max-attempts}; a webhook
 * target refused by the address rules is given up at once.
 */
@Component
@EnableConfigurationProperties(NotificationSettings.class)
public class DeliveryRunner {

	private static final Logger log = LoggerFactory.getLogger(DeliveryRunner.class);

	private static final Duration LEASE = Duration.ofMinutes(2);

	private static final Duration MAX_DELAY = Duration.ofHours(6);

	private final Deliveries deliveries;

	private final NotificationRows rows;

	private final NotificationSettings settings;

	private final NotificationTexts texts;

	private final Mailer mailer;

	private final WebhookSender webhook;

	private final PublicUrl publicUrl;

	private final JsonMapper json;

	DeliveryRunner(Deliveries deliveries, NotificationRows rows, NotificationSettings settings, NotificationTexts texts,
			Mailer mailer, WebhookSender webhook, PublicUrl publicUrl, JsonMapper json) {
		this.deliveries = deliveries;
		this.rows = rows;
		this.settings = settings;
		this.texts = texts;
		this.mailer = mailer;
		this.webhook = webhook;
		this.publicUrl = publicUrl;
		this.json = json;
	}

	@Scheduled(initialDelayString = "PT20S", fixedDelayString = "PT10S")
	void scheduled() {
		runDue();
	}

	/** Sends every delivery that is due now; returns how many were sent. */
	public int runDue() {
		int sent = 0;
		for (Deliveries.Delivery delivery : this.deliveries.claimDue(50, LEASE)) {
			Notification notification = this.rows.get(delivery.notificationId()).orElse(null);
			if (notification == null) {
				continue; // deleted with its notification
			}
			try {
				if ("mail".equals(delivery.channel())) {
					mail(delivery, notification);
				}
				else {
					this.webhook.post(delivery.target(), delivery.id().toString(), notification.kind(), payload(notification));
				}
				this.deliveries.sent(delivery.id());
				sent++;
			}
			catch (WebhookSender.RefusedTarget ex) {
				log.warn("Webhook {} refused: {}", delivery.target(), ex.getMessage());
				this.deliveries.failed(delivery.id(), "refused: " + ex.getMessage(), null);
			}
			catch (Exception ex) {
				int attempt = delivery.attempts() + 1;
				Duration retry = attempt >= this.settings.getMaxAttempts() ? null : delay(attempt);
				log.warn("Notification {} to {} by {} failed (attempt {}): {}", notification.id(), delivery.target(),
						delivery.channel(), attempt, ex.toString());
				this.deliveries.failed(delivery.id(), ex.toString(), retry);
			}
		}
		return sent;
	}

	private Duration delay(int attempt) {
		Duration delay = this.settings.getRetryDelay().multipliedBy(1L << Math.min(attempt - 1, 20));
		return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
	}

	private void mail(Deliveries.Delivery delivery, Notification notification) throws Exception {
		String title = this.texts.title(notification, NotificationTexts.CHINESE);
		String subject = this.texts.message("notification.mail.subject", NotificationTexts.CHINESE,
				this.texts.message("app.name", NotificationTexts.CHINESE), title);
		String text = this.texts.message("notification.mail.body", NotificationTexts.CHINESE, title,
				link(notification));
		this.mailer.send(delivery.target(), subject, text);
	}

	/** The webhook's JSON: what happened, for whom, in both languages, and where to act. */
	String payload(Notification notification) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", notification.id().toString());
		body.put("kind", notification.kind());
		body.put("recipient", notification.recipient());
		body.put("title", this.texts.title(notification, NotificationTexts.CHINESE));
		body.put("titleEn", this.texts.title(notification, Locale.ENGLISH));
		body.put("subjectType", notification.subjectType());
		body.put("subjectId", notification.subjectId().toString());
		body.put("ref", notification.ref());
		body.put("name", notification.name(NotificationTexts.CHINESE));
		if (notification.due() != null) {
			body.put("due", notification.due());
		}
		if (notification.result() != null) {
			body.put("result", notification.result());
		}
		body.put("link", link(notification));
		body.put("createdAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME
			.format(notification.createdAt().atZone(ChinaTime.ZONE)));
		return this.json.writeValueAsString(body);
	}

	private String link(Notification notification) {
		return this.publicUrl.base() + notification.link();
	}
}
