package org.unigov.notifications.internal;

import org.springframework.http.HttpStatus;
import org.unigov.shared.problem.ErrorCode;

/** Why a notification request was refused. */
public enum NotificationError implements ErrorCode {

	NOT_FOUND("notification_not_found", HttpStatus.NOT_FOUND),
	STAFF_ONLY("notifications_staff_only", HttpStatus.FORBIDDEN),
	INVALID_ADDRESS("mail_address_invalid", HttpStatus.UNPROCESSABLE_CONTENT),
	NO_MAILBOX("mailbox_not_set", HttpStatus.NOT_FOUND);

	private final Spec spec;

	NotificationError(String code, HttpStatus status) {
		this.spec = new Spec(code, status);
	}

	@Override
	public Spec spec() {
		return this.spec;
	}
}
