package dev.bazaar.order.orders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.bazaar.defaults.money.Money;

/**
 * An order, rebuilt from its events. It decides what may happen next and says so as new
 * events; it does no I/O. A confirmation never follows a cancellation, and a decision
 * that would change nothing yields no event, which makes every saga step idempotent.
 */
public final class Order {

    /**
     * The largest total an order may have: the most payment-service accepts as an amount (the
     * {@code @Max} of {@link Money} in libs/service-defaults, in minor units). An order above it
     * could be placed but never charged.
     */
    public static final long MAX_TOTAL = Money.MAX_AMOUNT;

    /** The most lines one order (and one cart) may have. */
    public static final int MAX_LINES = 50;

    private UUID id;
    private CustomerSnapshot customer;
    private List<OrderLine> lines = List.of();
    private Money total;
    private ShippingAddress shippingAddress;
    private String maskedPaymentToken;
    private OrderStatus status;
    private CancelReason cancelReason;
    private String cancelDetail;
    private UUID paymentId;
    private boolean refunded;
    private Instant placedAt;
    private Instant updatedAt;
    private int version;
    private final List<OrderEvent> history = new ArrayList<>();

    private Order() {
    }

    public static Order from(List<OrderEvent> history) {
        Order order = new Order();
        history.forEach(order::apply);
        return order;
    }

    /**
     * A new order of priced lines: its total is the sum of the line totals, in the one
     * currency all lines share, and at most {@link #MAX_TOTAL}.
     *
     * @throws MixedCurrencies    when the lines are priced in more than one currency
     * @throws OrderTotalTooLarge when the total is above {@link #MAX_TOTAL}
     */
    public static OrderEvent.Placed place(UUID orderId, CustomerSnapshot customer, List<OrderLine> lines,
            ShippingAddress address, String paymentToken, Instant now) {
        String currency = lines.getFirst().unitPrice().currency();
        if (lines.stream().anyMatch(l -> !l.unitPrice().currency().equals(currency))) {
            throw new MixedCurrencies();
        }
        long sum = 0;
        for (OrderLine line : lines) {
            // every line is at most MAX_TOTAL and the sum is checked as it grows, so it cannot overflow
            sum += line.lineTotal().amount();
            if (sum > MAX_TOTAL) {
                throw new OrderTotalTooLarge();
            }
        }
        Money total = Money.of(sum, currency);
        return new OrderEvent.Placed(orderId, customer, List.copyOf(lines), total, address, masked(paymentToken), now);
    }

    /**
     * What is kept of a payment token: {@code ****} and its last four characters, or fewer for a
     * short token (never more than half of it). V3__mask_payment_tokens.sql masks stored events alike.
     */
    public static String masked(String paymentToken) {
        if (paymentToken == null) {
            return null;
        }
        int shown = Math.min(4, paymentToken.length() / 2);
        return "****" + paymentToken.substring(paymentToken.length() - shown);
    }

    public List<OrderEvent> confirm(UUID paymentId, Instant now) {
        return status == OrderStatus.AWAITING_PAYMENT ? List.of(new OrderEvent.Confirmed(paymentId, now)) : List.of();
    }

    /** Whether a shopper may still cancel: before shipping, which Bazaar does not model yet. */
    public boolean cancellable() {
        return status == OrderStatus.AWAITING_PAYMENT || status == OrderStatus.CONFIRMED;
    }

    public List<OrderEvent> cancel(CancelReason reason, String detail, Instant now) {
        return cancellable() ? List.of(new OrderEvent.Cancelled(reason, detail, now)) : List.of();
    }

    /** Payment declined: only an order still waiting for its payment is cancelled by it. */
    public List<OrderEvent> paymentDeclined(String reason, Instant now) {
        return status == OrderStatus.AWAITING_PAYMENT
                ? List.of(new OrderEvent.Cancelled(CancelReason.PAYMENT_DECLINED, reason, now))
                : List.of();
    }

    public List<OrderEvent> refunded(UUID paymentId, Money amount, Instant now) {
        return refunded ? List.of() : List.of(new OrderEvent.Refunded(paymentId, amount, now));
    }

    public void apply(OrderEvent event) {
        switch (event) {
            case OrderEvent.Placed p -> {
                id = p.orderId();
                customer = p.customer();
                lines = p.lines();
                total = p.total();
                shippingAddress = p.shippingAddress();
                maskedPaymentToken = p.maskedPaymentToken();
                status = OrderStatus.AWAITING_PAYMENT;
                placedAt = p.occurredAt();
            }
            case OrderEvent.Confirmed c -> {
                status = OrderStatus.CONFIRMED;
                paymentId = c.paymentId();
            }
            case OrderEvent.Cancelled c -> {
                status = OrderStatus.CANCELLED;
                cancelReason = c.reason();
                cancelDetail = c.detail();
            }
            case OrderEvent.Refunded r -> {
                refunded = true;
                paymentId = r.paymentId();
            }
        }
        updatedAt = event.occurredAt();
        version++;
        history.add(event);
    }

    /** The events this order was rebuilt from and has applied since, oldest first. */
    public List<OrderEvent> history() {
        return List.copyOf(history);
    }

    public UUID id() {
        return id;
    }

    public CustomerSnapshot customer() {
        return customer;
    }

    public List<OrderLine> lines() {
        return lines;
    }

    public Money total() {
        return total;
    }

    public ShippingAddress shippingAddress() {
        return shippingAddress;
    }

    public String maskedPaymentToken() {
        return maskedPaymentToken;
    }

    public OrderStatus status() {
        return status;
    }

    public CancelReason cancelReason() {
        return cancelReason;
    }

    public String cancelDetail() {
        return cancelDetail;
    }

    public UUID paymentId() {
        return paymentId;
    }

    public boolean refunded() {
        return refunded;
    }

    public Instant placedAt() {
        return placedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public int version() {
        return version;
    }
}
