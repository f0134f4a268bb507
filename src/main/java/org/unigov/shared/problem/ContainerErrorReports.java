package org.unigov.shared.problem;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Requests that Tomcat refuses before the application sees them (an encoded slash, {@code %00}
 * or a backslash in the path, a path that is not UTF-8, a malformed request line) are answered
 * like every other error: problem+json for API clients and machines, the site's error page for
 * people, instead of Tomcat's own HTML report. Replaces the host's {@link ErrorReportValve}
 * (which Spring Boot installs) with one that writes through {@link Problems}.
 */
@Component
class ContainerErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private final Problems problems;

	ContainerErrorReports(Problems problems) {
		this.problems = problems;
	}

	/** After Spring Boot's own customizer, whose valve this one replaces. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers(context -> {
			Container host = context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			host.getPipeline().addValve(new ProblemReportValve(this.problems));
			if (host instanceof StandardHost standard) {
				// else the host adds Tomcat's valve again when it starts
				standard.setErrorReportValveClass(ProblemReportValve.class.getName());
			}
		});
	}

	/** Tomcat's error report, written as a problem or as the site's error page. */
	static final class ProblemReportValve extends ErrorReportValve {

		private final Problems problems;

		ProblemReportValve(Problems problems) {
			this.problems = problems;
		}

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			int status = response.getStatus();
			if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
				return;
			}
			AtomicBoolean ioAllowed = new AtomicBoolean(true);
			response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
			if (!ioAllowed.get()) {
				return;
			}
			try {
				try {
					this.problems.refuse(request, response, status, CommonError.forStatus(status), detail(status));
				}
				catch (IllegalStateException ex) {
					// the application took the writer before failing: start the answer afresh
					response.reset();
					response.setStatus(status);
					this.problems.refuse(request, response, status, CommonError.forStatus(status), detail(status));
				}
				response.finishResponse();
			}
			catch (IOException | IllegalStateException ex) {
				// the client is gone or the answer was committed meanwhile: nothing more to say
			}
		}

		private static String detail(int status) {
			if (status == 400) {
				return "The request cannot be read: its path, query or headers are malformed "
						+ "(an encoded slash, backslash or NUL in the path, or text that is not UTF-8).";
			}
			HttpStatus known = HttpStatus.resolve(status);
			return known != null ? known.getReasonPhrase() + "." : "The request failed.";
		}
	}
}
