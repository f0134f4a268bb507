package org.unigov.notifications.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Posts a notification as JSON to a webhook, signed so that the receiver can tell it came from
 * Unigov and was not changed: {@code X-Unigov-Signature: sha256=<hex HMAC-SHA256(secret,
 * timestamp + "." + body)>} with the timestamp (Unix seconds) in {@code X-Unigov-Timestamp}.
 * docs/notifications.md shows how to verify it.
 */
@Component
class WebhookSender {

	static final String SIGNATURE = "X-Unigov-Signature";

	static final String TIMESTAMP = "X-Unigov-Timestamp";

	private final NotificationSettings settings;

	private final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	WebhookSender(NotificationSettings settings) {
		this.settings = settings;
	}

	/** Posts {@code body}; throws with the reason when the target is refused or does not answer 2xx. */
	void post(String url, String deliveryId, String kind, String body) throws Exception {
		NotificationSettings.Webhook webhook = this.settings.getWebhook();
		if (!webhook.isEnabled()) {
			throw new IllegalStateException("webhook delivery is off (unigov.notifications.webhook.enabled)");
		}
		if (webhook.getSecret().length() < 16) {
			throw new IllegalStateException("unigov.notifications.webhook.secret must be at least 16 characters");
		}
		String refusal = WebhookAddresses.refusal(url, webhook.getAllowedNetworks());
		if (refusal != null) {
			throw new RefusedTarget(refusal);
		}
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.timeout(webhook.getTimeout())
			.header("Content-Type", "application/json; charset=utf-8")
			.header("User-Agent", "Unigov-Webhook/1")
			.header("X-Unigov-Event", kind)
			.header("X-Unigov-Delivery", deliveryId)
			.header(TIMESTAMP, timestamp)
			.header(SIGNATURE, "sha256=" + sign(webhook.getSecret(), timestamp, body))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		HttpResponse<Void> response = this.client.send(request, HttpResponse.BodyHandlers.discarding());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException("the webhook answered HTTP " + response.statusCode());
		}
	}

	/** The hex HMAC-SHA256 of {@code timestamp + "." + body} under {@code secret}. */
	static String sign(String secret, String timestamp, String body) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
	}

	/** A target that is never posted to, so not tried again. */
	static class RefusedTarget extends Exception {

		RefusedTarget(String reason) {
			super(reason);
		}
	}
}
