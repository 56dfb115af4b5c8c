package dev.bazaar.testsupport.audit;

import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * Writes orders, payments, processor charges and stock into the three databases the way the
 * saga leaves them once it has settled, so a test starts from balanced books and then
 * breaks exactly one thing.
 */
final class Shop {

    private static final UUID CATEGORY = UUID.fromString("60687822-ab56-53b3-b1b5-df4ba1c45b3e");

    final DataSource catalog;
    final DataSource orders;
    final DataSource payments;

    Shop(DataSource catalog, DataSource orders, DataSource payments) {
        this.catalog = catalog;
        this.orders = orders;
        this.payments = payments;
    }

    BooksAudit.Databases databases() {
        return new BooksAudit.Databases(catalog, orders, payments);
    }

    void empty() {
        // delete, not truncate: for a few rows it is many times faster
        ServiceSchemas.execute(catalog, "delete from reservation_lines; delete from reservations; "
                + "delete from stock_adjustments; delete from stock; delete from products; delete from categories");
        ServiceSchemas.execute(orders, "delete from order_events; delete from orders; delete from idempotency_keys");
        ServiceSchemas.execute(payments, "delete from simulated_card_refunds; delete from simulated_card_charges; "
                + "delete from payments; delete from charge_attempts");
        ServiceSchemas.execute(catalog, "insert into categories (id, slug, name) values ('" + CATEGORY + "', 'audio', 'Audio')");
    }

    /** A product created with its initial stock recorded as an adjustment, as catalog does. */
    UUID product(String sku, int initialStock) {
        UUID id = UUID.randomUUID();
        ServiceSchemas.execute(catalog, """
                insert into products (id, sku, name, category_id, price_amount, currency)
                values ('%s', '%s', '%s', '%s', 1999, 'EUR');
                insert into stock (product_id, available) values ('%s', %d);
                insert into stock_adjustments (product_id, delta, reason, adjusted_by)
                values ('%s', %d, 'initial stock', 'test');
                """.formatted(id, sku, sku, CATEGORY, id, initialStock, id, initialStock));
        return id;
    }

    /** Placed, paid, confirmed: stock sold. */
    UUID confirmed(UUID product, int quantity) {
        UUID order = placed(product, quantity, Duration.ofMinutes(1));
        String charge = charge(order, "CAPTURED");
        payment(order, "CAPTURED", charge);
        advance(order, "CONFIRMED", null);
        moveStock(product, quantity, "reserved", "sold");
        reservationStatus(order, "COMMITTED");
        return order;
    }

    /** Placed a moment ago, payment not handled yet: stock held. */
    UUID awaiting(UUID product, int quantity, Duration placedAgo) {
        return placed(product, quantity, placedAgo);
    }

    /** Placed, the card declined, cancelled: stock back on sale. */
    UUID declined(UUID product, int quantity) {
        UUID order = placed(product, quantity, Duration.ofMinutes(1));
        charge(order, "DECLINED");
        payment(order, "FAILED", null);
        advance(order, "CANCELLED", "PAYMENT_DECLINED");
        moveStock(product, quantity, "reserved", "available");
        reservationStatus(order, "RELEASED");
        return order;
    }

    /** Placed, paid, confirmed, then cancelled by the shopper: refunded, stock back on sale. */
    UUID refunded(UUID product, int quantity) {
        UUID order = confirmed(product, quantity);
        String charge = chargeReference(order);
        refund(order, charge);
        ServiceSchemas.execute(payments, "update payments set status = 'REFUNDED', refund_reference = 're_" + order
                + "' where order_id = '" + order + "'");
        advance(order, "CANCELLED", "CUSTOMER_REQUEST");
        moveStock(product, quantity, "sold", "available");
        reservationStatus(order, "RELEASED");
        return order;
    }

    /** An order whose payment was recorded; the same charge recorded again under another key. */
    void chargeAgain(UUID order) {
        ServiceSchemas.execute(payments, """
                insert into simulated_card_charges (idempotency_key, reference, amount, currency, outcome)
                values ('order-%s-charge-retry', 'ch_again_%s', 1999, 'EUR', 'CAPTURED')""".formatted(order, order));
    }

    void refund(UUID order, String chargeReference) {
        ServiceSchemas.execute(payments, """
                insert into simulated_card_refunds (idempotency_key, reference, charge_reference, amount, currency)
                values ('order-%s-refund-%s', 're_%s', '%s', 1999, 'EUR')""".formatted(order, UUID.randomUUID(),
                UUID.randomUUID(), chargeReference));
    }

    String chargeReference(UUID order) {
        return "ch_" + order;
    }

    void paymentStatus(UUID order, String status) {
        ServiceSchemas.execute(payments, "update payments set status = '" + status + "' where order_id = '" + order + "'");
    }

    void reservationStatus(UUID order, String status) {
        ServiceSchemas.execute(catalog, "update reservations set status = '" + status + "' where order_id = '" + order + "'");
    }

    void stock(UUID product, String bucket, int value) {
        ServiceSchemas.execute(catalog, "update stock set " + bucket + " = " + value + " where product_id = '" + product + "'");
    }

    private UUID placed(UUID product, int quantity, Duration ago) {
        UUID order = UUID.randomUUID();
        long seconds = ago.toSeconds();
        ServiceSchemas.execute(orders, """
                insert into order_events (order_id, version, type, payload, occurred_at)
                values ('%s', 1, 'OrderPlaced', '{}', now() - interval '%d seconds');
                insert into orders (id, customer_id, status, total_amount, currency, item_count, placed_at, updated_at, version)
                values ('%s', '%s', 'AWAITING_PAYMENT', %d, 'EUR', %d, now() - interval '%d seconds',
                        now() - interval '%d seconds', 1)""".formatted(order, seconds, order, UUID.randomUUID(),
                1999L * quantity, quantity, seconds, seconds));
        ServiceSchemas.execute(catalog, """
                insert into reservations (order_id, status) values ('%s', 'RESERVED');
                insert into reservation_lines (order_id, product_id, quantity) values ('%s', '%s', %d)
                """.formatted(order, order, product, quantity));
        moveStock(product, quantity, "available", "reserved");
        return order;
    }

    private String charge(UUID order, String outcome) {
        String reference = chargeReference(order);
        ServiceSchemas.execute(payments, """
                insert into simulated_card_charges (idempotency_key, reference, amount, currency, outcome)
                values ('order-%s-charge', '%s', 1999, 'EUR', '%s')""".formatted(order, reference, outcome));
        return reference;
    }

    private void payment(UUID order, String status, String providerReference) {
        ServiceSchemas.execute(payments, """
                insert into payments (id, order_id, customer_id, amount, currency, status, provider_reference)
                values ('%s', '%s', '%s', 1999, 'EUR', '%s', %s)""".formatted(UUID.randomUUID(), order,
                UUID.randomUUID(), status, providerReference == null ? "null" : "'" + providerReference + "'"));
    }

    private void advance(UUID order, String status, String reason) {
        ServiceSchemas.execute(orders, """
                insert into order_events (order_id, version, type, payload, occurred_at)
                select id, version + 1, 'Order%s', '{}', now() from orders where id = '%s';
                update orders set status = '%s', cancel_reason = %s, version = version + 1, updated_at = now()
                where id = '%s'""".formatted(status, order, status, reason == null ? "null" : "'" + reason + "'", order));
    }

    private void moveStock(UUID product, int quantity, String from, String to) {
        ServiceSchemas.execute(catalog, "update stock set " + from + " = " + from + " - " + quantity + ", " + to
                + " = " + to + " + " + quantity + " where product_id = '" + product + "'");
    }
}
