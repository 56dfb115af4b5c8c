package dev.bazaar.messaging.testapp;

/** The payload of the test events. */
public record WidgetChanged(String note) {
}
