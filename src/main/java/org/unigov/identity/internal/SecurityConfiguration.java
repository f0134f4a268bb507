package org.unigov.identity.internal;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.unigov.shared.problem.Problems;

/**
 * Security for everything outside the authorization server's endpoints: form sign-in with
 * sessions and CSRF for people, throttled per account and address ({@link SignInAttempts}), bearer tokens for systems, role checks on every endpoint
 * ({@code @PreAuthorize}), problem+json for API errors.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	static final String[] STAFF_ROLES = { "PLATFORM_ADMIN", "COORDINATOR", "AGENCY_ADMIN", "AGENCY_STAFF", "AUDITOR" };

	@Bean
	@Order(10)
	SecurityFilterChain applicationChain(HttpSecurity http, ProblemSecurityHandlers problems, TokenClaims claims,
			SecurityHeaders headers, SignInAttempts attempts) throws Exception {
		RequestMatcher machine = SecurityConfiguration::wantsProblemJson;
		SignInGate gate = new SignInGate(attempts);
		http.addFilterBefore(gate, UsernamePasswordAuthenticationFilter.class);
		http.authorizeHttpRequests(requests -> requests
			// the open-data portal is public by law (public data opening): it only ever lists open entries
			.requestMatchers("/", "/login", "/error", "/favicon.ico", "/webjars/**", "/css/**", "/js/**", "/img/**",
					"/open", "/open/**",
					"/actuator/health", "/actuator/health/**", "/actuator/info", "/v3/api-docs", "/v3/api-docs/**")
			.permitAll()
			.requestMatchers("/actuator/**")
			.hasAnyAuthority("ROLE_PLATFORM_ADMIN", "SCOPE_metrics")
			.requestMatchers("/swagger-ui.html", "/swagger-ui/**")
			.hasAnyRole(STAFF_ROLES)
			.anyRequest()
			.authenticated())
			.csrf(csrf -> csrf.csrfTokenRequestHandler(new HeaderOrFormCsrfTokens()))
			.formLogin(form -> form.loginPage("/login").failureHandler(gate).defaultSuccessUrl("/", false))
			.logout(logout -> logout.logoutSuccessUrl("/login?logout"))
			.oauth2ResourceServer(resource -> resource.jwt(jwt -> jwt.jwtAuthenticationConverter(claims))
				.authenticationEntryPoint(problems))
			.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(problems, machine)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
						AnyRequestMatcher.INSTANCE)
				.accessDeniedHandler(problems));
		headers.apply(http);
		return http.build();
	}

	private static boolean wantsProblemJson(HttpServletRequest request) {
		return Problems.wantsProblemJson(request);
	}

	/**
	 * Argon2id for new hashes; bcrypt hashes (from an imported user base) still verify and are
	 * upgraded on the next password change.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		return new DelegatingPasswordEncoder("argon2", Map.of("argon2",
				Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "bcrypt", new BCryptPasswordEncoder()));
	}
}
