package org.unigov.identity.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every token the authorization server issues leaves an authorization row behind; department
 * systems ask for tokens all day. Rows whose every token has expired (more than a day ago) carry
 * no information a token check needs, so they are removed hourly. Who obtained which token stays
 * recorded where it matters: the exchange's access log and the audit chain.
 */
@Component
class ExpiredAuthorizations {

	private static final Logger log = LoggerFactory.getLogger(ExpiredAuthorizations.class);

	private final JdbcClient jdbc;

	ExpiredAuthorizations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
	void purge() {
		int removed = this.jdbc.sql("""
				delete from oauth2_authorization
				 where greatest(coalesce(authorization_code_expires_at, '-infinity'),
				                coalesce(access_token_expires_at, '-infinity'),
				                coalesce(refresh_token_expires_at, '-infinity'),
				                coalesce(oidc_id_token_expires_at, '-infinity'),
				                coalesce(device_code_expires_at, '-infinity'),
				                coalesce(user_code_expires_at, '-infinity')) < now() - interval '1 day'""")
			.update();
		if (removed > 0) {
			log.info("Removed {} expired OAuth2 authorizations", removed);
		}
	}
}
