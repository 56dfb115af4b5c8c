package dev.bazaar.e2e.badinput;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bazaar.e2e.RunningBazaar;
import dev.bazaar.e2e.Shoppers;

/**
 * Several accounts of one kind whose tokens are used in turn: the gateway's budgets are per
 * user, and the strictest (placing orders) would refuse one shopper's thousand tries. Access
 * tokens live 5 minutes, so each is renewed by signing in again once it is 4 minutes old.
 */
final class SignedInCallers {

    private static final Duration RENEW_AFTER = Duration.ofMinutes(4);

    private static final class Account {
        final String email;
        final String password;
        String token;
        Instant signedInAt;

        Account(String email, String password) {
            this.email = email;
            this.password = password;
        }
    }

    private final RunningBazaar bazaar;
    private final List<Account> accounts;
    private final AtomicInteger next = new AtomicInteger();

    private SignedInCallers(RunningBazaar bazaar, List<Account> accounts) {
        this.bazaar = bazaar;
        this.accounts = accounts;
    }

    static SignedInCallers of(RunningBazaar bazaar, List<Shoppers.Shopper> shoppers) {
        return new SignedInCallers(bazaar, shoppers.stream().map(s -> new Account(s.email(), s.password())).toList());
    }

    static SignedInCallers ofCredentials(RunningBazaar bazaar, List<String[]> emailAndPassword) {
        return new SignedInCallers(bazaar, emailAndPassword.stream().map(c -> new Account(c[0], c[1])).toList());
    }

    /** Each account's token in turn (for what every account must have before the tries). */
    void forEachToken(java.util.function.Consumer<String> action) {
        accounts.forEach(account -> action.accept(tokenOf(account)));
    }

    /** The next account's token, fresh for at least another minute. */
    String token() {
        return tokenOf(accounts.get(Math.floorMod(next.getAndIncrement(), accounts.size())));
    }

    private String tokenOf(Account account) {
        synchronized (account) {
            if (account.token == null || account.signedInAt.plus(RENEW_AFTER).isBefore(Instant.now())) {
                account.token = Shoppers.login(bazaar, account.email, account.password);
                account.signedInAt = Instant.now();
            }
            return account.token;
        }
    }
}
