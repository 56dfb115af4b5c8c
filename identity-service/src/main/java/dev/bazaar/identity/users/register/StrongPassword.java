package dev.bazaar.identity.users.register;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A password that is not trivially guessed: characters of at least two kinds (lower
 * case, upper case, digits, anything else) and not the account's own email. Length is
 * {@code @Size} on the field. Reported on the {@code password} field.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = StrongPassword.Check.class)
public @interface StrongPassword {

    String message() default "must mix at least two kinds of characters (lower case, upper case, digits, others)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<StrongPassword, Register> {

        @Override
        public boolean isValid(Register register, ConstraintValidatorContext context) {
            String password = register.password();
            if (password == null || password.length() < 10) {
                return true; // @NotNull and @Size speak for these
            }
            if (register.email() != null && password.strip().equalsIgnoreCase(register.email().strip())) {
                return reject(context, "must not be the email address");
            }
            if (kinds(password) < 2) {
                return reject(context, context.getDefaultConstraintMessageTemplate());
            }
            return true;
        }

        private static int kinds(String password) {
            boolean lower = false;
            boolean upper = false;
            boolean digit = false;
            boolean other = false;
            for (int i = 0; i < password.length(); ) {
                int c = password.codePointAt(i);
                i += Character.charCount(c);
                if (Character.isLowerCase(c)) {
                    lower = true;
                } else if (Character.isUpperCase(c)) {
                    upper = true;
                } else if (Character.isDigit(c)) {
                    digit = true;
                } else {
                    other = true;
                }
            }
            return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
        }

        private static boolean reject(ConstraintValidatorContext context, String message) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(message).addPropertyNode("password").addConstraintViolation();
            return false;
        }
    }
}
