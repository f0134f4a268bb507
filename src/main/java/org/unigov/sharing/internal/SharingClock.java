package org.unigov.sharing.internal;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the statutory clocks: every ten minutes overdue replies and deliveries go to the
 * coordinator, grants past their validity expire, and suspended grants past their correction
 * deadline end. Each step is idempotent, so several instances may run it.
 */
@Component
class SharingClock {

	private static final Logger log = LoggerFactory.getLogger(SharingClock.class);

	private final DeadlineClock deadlines;

	private final GrantDesk grants;

	private final OpenApplications applications;

	SharingClock(DeadlineClock deadlines, GrantDesk grants, OpenApplications applications) {
		this.deadlines = deadlines;
		this.grants = grants;
		this.applications = applications;
	}

	@Scheduled(initialDelay = 1, fixedDelay = 10, timeUnit = TimeUnit.MINUTES)
	void tick() {
		try {
			int escalated = this.deadlines.escalateOverdue() + this.applications.escalateOverdue();
			int changed = this.grants.expireAndEnd();
			if (escalated + changed > 0) {
				log.info("Sharing clock: {} overdue request(s) escalated, {} grant(s) expired or ended", escalated, changed);
			}
		}
		catch (RuntimeException ex) {
			log.error("Sharing clock failed; it runs again in ten minutes", ex);
		}
	}
}
