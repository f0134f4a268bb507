package org.unigov.shared.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Makes the OpenAPI description say what the code enforces: the roles each operation requires
 * (read from its {@code @PreAuthorize}, shown in the description and as {@code x-roles}), the
 * problem+json answers it may give, how to authenticate, and a schema of its own for every
 * request and answer record.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	private static final Pattern ROLE = Pattern.compile("'([A-Z_]+)'");

	/**
	 * Schemas are named after the class and the classes around it ({@code SharingApi.DecisionRequest},
	 * {@code ProjectsApi.DecisionRequest}): by simple name alone, same-named request records of two
	 * modules collapsed into one schema, and the document described the wrong body for one of them.
	 */
	@Bean
	ModelResolver schemaNames() {
		return new ModelResolver(Json31.mapper(), new EnclosingTypeNames()).openapi31(true);
	}

	static final class EnclosingTypeNames extends TypeNameResolver {

		@Override
		protected String getNameOfClass(Class<?> type) {
			StringBuilder name = new StringBuilder(type.getSimpleName());
			for (Class<?> outer = type.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
				name.insert(0, outer.getSimpleName() + ".");
			}
			return name.toString();
		}
	}

	@Bean
	OpenApiCustomizer unigovApi() {
		return api -> {
			api.info(new Info().title("Unigov API")
				.version("v1")
				.description("Provincial digital-government platform. Errors are RFC 9457 problem+json with a stable "
						+ "`code` (docs/api.md). Lists page as `{content, page}` with `size` at most 100.")
				.license(new License().name("Apache-2.0")));
			Components components = api.getComponents() == null ? new Components() : api.getComponents();
			components.addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
				.scheme("bearer")
				.bearerFormat("JWT")
				.description("OAuth2 access token from /oauth2/token (client_credentials or authorization code + PKCE)"));
			components.addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
				.in(SecurityScheme.In.COOKIE)
				.name("UNIGOV_SESSION")
				.description("Browser session from the sign-in form; send the CSRF token in X-CSRF-TOKEN"));
			components.addSchemas("Problem", problemSchema());
			api.components(components);
			api.security(List.of(new SecurityRequirement().addList("bearer"), new SecurityRequirement().addList("session")));
		};
	}

	@Bean
	GlobalOperationCustomizer rolesAndProblems() {
		return (operation, handler) -> {
			PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
			if (rule == null) {
				rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
			}
			List<String> roles = new ArrayList<>();
			if (rule != null) {
				Matcher matcher = ROLE.matcher(rule.value());
				while (matcher.find()) {
					roles.add(matcher.group(1));
				}
				String who = roles.isEmpty() ? "any signed-in caller or token" : String.join(", ", roles);
				operation.description((operation.getDescription() == null ? "" : operation.getDescription() + "\n\n")
						+ "**Roles:** " + who + ".");
				operation.addExtension("x-roles", roles.isEmpty() ? List.of("AUTHENTICATED") : roles);
			}
			boolean reads = handler.hasMethodAnnotation(GetMapping.class);
			Map<String, String> problems = new LinkedHashMap<>();
			problems.put("400", "Bad input: malformed_json, invalid_field_type, unknown_field, validation_failed");
			problems.put("401", "unauthenticated or invalid_token");
			problems.put("403", "forbidden, or a module code such as agency_out_of_scope");
			problems.put("404", "not found, or outside your scope");
			if (!reads) {
				problems.put("409", "stale_version or a duplicate");
				problems.put("413", "payload_too_large");
				problems.put("415", "unsupported_media_type");
				problems.put("422", "a rule refused the change (the problem names the rule)");
			}
			ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
			problems.forEach((status, description) -> responses.computeIfAbsent(status,
					s -> new ApiResponse().description(description)
						.content(new Content().addMediaType("application/problem+json",
								new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))))));
			operation.responses(responses);
			return operation;
		};
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("RFC 9457 problem details")
			.addProperty("type", new StringSchema().format("uri"))
			.addProperty("title", new StringSchema())
			.addProperty("status", new IntegerSchema())
			.addProperty("detail", new StringSchema())
			.addProperty("instance", new StringSchema().format("uri"))
			.addProperty("code", new StringSchema().description("stable, snake_case"))
			.addProperty("rule", new StringSchema().description("the RULES.md id that refused the request, if any"))
			.addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema().items(new ObjectSchema()
				.addProperty("field", new StringSchema())
				.addProperty("message", new StringSchema())));
	}
}
