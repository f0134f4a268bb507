package org.unigov.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
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
 * problem+json for API clients, the error page for people. Never a stack trace.
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
		int status = code instanceof Integer value ? value : 500;
		ErrorCode error = switch (status) {
			case 400 -> CommonError.VALIDATION_FAILED;
			case 401 -> CommonError.UNAUTHENTICATED;
			case 403 -> CommonError.FORBIDDEN;
			case 404 -> CommonError.NOT_FOUND;
			case 405 -> CommonError.METHOD_NOT_ALLOWED;
			case 413 -> CommonError.PAYLOAD_TOO_LARGE;
			case 415 -> CommonError.UNSUPPORTED_MEDIA_TYPE;
			case 429 -> CommonError.TOO_MANY_REQUESTS;
			default -> CommonError.INTERNAL_ERROR;
		};
		String detail = switch (status) {
			case 403 -> "You are not allowed to do this.";
			case 404 -> "Nothing exists at this address.";
			case 500 -> "Something went wrong on our side.";
			default -> HttpStatus.valueOf(status).getReasonPhrase() + ".";
		};
		String original = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (original != null && (original.startsWith("/api/") || original.startsWith("/exchange/"))
				|| Problems.wantsProblemJson(request)) {
			ProblemDetail problem = this.problems.of(error, detail, request);
			if (original != null) {
				problem.setInstance(java.net.URI.create(original));
			}
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		ModelAndView page = new ModelAndView("error");
		page.setStatus(HttpStatus.valueOf(status));
		page.addObject("status", status);
		page.addObject("code", error.code());
		page.addObject("detail", detail);
		return page;
	}
}
