package org.unigov.exchange.internal;

import org.springframework.http.HttpStatus;
import org.unigov.shared.problem.ErrorCode;

/** Why the exchange refused a call or a change; where a rule of RULES.md refused it, its id. */
public enum ExchangeError implements ErrorCode {

	SERVICE_NOT_FOUND("data_service_not_found", HttpStatus.NOT_FOUND, ""),
	INVALID_SERVICE("invalid_data_service", HttpStatus.UNPROCESSABLE_CONTENT, ""),
	SERVICE_EXISTS("data_service_exists", HttpStatus.CONFLICT, ""),
	NOT_YOUR_SERVICE("data_service_not_yours", HttpStatus.FORBIDDEN, ""),
	CLIENT_NOT_FOUND("exchange_client_not_found", HttpStatus.NOT_FOUND, ""),
	INVALID_CLIENT("invalid_exchange_client", HttpStatus.UNPROCESSABLE_CONTENT, ""),
	OPEN_API_NOT_ALLOWED("exchange_open_api_not_allowed", HttpStatus.UNPROCESSABLE_CONTENT, "C5"),
	// the call
	BAD_PATH("exchange_bad_path", HttpStatus.BAD_REQUEST, ""),
	BAD_HEADER("exchange_bad_header", HttpStatus.BAD_REQUEST, ""),
	REQUEST_TOO_LARGE("exchange_request_too_large", HttpStatus.CONTENT_TOO_LARGE, ""),
	UNAUTHENTICATED("exchange_unauthenticated", HttpStatus.UNAUTHORIZED, "S10"),
	NOT_A_SYSTEM("exchange_not_a_system", HttpStatus.FORBIDDEN, "S10"),
	PURPOSE_REQUIRED("exchange_purpose_required", HttpStatus.BAD_REQUEST, "S6"),
	NO_GRANT("exchange_no_grant", HttpStatus.FORBIDDEN, "S6"),
	GRANT_SUSPENDED("exchange_grant_suspended", HttpStatus.FORBIDDEN, "S7"),
	GRANT_NOT_IN_FORCE("exchange_grant_not_in_force", HttpStatus.FORBIDDEN, "S6"),
	NO_SUCH_RESOURCE("exchange_no_such_resource", HttpStatus.NOT_FOUND, ""),
	NOT_OPEN_DATA("exchange_not_open_data", HttpStatus.NOT_FOUND, "C5"),
	OPERATION_NOT_OFFERED("exchange_operation_not_offered", HttpStatus.NOT_FOUND, ""),
	RATE_LIMITED("exchange_rate_limited", HttpStatus.TOO_MANY_REQUESTS, "S6"),
	PROVIDER_BUSY("exchange_provider_busy", HttpStatus.SERVICE_UNAVAILABLE, ""),
	CIRCUIT_OPEN("exchange_provider_circuit_open", HttpStatus.SERVICE_UNAVAILABLE, ""),
	PROVIDER_NOT_FOUND("exchange_provider_not_found", HttpStatus.NOT_FOUND, ""),
	PROVIDER_REJECTED("exchange_provider_rejected", HttpStatus.UNPROCESSABLE_CONTENT, ""),
	PROVIDER_TIMEOUT("exchange_provider_timeout", HttpStatus.GATEWAY_TIMEOUT, ""),
	PROVIDER_FAILED("exchange_provider_failed", HttpStatus.BAD_GATEWAY, ""),
	PROVIDER_NOT_JSON("exchange_provider_not_json", HttpStatus.BAD_GATEWAY, ""),
	PROVIDER_ADDRESS_REFUSED("exchange_provider_address_refused", HttpStatus.BAD_GATEWAY, ""),
	PROVIDER_DUPLICATE_KEY("exchange_provider_duplicate_key", HttpStatus.BAD_GATEWAY, "S6"),
	PROVIDER_TOO_LARGE("exchange_provider_response_too_large", HttpStatus.BAD_GATEWAY, ""),
	LOG_UNAVAILABLE("exchange_log_unavailable", HttpStatus.SERVICE_UNAVAILABLE, "S10"),
	ARCHIVE_TOO_YOUNG("exchange_archive_too_young", HttpStatus.CONFLICT, "S10");

	private final Spec spec;

	ExchangeError(String code, HttpStatus status, String ruleId) {
		this.spec = new Spec(code, status, ruleId);
	}

	@Override
	public Spec spec() {
		return this.spec;
	}
}
