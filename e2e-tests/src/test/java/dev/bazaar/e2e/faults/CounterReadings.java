package dev.bazaar.e2e.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.bazaar.e2e.InstanceCounters;
import dev.bazaar.e2e.RunningBazaar;
import dev.bazaar.e2e.ServiceProcess;

/**
 * Bazaar's per-instance counters read at the scenario's moments: charges per payment instance,
 * ReserveStock requests served per catalog instance. A counter lives in its process, so each
 * instance is read just before it is killed (what it held is lost then) and again after its
 * restart (from 0); the report shows every reading with its time.
 */
final class CounterReadings {

    /** What every counted instance said at one moment, in instance order. */
    record Moment(String name, Instant at, Map<String, InstanceCounters.Reading> byInstance) {
    }

    private final RunningBazaar bazaar;
    final List<Moment> moments = new CopyOnWriteArrayList<>();

    CounterReadings(RunningBazaar bazaar) {
        this.bazaar = bazaar;
    }

    void read(String moment) {
        Map<String, InstanceCounters.Reading> byInstance = new LinkedHashMap<>();
        for (ServiceProcess payment : bazaar.instances("payment")) {
            byInstance.put(payment.name(), InstanceCounters.read(payment, InstanceCounters.CHARGES));
        }
        for (ServiceProcess catalog : bazaar.instances("catalog")) {
            byInstance.put(catalog.name(), InstanceCounters.read(catalog, InstanceCounters.RESERVATIONS));
        }
        moments.add(new Moment(moment, Instant.now(), byInstance));
    }

    /** The instances read, in the order of every moment's columns. */
    List<String> instances() {
        return moments.isEmpty() ? List.of() : new ArrayList<>(moments.getFirst().byInstance().keySet());
    }
}
