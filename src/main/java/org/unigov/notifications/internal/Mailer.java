package org.unigov.notifications.internal;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends one notification e-mail through the SMTP server of {@code unigov.notifications.mail.*}.
 * The sender is built from the settings on each delivery: deliveries are few, and a changed
 * setting applies at once.
 */
@Component
class Mailer {

	private final NotificationSettings settings;

	Mailer(NotificationSettings settings) {
		this.settings = settings;
	}

	void send(String to, String subject, String text) throws MessagingException, MailException {
		NotificationSettings.Mail mail = this.settings.getMail();
		if (!mail.isEnabled() || mail.getHost().isBlank()) {
			throw new IllegalStateException("e-mail delivery is off (unigov.notifications.mail.enabled/host)");
		}
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost(mail.getHost());
		sender.setPort(mail.getPort());
		sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
		Properties props = new Properties();
		String timeout = Long.toString(mail.getTimeout().toMillis());
		props.put("mail.smtp.connectiontimeout", timeout);
		props.put("mail.smtp.timeout", timeout);
		props.put("mail.smtp.writetimeout", timeout);
		if (!mail.getUsername().isBlank()) {
			sender.setUsername(mail.getUsername());
			sender.setPassword(mail.getPassword());
			props.put("mail.smtp.auth", "true");
		}
		if (mail.isStarttls()) {
			props.put("mail.smtp.starttls.enable", "true");
			props.put("mail.smtp.starttls.required", "true");
		}
		if (mail.isSsl()) {
			props.put("mail.smtp.ssl.enable", "true");
			props.put("mail.smtp.ssl.checkserveridentity", "true");
		}
		sender.setJavaMailProperties(props);
		MimeMessage message = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
		helper.setFrom(mail.getFrom().isBlank() ? "unigov@" + mail.getHost() : mail.getFrom());
		helper.setTo(to);
		helper.setSubject(subject);
		helper.setText(text);
		sender.send(message);
	}
}
