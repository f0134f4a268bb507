package org.unigov.identity.internal;

import java.time.Clock;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.unigov.identity.Account;
import org.unigov.identity.Accounts;

/** Loads accounts for form sign-in; a locked account is refused before its password is checked. */
@Service
class AccountUserDetailsService implements UserDetailsService {

	private final Accounts accounts;

	private final Actors actors;

	private final Clock clock;

	AccountUserDetailsService(Accounts accounts, Actors actors, Clock clock) {
		this.accounts = accounts;
		this.actors = actors;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		Account account = this.accounts.byUsername(username)
			.orElseThrow(() -> new UsernameNotFoundException("No such account"));
		String hash = this.accounts.passwordHashOf(account.username());
		return new SignedInUser(this.actors.of(account), hash, account.enabled(), !account.isLocked(this.clock.instant()));
	}
}
