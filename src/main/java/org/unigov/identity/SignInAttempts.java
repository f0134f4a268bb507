package org.unigov.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.shared.Actor;

/**
 * Throttles password guessing: after {@code unigov.security.lock-after} failed sign-ins in a row
 * (default 5) an account is locked for {@code unigov.security.lock-for} (default 15 minutes), and
 * a locked account is refused even with the right password. The lock and every successful form
 * sign-in are written to the audit chain.
 */
@Component
class SignInAttempts {

	private final Accounts accounts;

	private final Actors actors;

	private final AuditJournal journal;

	private final Clock clock;

	private final int lockAfter;

	private final Duration lockFor;

	SignInAttempts(Accounts accounts, Actors actors, AuditJournal journal, Clock clock,
			@Value("${unigov.security.lock-after:5}") int lockAfter,
			@Value("${unigov.security.lock-for:15m}") Duration lockFor) {
		this.accounts = accounts;
		this.actors = actors;
		this.journal = journal;
		this.clock = clock;
		this.lockAfter = lockAfter;
		this.lockFor = lockFor;
	}

	@EventListener
	@Transactional
	public void on(AuthenticationFailureBadCredentialsEvent event) {
		String username = event.getAuthentication().getName().strip().toLowerCase(java.util.Locale.ROOT);
		Instant until = this.clock.instant().plus(this.lockFor);
		int failures = this.accounts.recordFailure(username, this.lockAfter, until);
		if (failures == this.lockAfter) {
			this.accounts.byUsername(username)
				.ifPresent(account -> this.journal.append(Actor.SYSTEM,
						AuditRecord.of("account.locked", "account", account.id(), this.actors.of(account).divisionCode(),
								Map.of("username", username, "failedAttempts", failures, "lockedUntil",
										until.toString()))));
		}
	}

	@EventListener
	@Transactional
	public void on(AuthenticationSuccessEvent event) {
		if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken token)
				|| !(token.getPrincipal() instanceof Actor.Source source) || source.actor().accountId() == null) {
			return;
		}
		Actor actor = source.actor();
		this.accounts.recordSuccess(actor.accountId(), this.clock.instant());
		this.journal.append(actor, AuditRecord.of("account.signed-in", "account", actor.accountId(), null, Map.of()));
	}
}
