package org.unigov.shared.ident;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A citizen identity number with a valid birth date and GB 11643 check character. */
@Documented
@Constraint(validatedBy = ValidCitizenId.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidCitizenId {

	String message() default "{unigov.validation.citizen-id}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<ValidCitizenId, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || CitizenId.isValid(value);
		}
	}
}
