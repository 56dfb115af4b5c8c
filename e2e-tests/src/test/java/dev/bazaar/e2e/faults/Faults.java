package dev.bazaar.e2e.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import dev.bazaar.e2e.RunningBazaar;
import dev.bazaar.e2e.ServiceProcess;
import dev.bazaar.e2e.TcpProxy;

/**
 * The faults of the scenario, each injected under the running load and undone again.
 * A fault starts at a random moment: after a random number of further orders accepted.
 * A service with several instances loses one of them, picked at random: the others carry on.
 */
final class Faults {

    private static final Duration SERVICE_START = Duration.ofSeconds(240);

    private final RunningBazaar bazaar;
    private final CheckoutLoad load;
    private final Random random;
    private final boolean realInfrastructure;
    private final CounterReadings counters;
    final List<InjectedFault> injected = new CopyOnWriteArrayList<>();
    final List<String> violations = new CopyOnWriteArrayList<>();

    Faults(RunningBazaar bazaar, CheckoutLoad load, Random random, boolean realInfrastructure, CounterReadings counters) {
        this.bazaar = bazaar;
        this.load = load;
        this.random = random;
        this.realInfrastructure = realInfrastructure;
        this.counters = counters;
    }

    /**
     * {@code kill -9} of one instance of the service, then started again at once, as a supervisor
     * would. Its counters are read just before: what they held is gone with the process.
     */
    void killOneAndRestart(String service) {
        List<ServiceProcess> instances = bazaar.instances(service);
        ServiceProcess victim = instances.get(random.nextInt(instances.size()));
        awaitRandomMoment(victim.name());
        counters.read("before kill -9 " + victim.name());
        Mark mark = mark();
        victim.kill();
        victim.start();
        victim.awaitReady(SERVICE_START);
        String others = instances.size() == 1 ? "no other instance" : (instances.size() - 1) + " other instance(s) serving";
        record("kill -9 " + victim.name(), "SIGKILL, started again, ready; " + others, mark);
        counters.read("after " + victim.name() + " restarted");
    }

    void restartBroker() {
        awaitRandomMoment("rabbitmq");
        Mark mark = mark();
        if (realInfrastructure) {
            Infrastructure.stopBroker();
            try {
                letLoadMeetIt(20, Duration.ofSeconds(60));
            } finally {
                Infrastructure.startBroker();
            }
            record("rabbitmq stop/start", "rabbitmqctl stop_app, start_app", mark);
        } else {
            cutFor(bazaar.brokerLink, 20, Duration.ofSeconds(60));
            record("rabbitmq outage (simulated)", "every broker connection of every service cut, then allowed again", mark);
        }
    }

    void restartPostgres() {
        awaitRandomMoment("postgres");
        Mark mark = mark();
        if (realInfrastructure) {
            Infrastructure.restartPostgres();
            record("postgres restart", "pg_ctlcluster restart", mark);
        } else {
            cutFor(bazaar.postgresLink(), 12, Duration.ofSeconds(30));
            record("postgres outage (simulated)", "every database connection of every service cut, then allowed again", mark);
        }
    }

    /** The same delay on every link of the list (e.g. order's to each catalog instance): the peer as a whole is slow. */
    void slowLinks(String name, List<TcpProxy> links) {
        awaitRandomMoment(name);
        Duration delay = Duration.ofMillis(1_000 + random.nextInt(2_000));
        Mark mark = mark();
        links.forEach(link -> link.delay(delay));
        try {
            letLoadMeetIt(16, Duration.ofSeconds(60));
        } finally {
            links.forEach(TcpProxy::heal);
        }
        record("delay " + name, delay.toMillis() + " ms on every chunk, both ways, on " + links.size() + " links", mark);
    }

    /** Every link of the list cut at once: no instance of the peer is reachable. */
    void cutLinks(String name, List<TcpProxy> links) {
        awaitRandomMoment(name);
        Mark mark = mark();
        links.forEach(TcpProxy::cut);
        try {
            letLoadMeetIt(16, Duration.ofSeconds(30));
        } finally {
            links.forEach(TcpProxy::heal);
        }
        record("cut " + name, "connections on " + links.size() + " links dropped and refused, then allowed again", mark);
    }

    /** {@code kill -9} of the one gateway: shoppers' only door, so their retries wait it out. */
    void killGatewayAndRestart() {
        ServiceProcess gateway = bazaar.service("gateway");
        awaitRandomMoment("gateway");
        Mark mark = mark();
        gateway.kill();
        gateway.start();
        gateway.awaitReady(SERVICE_START);
        record("kill -9 gateway", "SIGKILL, started again, ready (the only instance)", mark);
    }

    Instant lastFaultEnded() {
        return injected.isEmpty() ? Instant.now() : injected.getLast().end();
    }

    private void cutFor(TcpProxy link, int requests, Duration atMost) {
        link.cut();
        try {
            letLoadMeetIt(requests, atMost);
        } finally {
            link.heal();
        }
    }

    /**
     * Waits for 3 to 10 more accepted orders: the moment is random, and the system has
     * proven it takes orders again after the previous fault.
     */
    private void awaitRandomMoment(String next) {
        int before = load.acceptedCount();
        int more = 3 + random.nextInt(8);
        try {
            Awaitility.await("orders accepted before " + next).atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> load.acceptedCount() >= before + more);
        } catch (ConditionTimeoutException e) {
            violations.add("no " + more + " orders accepted within 150 s before " + next
                    + ": the system had not recovered from the fault before it (accepted " + (load.acceptedCount() - before) + ")");
        }
    }

    /** Keeps the fault on until the load has sent it some requests (or the time is up). */
    private void letLoadMeetIt(int requests, Duration atMost) {
        long before = load.requests();
        try {
            Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                    .until(() -> load.requests() >= before + requests);
        } catch (ConditionTimeoutException e) {
            // the requests are stuck in the fault: long enough
        }
    }

    private Mark mark() {
        return new Mark(Instant.now(), load.requests(), load.acceptedCount());
    }

    private void record(String name, String how, Mark mark) {
        InjectedFault fault = new InjectedFault(name, how, mark.at(), Instant.now(), load.requests() - mark.requests(),
                load.acceptedCount() - mark.accepted());
        injected.add(fault);
        System.out.printf("[faults] %s (%s): %d ms, %d requests, %d orders accepted meanwhile%n", fault.name(),
                fault.how(), fault.duration().toMillis(), fault.requestsDuring(), fault.acceptedDuring());
    }

    private record Mark(Instant at, long requests, int accepted) {
    }
}
