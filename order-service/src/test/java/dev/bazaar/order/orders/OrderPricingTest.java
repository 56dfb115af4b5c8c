package dev.bazaar.order.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.defaults.problem.ProblemException;

class OrderPricingTest {

    private static final CustomerSnapshot ADA = new CustomerSnapshot(UUID.randomUUID(), "ada@example.com", "Ada");
    private static final ShippingAddress ADDRESS =
            new ShippingAddress("Ada Lovelace", "12 Analytical Row", null, "London", "N1 9GU", "GB");

    @Test
    void aLineCostsItsUnitPriceTimesItsQuantity() {
        OrderLine line = OrderLine.priced(UUID.randomUUID(), "SKU-1", "Kettle", Money.of(2_499, "EUR"), 3);

        assertThat(line.lineTotal()).isEqualTo(Money.of(7_497, "EUR"));
        assertThat(line.unitPrice()).isEqualTo(Money.of(2_499, "EUR"));
    }

    @Test
    void anOrderTotalsItsLinesInTheirCurrency() {
        List<OrderLine> lines = List.of(
                OrderLine.priced(UUID.randomUUID(), "SKU-1", "Kettle", Money.of(2_499, "EUR"), 2),
                OrderLine.priced(UUID.randomUUID(), "SKU-2", "Mug", Money.of(900, "EUR"), 4));

        OrderEvent.Placed placed = Order.place(UUID.randomUUID(), ADA, lines, ADDRESS, "tok_visa", Instant.now());

        assertThat(placed.total()).isEqualTo(Money.of(8_598, "EUR"));
        assertThat(Order.from(List.of(placed)).total()).isEqualTo(Money.of(8_598, "EUR"));
    }

    @Test
    void refusesLinesPricedInMoreThanOneCurrency() {
        List<OrderLine> lines = List.of(
                OrderLine.priced(UUID.randomUUID(), "SKU-1", "Kettle", Money.of(2_499, "EUR"), 1),
                OrderLine.priced(UUID.randomUUID(), "SKU-2", "Mug", Money.of(900, "GBP"), 1));

        assertThatThrownBy(() -> Order.place(UUID.randomUUID(), ADA, lines, ADDRESS, "tok_visa", Instant.now()))
                .isInstanceOf(MixedCurrencies.class);
    }

    @Test
    void acceptsATotalOfExactlyWhatPaymentAccepts() {
        List<OrderLine> lines = List.of(
                OrderLine.priced(UUID.randomUUID(), "SKU-1", "Yacht", Money.of(40_000_000_00L, "EUR"), 2),
                OrderLine.priced(UUID.randomUUID(), "SKU-2", "Jet", Money.of(20_000_000_00L, "EUR"), 1));

        assertThat(Order.place(UUID.randomUUID(), ADA, lines, ADDRESS, "tok_visa", Instant.now()).total())
                .isEqualTo(Money.of(100_000_000_00L, "EUR"));
    }

    @Test
    void refusesATotalAboveWhatPaymentAccepts() {
        List<OrderLine> lines = List.of(
                OrderLine.priced(UUID.randomUUID(), "SKU-1", "Yacht", Money.of(40_000_000_00L, "EUR"), 2),
                OrderLine.priced(UUID.randomUUID(), "SKU-2", "Jet", Money.of(20_000_000_01L, "EUR"), 1));

        assertThatThrownBy(() -> Order.place(UUID.randomUUID(), ADA, lines, ADDRESS, "tok_visa", Instant.now()))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type()).isEqualTo("order-total-too-large"));
    }

    @Test
    void refusesALineWhosePriceTimesQuantityOverflows() {
        assertThatThrownBy(() -> OrderLine.priced(UUID.randomUUID(), "SKU-1", "Priceless",
                Money.of(Long.MAX_VALUE / 2, "EUR"), 3))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type()).isEqualTo("order-total-too-large"));
    }

    @Test
    void aRebuiltOrderKeepsTheHistoryItWasBuiltFrom() {
        OrderEvent.Placed placed = Order.place(UUID.randomUUID(), ADA,
                List.of(OrderLine.priced(UUID.randomUUID(), "SKU-1", "Kettle", Money.of(100, "EUR"), 1)),
                ADDRESS, "tok_visa", Instant.now());
        OrderEvent.Confirmed confirmed = new OrderEvent.Confirmed(UUID.randomUUID(), Instant.now());

        assertThat(Order.from(List.of(placed, confirmed)).history()).containsExactly(placed, confirmed);
    }
}
