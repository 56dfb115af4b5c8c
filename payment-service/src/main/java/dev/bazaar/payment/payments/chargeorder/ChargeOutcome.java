package dev.bazaar.payment.payments.chargeorder;

import java.util.Locale;

/**
 * What became of one charge attempt, as counted in {@code bazaar.payment.charges}
 * (tag {@code outcome}): recorded as captured or declined, or ended without the
 * processor's answer (deadline, error) and handed back to be asked again by its key.
 * A replay, an answer another worker had recorded already, is not counted.
 */
enum ChargeOutcome {
    SUCCEEDED, DECLINED, FAILED, REPLAYED;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
