package dev.bazaar.loadtests;

import java.time.Duration;
import java.util.Map;

/**
 * The knobs of a run, as system properties ({@code -Dbazaar.rate=20}), with defaults from
 * the profile: {@code smoke} (CI: short, gentle, strict assertions) or {@code full} (what
 * load-tests/bench runs). The Maven profile {@code -Psmoke} sets {@code bazaar.load.profile}.
 */
record LoadProfile(String name, String gateway, int users, double rate, Duration duration,
        double stepStart, double stepIncrement, int steps, Duration stepDuration, Duration stepWarmup,
        int restock, int minStock, Duration maxP99, Duration tokenRefresh) {

    private static final Map<String, Map<String, String>> DEFAULTS = Map.of(
            "smoke", Map.of("users", "8", "rate", "4", "duration", "30", "restock", "0", "minStock", "20",
                    "maxP99Ms", "4000", "stepStart", "1", "stepIncrement", "1", "steps", "3", "stepDuration", "10"),
            "full", Map.of("users", "60", "rate", "40", "duration", "180", "restock", "2000", "minStock", "20",
                    "maxP99Ms", "1000", "stepStart", "5", "stepIncrement", "5", "steps", "8", "stepDuration", "30"));

    static LoadProfile current() {
        String name = System.getProperty("bazaar.load.profile", "full");
        Map<String, String> defaults = DEFAULTS.get(name);
        if (defaults == null) {
            throw new IllegalArgumentException("unknown bazaar.load.profile " + name + ": smoke or full");
        }
        return new LoadProfile(name,
                System.getProperty("bazaar.gateway", "http://localhost:8080").replaceAll("/$", ""),
                Integer.parseInt(get("users", defaults)),
                Double.parseDouble(get("rate", defaults)),
                Duration.ofSeconds(Long.parseLong(get("duration", defaults))),
                Double.parseDouble(get("stepStart", defaults)),
                Double.parseDouble(get("stepIncrement", defaults)),
                Integer.parseInt(get("steps", defaults)),
                Duration.ofSeconds(Long.parseLong(get("stepDuration", defaults))),
                // StepUp at its first rate before the steps, counted in none (0: the first step warms up)
                Duration.ofSeconds(Long.getLong("bazaar.stepWarmup", 0)),
                Integer.parseInt(get("restock", defaults)),
                Integer.parseInt(get("minStock", defaults)),
                Duration.ofMillis(Long.parseLong(get("maxP99Ms", defaults))),
                // access tokens live 5 minutes; a shopper signs in again well before that
                Duration.ofSeconds(Long.getLong("bazaar.tokenRefreshSeconds", 200)));
    }

    private static String get(String key, Map<String, String> defaults) {
        return System.getProperty("bazaar." + key, defaults.get(key));
    }

    @Override
    public String toString() {
        return "profile " + name + ": gateway " + gateway + ", " + users + " shoppers, rate " + rate + "/s for "
                + duration.toSeconds() + " s (steps " + stepStart + " +" + stepIncrement + " x" + steps + " of "
                + stepDuration.toSeconds() + " s after " + stepWarmup.toSeconds() + " s of warm-up), restock " + restock + ", p99 bound " + maxP99.toMillis() + " ms";
    }
}
