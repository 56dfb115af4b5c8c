package dev.bazaar.testsupport.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventSchemaCompatibilityTest {

    private static final Path CURRENT = EventSchemas.contractsDirectory();
    private static final Path BASELINE = CURRENT.resolve("baseline");

    @TempDir
    Path copy;

    @Test
    void committedSchemasKeepEveryReleasedContract() {
        List<String> breaks = SchemaCompatibility.breaks(BASELINE, CURRENT);

        assertThat(breaks).as("incompatible changes against %s. %s", BASELINE, SchemaCompatibility.RULE).isEmpty();
    }

    @Test
    void everyCommittedSchemaHasBeenReleasedOrIsNew() throws IOException {
        // the baseline holds schemas only: a stray file there would be checked against nothing
        try (var files = Files.list(BASELINE)) {
            assertThat(files.map(f -> f.getFileName().toString())).allMatch(name -> name.endsWith(".schema.json"));
        }
    }

    @Test
    void aRemovedFieldIsRefused() throws IOException {
        edit("order.order.placed", s -> s.replaceFirst("\"paymentToken\": \\{[^}]*\\},", ""));

        assertThat(SchemaCompatibility.breaks(BASELINE, copy))
                .containsExactly("order.order.placed: data.paymentToken was removed");
    }

    @Test
    void aNewRequiredFieldIsRefused() throws IOException {
        edit("payment.payment.failed", s -> s.replace("\"reason\"\n", "\"reason\",\n          \"retryable\"\n")
                .replace("\"reason\": {", "\"retryable\": {\"type\": \"boolean\"},\n          \"reason\": {"));

        assertThat(SchemaCompatibility.breaks(BASELINE, copy))
                .containsExactly("payment.payment.failed: data.retryable is newly required");
    }

    @Test
    void aNewOptionalFieldPasses() throws IOException {
        edit("payment.payment.failed", s -> s.replace("\"reason\": {",
                "\"retryable\": {\"type\": \"boolean\"},\n          \"reason\": {"));

        assertThat(SchemaCompatibility.breaks(BASELINE, copy)).isEmpty();
    }

    @Test
    void aRetypedFieldIsRefused() throws IOException {
        edit("catalog.stock.adjusted", s -> s.replace("\"delta\": {\n          \"type\": \"integer\"",
                "\"delta\": {\n          \"type\": \"string\""));

        assertThat(SchemaCompatibility.breaks(BASELINE, copy))
                .containsExactly("catalog.stock.adjusted: the type of data.delta changed from [integer] to [string]");
    }

    @Test
    void aRetypedSharedDefinitionIsRefusedWhereverItIsUsed() throws IOException {
        edit("catalog.product.price-changed", s -> s.replace("\"amount\": {\n          \"type\": \"integer\"",
                "\"amount\": {\n          \"type\": \"number\""));

        assertThat(SchemaCompatibility.breaks(BASELINE, copy)).containsExactly(
                "catalog.product.price-changed: the type of data.oldPrice.amount changed from [integer] to [number]",
                "catalog.product.price-changed: the type of data.newPrice.amount changed from [integer] to [number]");
    }

    @Test
    void aNewEnumValueIsRefused() throws IOException {
        edit("order.order.cancelled", s -> s.replace("\"CUSTOMER_REQUEST\"", "\"CUSTOMER_REQUEST\",\n            \"FRAUD\""));

        assertThat(SchemaCompatibility.breaks(BASELINE, copy)).singleElement().asString()
                .contains("data.reason may now hold values consumers do not know");
    }

    @Test
    void aRemovedTypeIsRefusedAndANewTypePasses() throws IOException {
        copyCurrent();
        Files.delete(copy.resolve("catalog.stock.depleted.schema.json"));
        Files.copy(copy.resolve("order.order.confirmed.schema.json"), copy.resolve("order.order.shipped.schema.json"));

        assertThat(SchemaCompatibility.breaks(BASELINE, copy))
                .containsExactly("catalog.stock.depleted: the event type was removed");
    }

    private void edit(String type, java.util.function.UnaryOperator<String> change) throws IOException {
        copyCurrent();
        Path file = copy.resolve(type + ".schema.json");
        String before = Files.readString(file);
        String after = change.apply(before);
        assertThat(after).as("the edit must change %s", file).isNotEqualTo(before);
        Files.writeString(file, after);
    }

    private void copyCurrent() throws IOException {
        try (var files = Files.list(CURRENT)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
