package dev.bazaar.identity.proxies;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Who may tell identity where a request came from.
 *
 * @param trustedProxies the addresses or CIDR blocks (IPv4 and IPv6) of the proxies in front
 *        of identity, e.g. the gateway's ({@code BAZAAR_IDENTITY_TRUSTED_PROXIES=10.0.0.5,10.1.0.0/16}).
 *        Only a connection from one of them may set the client address, host, scheme, port or
 *        prefix with X-Forwarded-* or Forwarded headers; everyone else's are dropped. Empty (the
 *        default): nobody.
 */
@Validated
@ConfigurationProperties("bazaar.identity")
public record TrustedProxiesProperties(@DefaultValue List<@AddressOrBlock String> trustedProxies) {

    List<AddressRange> ranges() {
        return trustedProxies.stream().map(AddressRange::parse).toList();
    }

    @Target(ElementType.TYPE_USE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = AddressOrBlock.Check.class)
    public @interface AddressOrBlock {

        String message() default "must be an IP address or a CIDR block (10.0.0.5, 10.1.0.0/16, ::1, fd00::/8)";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Check implements ConstraintValidator<AddressOrBlock, String> {

            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                try {
                    AddressRange.parse(value);
                    return true;
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        }
    }
}
