package org.unigov.identity.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.audit.AuditJournal;
import org.unigov.audit.AuditRecord;
import org.unigov.identity.Accounts;
import org.unigov.shared.Actor;

/**
 * Slows password guessing down for the guesser rather than locking the account for its owner.
 * Failed form sign-ins are counted in {@code identity_sign_in_failure} (shared by every instance)
 * for the account from that source address, for the address whatever the account, and for the
 * account from every address. After {@code unigov.security.throttle.free-attempts} failures of one
 * account from one address (5), that pair waits {@code first-delay} (1 minute), twice as long after
 * each further failure, up to {@code max-delay} (1 hour); an address waits the same way after
 * {@code address-free-attempts} failures over all accounts (100). Only when an account has failed
 * {@code unigov.security.lock-after} times from everywhere (30: many addresses, or one for a day)
 * is it locked for everyone for {@code unigov.security.lock-for} (15 minutes), audited
 * ({@code account.locked}) and shown to its admins, who may unlock it. Counts are forgotten after
 * {@code forget-after} (24 hours) without a failure and at a successful sign-in.
 * <p>
 * Names that belong to no account are counted, delayed and locked exactly like real ones, so the
 * answers never tell which accounts exist. A waiting attempt is refused before its password is
 * read; nothing sleeps.
 */
@Component
class SignInAttempts {

	private static final Logger log = LoggerFactory.getLogger(SignInAttempts.class);

	/** Longest username kept as a key; the sign-in form allows 100 characters. */
	private static final int MAX_NAME = 100;

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final Actors actors;

	private final AuditJournal journal;

	private final Clock clock;

	private final int freeAttempts;

	private final int addressFreeAttempts;

	private final Duration firstDelay;

	private final Duration maxDelay;

	private final Duration forgetAfter;

	private final int lockAfter;

	private final Duration lockFor;

	SignInAttempts(JdbcClient jdbc, Accounts accounts, Actors actors, AuditJournal journal, Clock clock,
			SecuritySettings settings) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.actors = actors;
		this.journal = journal;
		this.clock = clock;
		SecuritySettings.Throttle throttle = settings.throttle();
		this.freeAttempts = Math.max(1, throttle.freeAttempts());
		this.addressFreeAttempts = Math.max(1, throttle.addressFreeAttempts());
		this.firstDelay = throttle.firstDelay();
		this.maxDelay = throttle.maxDelay();
		this.forgetAfter = throttle.forgetAfter();
		this.lockAfter = Math.max(1, settings.lockAfter());
		this.lockFor = settings.lockFor();
	}

	/** How long a sign-in as {@code username} from {@code address} must still wait; zero = go ahead. */
	@Transactional(readOnly = true)
	public Duration retryAfter(@Nullable String username, String address) {
		String name = name(username);
		String source = source(address);
		OffsetDateTime until = this.jdbc.sql("""
				select max(blocked_until) from identity_sign_in_failure
				 where (username = ? and address = ?) or (username = '' and address = ?) or (username = ? and address = '')""")
			.params(name, source, source, name)
			.query(OffsetDateTime.class)
			.optional()
			.orElse(null);
		if (until == null) {
			return Duration.ZERO;
		}
		Duration left = Duration.between(this.clock.instant(), until.toInstant());
		return left.isNegative() ? Duration.ZERO : left;
	}

	/** Counts a failed sign-in and starts the delays and the lock it has earned. */
	@Transactional
	public void failed(@Nullable String username, String address) {
		String name = name(username);
		String source = source(address);
		Instant now = this.clock.instant();
		int fromAddress = count("", source, now);
		block("", source, delay(fromAddress, this.addressFreeAttempts), now);
		if (name.isEmpty()) {
			return;
		}
		int pair = count(name, source, now);
		block(name, source, delay(pair, this.freeAttempts), now);
		int everywhere = count(name, "", now);
		if (everywhere >= this.lockAfter) {
			Instant until = now.plus(this.lockFor);
			block(name, "", this.lockFor, now);
			this.accounts.lock(name, until).ifPresent(account -> this.journal.append(Actor.SYSTEM,
					AuditRecord.of("account.locked", "account", account.id(), this.actors.of(account).divisionCode(),
							Map.of("username", name, "failedAttempts", everywhere, "addresses", addresses(name),
									"lockedUntil", until.toString()))));
		}
	}

	/** A successful sign-in forgets the account's failures from that address and from everywhere. */
	@EventListener
	@Transactional
	public void on(AuthenticationSuccessEvent event) {
		if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken token)
				|| !(token.getPrincipal() instanceof Actor.Source source) || source.actor().accountId() == null) {
			return;
		}
		Actor actor = source.actor();
		String address = token.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null ? source(details.getRemoteAddress()) : "";
		this.jdbc.sql("delete from identity_sign_in_failure where username = ? and address in (?, '')")
			.params(name(actor.username()), address)
			.update();
		this.accounts.recordSuccess(actor.accountId(), this.clock.instant());
		this.journal.append(actor, AuditRecord.of("account.signed-in", "account", actor.accountId(), null, Map.of()));
	}

	@Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
	void forgetOldFailures() {
		Timestamp now = Timestamp.from(this.clock.instant());
		int removed = this.jdbc.sql("""
				delete from identity_sign_in_failure
				 where last_failure_at < ? and (blocked_until is null or blocked_until < ?)""")
			.params(Timestamp.from(this.clock.instant().minus(this.forgetAfter)), now)
			.update();
		if (removed > 0) {
			log.info("Forgot {} old sign-in failure counts", removed);
		}
	}

	/** Adds one failure to a count (starting afresh after forget-after) and returns the count. */
	private int count(String name, String source, Instant now) {
		return this.jdbc.sql("""
				insert into identity_sign_in_failure as f (username, address, failures, last_failure_at)
				values (?, ?, 1, ?)
				on conflict (username, address) do update
				   set failures = case when f.last_failure_at < ? then 1 else f.failures + 1 end,
				       blocked_until = case when f.last_failure_at < ? then null else f.blocked_until end,
				       last_failure_at = excluded.last_failure_at
				returning failures""")
			.params(name, source, Timestamp.from(now), Timestamp.from(now.minus(this.forgetAfter)),
					Timestamp.from(now.minus(this.forgetAfter)))
			.query(Integer.class)
			.single();
	}

	private void block(String name, String source, Duration delay, Instant now) {
		if (delay.isZero()) {
			return;
		}
		this.jdbc.sql("update identity_sign_in_failure set blocked_until = ? where username = ? and address = ?")
			.params(Timestamp.from(now.plus(delay)), name, source)
			.update();
	}

	/** Nothing before {@code free} failures, then first-delay, doubling with each failure up to max-delay. */
	Duration delay(int failures, int free) {
		if (failures < free) {
			return Duration.ZERO;
		}
		int doublings = Math.min(failures - free, 30);
		Duration delay = this.firstDelay.multipliedBy(1L << doublings);
		return delay.compareTo(this.maxDelay) > 0 ? this.maxDelay : delay;
	}

	private int addresses(String name) {
		return this.jdbc.sql("select count(*) from identity_sign_in_failure where username = ? and address <> ''")
			.param(name)
			.query(Integer.class)
			.single();
	}

	/** The key of a typed username: as accounts store it, without what PostgreSQL cannot store. */
	static String name(@Nullable String username) {
		if (username == null) {
			return "";
		}
		String name = username.replace('\u0000', '\uFFFD').strip().toLowerCase(Locale.ROOT);
		return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
	}

	/**
	 * The key of a source address: IPv4 as is, IPv6 by its /64 network, since one subscriber is
	 * given a whole /64 and could otherwise change address at every attempt.
	 */
	static String source(String address) {
		if (address.indexOf(':') < 0 || !address.matches("[0-9A-Fa-f:.]{2,45}")) {
			return address.length() > MAX_NAME ? address.substring(0, MAX_NAME) : address;
		}
		try {
			// a literal (checked above), so no name lookup
			byte[] bytes = InetAddress.getByName(address).getAddress();
			if (bytes.length == 16) {
				Arrays.fill(bytes, 8, 16, (byte) 0);
				return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
			}
			return address;
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}
}
