package dev.bazaar.payment.payments.chargeorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.messaging.outbox.TraceContext;
import dev.bazaar.payment.payments.PendingCharges;
import dev.bazaar.payment.provider.PaymentProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The workers' own rules, with the claims and records stubbed: the deadline and the stop. */
class ChargeWorkersTest {

    private static final Money AMOUNT = Money.of(1000, "EUR");

    private final ChargeAttemptHandler attempts = mock(ChargeAttemptHandler.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ChargeProperties properties = new ChargeProperties(4, Duration.ofMillis(300), Duration.ofSeconds(5),
            Duration.ofMillis(50), "payment-test");

    private ClaimedCharge claimedOnce() {
        ClaimedCharge charge = new ClaimedCharge(new PendingCharges.Claim(UUID.randomUUID(), "tok_test", 1, new TraceContext(null, null)),
                UUID.randomUUID(), AMOUNT);
        when(attempts.claimNext(any(), any())).thenReturn(Optional.of(charge)).thenReturn(Optional.empty());
        return charge;
    }

    private double counted(String outcome) {
        return meters.get("bazaar.payment.charges").tag("outcome", outcome).counter().count();
    }

    /** A processor whose charges take {@code delay}, noting whether a call was cut. */
    private static PaymentProvider taking(Duration delay, CountDownLatch called, AtomicBoolean cut) {
        return new PaymentProvider() {
            @Override
            public ChargeResult charge(String idempotencyKey, Money amount, String paymentToken) {
                called.countDown();
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    cut.set(true);
                    throw new IllegalStateException("cut", e);
                }
                return new Captured("ch_test");
            }

            @Override
            public Refunded refund(String idempotencyKey, String providerReference, Money amount) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void aChargeTheProcessorDoesNotAnswerByTheDeadlineIsCutAndHandedBackToBeAskedAgain() {
        ClaimedCharge charge = claimedOnce();
        AtomicBoolean cut = new AtomicBoolean();
        ChargeWorkers workers = new ChargeWorkers(attempts, taking(Duration.ofMinutes(1), new CountDownLatch(1), cut),
                properties, meters);

        workers.start();
        try {
            verify(attempts, timeout(3000)).handBack(charge, Duration.ofSeconds(1));
        } finally {
            workers.stop();
        }

        verify(attempts, never()).record(any(), any());
        assertThat(cut).isTrue();
        assertThat(counted("failed")).isEqualTo(1);
        assertThat(counted("succeeded")).isZero();
    }

    @Test
    void stoppingWaitsForTheChargeInProgressAndRecordsItBeforeItReportsStopped() throws Exception {
        ClaimedCharge charge = claimedOnce();
        when(attempts.record(any(), any())).thenReturn(ChargeOutcome.SUCCEEDED);
        CountDownLatch called = new CountDownLatch(1);
        AtomicBoolean cut = new AtomicBoolean();
        Runnable stopped = mock(Runnable.class);
        ChargeWorkers workers = new ChargeWorkers(attempts, taking(Duration.ofMillis(250), called, cut),
                new ChargeProperties(4, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMillis(50),
                        "payment-test"), meters);
        workers.start();
        assertThat(called.await(3, TimeUnit.SECONDS)).isTrue();

        workers.stop(stopped);

        verify(stopped, timeout(3000)).run();
        InOrder order = inOrder(attempts, stopped);
        order.verify(attempts).record(charge, new PaymentProvider.Captured("ch_test"));
        order.verify(stopped).run();
        assertThat(cut).isFalse();
        assertThat(workers.isRunning()).isFalse();
        assertThat(counted("succeeded")).isEqualTo(1);
    }
}
