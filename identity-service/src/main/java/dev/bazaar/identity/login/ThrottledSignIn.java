package dev.bazaar.identity.login;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import dev.bazaar.identity.users.UserRepository;

/**
 * Email and password sign-in, refused at once while {@link LoginThrottle} holds this account
 * back from this client address: the password is not even checked then, so holding costs no
 * hashing and no thread waits out a delay. A refusal for a hold, a wrong password, an unknown
 * email or a disabled account looks the same to the caller (the form's one error), so none of
 * them tells whether an account exists.
 */
@Component
class ThrottledSignIn implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottledSignIn(UserRepository users, PasswordEncoder encoder, LoginThrottle throttle) {
        this.passwords = new DaoAuthenticationProvider(new ShopperAccounts(users));
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        if (throttle.isHeld(email, address)) {
            throw new BadCredentialsException("Bad credentials");
        }
        try {
            Authentication signedIn = passwords.authenticate(authentication);
            throttle.succeeded(email, address);
            return signedIn;
        } catch (AuthenticationException e) {
            throttle.failed(email, address);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
