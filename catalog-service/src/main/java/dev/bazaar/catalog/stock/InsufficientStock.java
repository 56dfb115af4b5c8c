package dev.bazaar.catalog.stock;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

public class InsufficientStock extends ProblemException {

    private final List<ShortLine> shortLines;

    public InsufficientStock(List<ShortLine> shortLines) {
        super(HttpStatus.CONFLICT, "insufficient-stock", "Insufficient stock",
                "Not enough stock for " + shortLines.size() + " line(s); nothing was reserved or changed.");
        this.shortLines = List.copyOf(shortLines);
    }

    public List<ShortLine> shortLines() {
        return shortLines;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("shortLines", shortLines);
    }
}
