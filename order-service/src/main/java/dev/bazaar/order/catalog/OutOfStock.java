package dev.bazaar.order.catalog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

public class OutOfStock extends ProblemException {

    public record ShortLine(UUID productId, int requested, int available) {
    }

    private final List<ShortLine> shortLines;

    public OutOfStock(List<ShortLine> shortLines) {
        super(HttpStatus.CONFLICT, "insufficient-stock", "Insufficient stock",
                "Not enough stock for some lines; nothing was ordered.");
        this.shortLines = List.copyOf(shortLines);
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("shortLines", shortLines);
    }
}
