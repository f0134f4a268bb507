package org.unigov.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.unigov.shared.PublicUrl;

/**
 * Where requests say they were sent. With {@code unigov.public-url} set, every request is taken
 * to have arrived at that scheme, host and port, whatever its Host or X-Forwarded-Host header
 * says: absolute redirects (the servlet container's and Spring Security's), the OAuth2 issuer and
 * the open-data portal's links all name the public URL, and an https URL makes requests secure
 * (HSTS, {@code Secure} session cookie). Forwarded headers are read by Tomcat's RemoteIpValve, and
 * only from the proxies in {@code unigov.trusted-proxies} (docs/operations.md); the client
 * address they carry then counts for sign-in throttling and the access log.
 */
@Configuration(proxyBeanMethods = false)
class PublicAddress {

	@Bean
	PublicUrl publicUrl(AddressSettings settings) {
		return PublicUrl.of(settings.publicUrl());
	}

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> publicUrlValve(PublicUrl publicUrl) {
		return factory -> {
			if (publicUrl.isSet()) {
				factory.addContextCustomizers(context -> context.getPipeline().addValve(new PublicUrlValve(publicUrl)));
			}
		};
	}

	/** Browsers send the session cookie over https only when the platform is reached over https. */
	@Bean
	ServletContextInitializer secureSessionCookie(PublicUrl publicUrl) {
		return servletContext -> {
			if (publicUrl.isHttps()) {
				servletContext.getSessionCookieConfig().setSecure(true);
			}
		};
	}

	/**
	 * Sets a request's scheme, host, port and security to the public URL's for as long as it is
	 * processed. A context valve, so it runs after the engine's RemoteIpValve has taken the client
	 * address from a trusted proxy.
	 */
	static final class PublicUrlValve extends ValveBase {

		private final PublicUrl publicUrl;

		PublicUrlValve(PublicUrl publicUrl) {
			super(true);
			this.publicUrl = publicUrl;
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			org.apache.coyote.Request coyote = request.getCoyoteRequest();
			String scheme = coyote.scheme().toString();
			String serverName = coyote.serverName().toString();
			int serverPort = request.getServerPort();
			boolean secure = request.isSecure();
			coyote.scheme().setString(this.publicUrl.scheme());
			coyote.serverName().setString(this.publicUrl.host());
			request.setServerPort(this.publicUrl.port());
			request.setSecure(this.publicUrl.isHttps());
			try {
				getNext().invoke(request, response);
			}
			finally {
				// an asynchronous request is still being processed; it is recycled when it completes
				if (!request.isAsync()) {
					coyote.scheme().setString(scheme);
					coyote.serverName().setString(serverName);
					request.setServerPort(serverPort);
					request.setSecure(secure);
				}
			}
		}
	}
}
