package org.unigov.identity.internal;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.stereotype.Component;
import org.unigov.shared.PublicUrl;

/**
 * Response headers every filter chain sends: a Content-Security-Policy that allows no inline
 * script and no framing, nosniff, a same-origin referrer policy, a Permissions-Policy that turns
 * off the device and sensor features no page uses, and a same-origin opener policy (no other site
 * keeps a handle on a Unigov window it opened). Pages load scripts and styles only from the
 * application itself (webjars included), which is why there is no CDN. With an https
 * {@code unigov.public-url}, HSTS on every response, whatever the hop behind the proxy.
 */
@Component
class SecurityHeaders {

	static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

	static final String PERMISSIONS = "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
			+ "hid=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=()";

	static final long HSTS_MAX_AGE = 365L * 24 * 3600;

	private final PublicUrl publicUrl;

	SecurityHeaders(PublicUrl publicUrl) {
		this.publicUrl = publicUrl;
	}

	void apply(HttpSecurity http) throws Exception {
		http.headers(headers -> {
			headers.contentSecurityPolicy(csp -> csp.policyDirectives(POLICY))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
				.permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS))
				.crossOriginOpenerPolicy(opener -> opener.policy(CrossOriginOpenerPolicy.SAME_ORIGIN));
			if (this.publicUrl.isHttps()) {
				headers.httpStrictTransportSecurity(hsts -> hsts.requestMatcher(AnyRequestMatcher.INSTANCE)
					.maxAgeInSeconds(HSTS_MAX_AGE)
					.includeSubDomains(false));
			}
		});
	}
}
