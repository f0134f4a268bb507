package org.unigov.shared.problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.unigov.shared.json.InvalidTextException;
import org.unigov.shared.web.PageFrame;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place where exceptions become answers. API requests get RFC 9457 problem+json with a
 * stable {@code code}; page requests get the error page. Nothing internal (stack traces, SQL,
 * class names) ever reaches the client: unexpected exceptions are logged with an id that the
 * answer quotes.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	private final Problems problems;

	private final ObjectProvider<PageFrame> frame;

	ProblemHandler(Problems problems, ObjectProvider<PageFrame> frame) {
		this.problems = problems;
		this.frame = frame;
	}

	@ExceptionHandler(UnigovException.class)
	Object refused(UnigovException ex, HttpServletRequest request) {
		return answer(request, ex.error(), ex.getMessage(), ex.properties());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	Object unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof BodyTooLargeException tooLarge) {
				return tooLarge(tooLarge, request);
			}
		}
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return answer(request, CommonError.UNKNOWN_FIELD,
					"The field '" + unknown.getPropertyName() + "' is not part of this request.",
					Map.of("field", path(unknown)));
		}
		if (cause instanceof InvalidTextException text) {
			String field = path(text);
			return answer(request, CommonError.INVALID_TEXT,
					"The field '" + field + "' is not valid text (it holds a lone UTF-16 surrogate or a NUL).",
					Map.of("field", field));
		}
		// a number out of range is a value of the wrong type; other read errors mean broken JSON
		boolean wrongType = cause instanceof InputCoercionException || cause instanceof MismatchedInputException;
		if (wrongType && !path((JacksonException) cause).isEmpty()) {
			String field = path((JacksonException) cause);
			return answer(request, CommonError.INVALID_FIELD_TYPE,
					"The field '" + field + "' has a value of the wrong type.", Map.of("field", field));
		}
		return answer(request, CommonError.MALFORMED_JSON, "The request body is not well-formed JSON.", Map.of());
	}

	@ExceptionHandler(BindException.class)
	Object invalid(BindException ex, HttpServletRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldError error : ex.getFieldErrors()) {
			errors.add(fieldError(error.getField(), error.getDefaultMessage()));
		}
		ex.getGlobalErrors()
			.forEach(error -> errors.add(fieldError(error.getObjectName(), error.getDefaultMessage())));
		return answer(request, CommonError.VALIDATION_FAILED,
				"The request has " + errors.size() + " invalid field(s).", Map.of("errors", errors));
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	Object invalidParameters(HandlerMethodValidationException ex, HttpServletRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors()
			.forEach(error -> errors.add(fieldError(result.getMethodParameter().getParameterName(),
					error.getDefaultMessage()))));
		return answer(request, CommonError.VALIDATION_FAILED,
				"The request has " + errors.size() + " invalid parameter(s).", Map.of("errors", errors));
	}

	@ExceptionHandler(ConstraintViolationException.class)
	Object violated(ConstraintViolationException ex, HttpServletRequest request) {
		List<Map<String, String>> errors = ex.getConstraintViolations()
			.stream()
			.map(v -> fieldError(v.getPropertyPath().toString(), v.getMessage()))
			.toList();
		return answer(request, CommonError.VALIDATION_FAILED,
				"The request has " + errors.size() + " invalid field(s).", Map.of("errors", errors));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	Object mismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		return answer(request, CommonError.INVALID_PARAMETER,
				"The parameter '" + ex.getName() + "' has a value of the wrong type.", Map.of("field", ex.getName()));
	}

	/**
	 * Parameters that Tomcat cannot decode, read for the first time inside MVC (a multipart
	 * request: {@link ParameterDecodingFilter} catches the others before any controller).
	 */
	@ExceptionHandler(InvalidParameterException.class)
	Object undecodable(InvalidParameterException ex, HttpServletRequest request) {
		return answer(request, CommonError.INVALID_ENCODING, "A parameter cannot be read (not valid UTF-8?).",
				Map.of());
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	Object missing(MissingServletRequestParameterException ex, HttpServletRequest request) {
		return answer(request, CommonError.MISSING_PARAMETER,
				"The parameter '" + ex.getParameterName() + "' is required.", Map.of("field", ex.getParameterName()));
	}

	@ExceptionHandler(MissingServletRequestPartException.class)
	Object missingPart(MissingServletRequestPartException ex,
			HttpServletRequest request) {
		return answer(request, CommonError.MISSING_PARAMETER,
				"The multipart request has no part '" + ex.getRequestPartName() + "'.",
				Map.of("field", ex.getRequestPartName()));
	}

	@ExceptionHandler({ NoResourceFoundException.class, NoHandlerFoundException.class })
	Object notFound(Exception ex, HttpServletRequest request) {
		return answer(request, CommonError.NOT_FOUND, "Nothing exists at this address.", Map.of());
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	Object method(HttpRequestMethodNotSupportedException ex, HttpServletRequest request) {
		Object answer = answer(request, CommonError.METHOD_NOT_ALLOWED,
				"The method " + ex.getMethod() + " is not allowed here.", Map.of());
		if (answer instanceof ResponseEntity<?> entity && ex.getSupportedHttpMethods() != null) {
			HttpHeaders headers = new HttpHeaders();
			headers.putAll(entity.getHeaders());
			headers.setAllow(ex.getSupportedHttpMethods());
			return new ResponseEntity<>(entity.getBody(), headers, entity.getStatusCode());
		}
		return answer;
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	Object mediaType(HttpMediaTypeNotSupportedException ex, HttpServletRequest request) {
		return answer(request, CommonError.UNSUPPORTED_MEDIA_TYPE,
				"The content type " + ex.getContentType() + " is not supported here; send "
						+ ex.getSupportedMediaTypes().stream().map(MediaType::toString).limit(3).toList() + ".",
				Map.of());
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	Object notAcceptable(HttpMediaTypeNotAcceptableException ex, HttpServletRequest request) {
		return answer(request, CommonError.NOT_ACCEPTABLE, "No representation matches the Accept header.", Map.of());
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	Object tooLarge(MaxUploadSizeExceededException ex, HttpServletRequest request) {
		return answer(request, CommonError.PAYLOAD_TOO_LARGE, "The upload is larger than the allowed maximum.",
				Map.of());
	}

	/** A multipart body that cannot be parsed (no boundary, cut short); its size limits are above. */
	@ExceptionHandler(MultipartException.class)
	Object unreadableParts(MultipartException ex, HttpServletRequest request) {
		return answer(request, CommonError.MALFORMED_REQUEST, "The multipart body cannot be read.", Map.of());
	}

	@ExceptionHandler(BodyTooLargeException.class)
	Object tooLarge(BodyTooLargeException ex, HttpServletRequest request) {
		return answer(request, CommonError.PAYLOAD_TOO_LARGE,
				"The request body is larger than " + ex.limit() + " bytes.", Map.of("limit", ex.limit()));
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	Object stale(OptimisticLockingFailureException ex, HttpServletRequest request) {
		return answer(request, CommonError.STALE_VERSION,
				"Someone else changed this record since you read it: reload it and try again.", Map.of());
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	Object conflict(DataIntegrityViolationException ex, HttpServletRequest request) {
		log.info("Data integrity violation on {}: {}", request.getRequestURI(), ex.getMostSpecificCause().getMessage());
		return answer(request, CommonError.CONFLICT, "The change conflicts with existing data.", Map.of());
	}

	@ExceptionHandler({ AccessDeniedException.class, AuthorizationDeniedException.class })
	Object denied(Exception ex, HttpServletRequest request) {
		return answer(request, CommonError.FORBIDDEN, "You are not allowed to do this.", Map.of());
	}

	@ExceptionHandler(Exception.class)
	Object unexpected(Exception ex, HttpServletRequest request) {
		String incident = UUID.randomUUID().toString();
		log.error("Unexpected error {} on {} {}", incident, request.getMethod(), request.getRequestURI(), ex);
		return answer(request, CommonError.INTERNAL_ERROR,
				"Something went wrong on our side. Quote incident " + incident + " when reporting it.",
				Map.of("incident", incident));
	}

	private Object answer(HttpServletRequest request, ErrorCode error, String detail, Map<String, ?> properties) {
		if (Problems.wantsProblemJson(request)) {
			ProblemDetail problem = this.problems.of(error, detail, properties, request);
			return ResponseEntity.status(error.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		ModelAndView page = new ModelAndView("error");
		// exception handlers get no @ModelAttribute model: the page's frame is added here
		this.frame.ifAvailable(f -> f.describe(request, page.getModel()));
		page.setStatus(HttpStatus.valueOf(error.status().value()));
		page.addObject("status", error.status().value());
		page.addObject("code", error.code());
		page.addObject("detail", detail);
		return page;
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (var reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static Map<String, String> fieldError(String field, @Nullable String message) {
		Map<String, String> error = new LinkedHashMap<>();
		error.put("field", field);
		error.put("message", message == null ? "is invalid" : message);
		return error;
	}
}
