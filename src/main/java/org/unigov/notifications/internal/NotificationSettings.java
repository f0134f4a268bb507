package org.unigov.notifications.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code unigov.notifications.*}: the e-mail and webhook deliveries, both off by default.
 * docs/notifications.md describes every key. Read on each delivery, so a test (or an operator
 * through a restart-free reload) sees a change at the next attempt.
 */
@ConfigurationProperties("unigov.notifications")
public class NotificationSettings {

	private final Mail mail = new Mail();

	private final Webhook webhook = new Webhook();

	/** How many times a delivery is tried before it is given up (marked failed). */
	private int maxAttempts = 8;

	/** The first wait after a failed attempt; doubled at each further failure, at most 6 hours. */
	private Duration retryDelay = Duration.ofMinutes(1);

	public Mail getMail() {
		return this.mail;
	}

	public Webhook getWebhook() {
		return this.webhook;
	}

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	public Duration getRetryDelay() {
		return this.retryDelay;
	}

	public void setRetryDelay(Duration retryDelay) {
		this.retryDelay = retryDelay;
	}

	/** The SMTP server notifications are sent through. */
	public static class Mail {

		private boolean enabled;

		private String host = "";

		private int port = 25;

		private String username = "";

		private String password = "";

		/** STARTTLS is required (not just offered) when true. */
		private boolean starttls;

		/** The whole connection is TLS (SMTPS, usually port 465). */
		private boolean ssl;

		private String from = "";

		private Duration timeout = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = host;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public String getUsername() {
			return this.username;
		}

		public void setUsername(String username) {
			this.username = username;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

		public boolean isStarttls() {
			return this.starttls;
		}

		public void setStarttls(boolean starttls) {
			this.starttls = starttls;
		}

		public boolean isSsl() {
			return this.ssl;
		}

		public void setSsl(boolean ssl) {
			this.ssl = ssl;
		}

		public String getFrom() {
			return this.from;
		}

		public void setFrom(String from) {
			this.from = from;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}
	}

	/** Where every notification is also posted, as signed JSON. */
	public static class Webhook {

		private boolean enabled;

		private List<String> urls = new ArrayList<>();

		/** The HMAC-SHA256 key of the signature header; required when enabled. */
		private String secret = "";

		/**
		 * CIDR blocks of loopback or private addresses a webhook may nevertheless reach (a forwarder
		 * inside the government network); other such addresses are refused.
		 */
		private List<String> allowedNetworks = new ArrayList<>();

		private Duration timeout = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getUrls() {
			return this.urls;
		}

		public void setUrls(List<String> urls) {
			this.urls = new ArrayList<>(urls);
		}

		public String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret == null ? "" : secret;
		}

		public List<String> getAllowedNetworks() {
			return this.allowedNetworks;
		}

		public void setAllowedNetworks(List<String> allowedNetworks) {
			this.allowedNetworks = new ArrayList<>(allowedNetworks);
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}
	}
}
