package org.unigov.web;

import java.net.URI;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import org.unigov.shared.problem.CommonError;
import org.unigov.shared.problem.ErrorCode;
import org.unigov.shared.problem.Problems;

/**
 * Errors that happen outside controllers (in filters, or a 404 before any handler) end here:
 * problem+json for API clients, the error page for people. Never a stack trace. Opened directly
 * (no error is being reported), {@code /error} is just an address where nothing is: 404.
 */
@Controller
class ErrorPages implements ErrorController {

	private final Problems problems;

	ErrorPages(Problems problems) {
		this.problems = problems;
	}

	@RequestMapping("/error")
	Object error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = code instanceof Integer value ? value : 404;
		ErrorCode error = CommonError.forStatus(status);
		String detail = switch (status) {
			case 403 -> "You are not allowed to do this.";
			case 404 -> "Nothing exists at this address.";
			case 500 -> "Something went wrong on our side.";
			default -> {
				HttpStatus known = HttpStatus.resolve(status);
				yield known != null ? known.getReasonPhrase() + "." : "The request failed.";
			}
		};
		String original = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (original != null && (original.startsWith("/api/") || original.startsWith("/exchange/"))
				|| Problems.wantsProblemJson(request)) {
			ProblemDetail problem = this.problems.of(error, detail, request);
			problem.setStatus(status);
			if (original != null) {
				try {
					problem.setInstance(URI.create(original));
				}
				catch (IllegalArgumentException ex) {
					problem.setInstance(null);
				}
			}
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		ModelAndView page = new ModelAndView("error");
		page.setStatus(HttpStatusCode.valueOf(status));
		page.addObject("status", status);
		page.addObject("code", error.code());
		page.addObject("detail", detail);
		return page;
	}
}
