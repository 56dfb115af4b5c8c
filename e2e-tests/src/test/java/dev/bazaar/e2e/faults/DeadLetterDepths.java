package dev.bazaar.e2e.faults;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bazaar.e2e.RunningBazaar;

/**
 * Messages in the dead-letter queues of this run's queue prefix, per queue, as each
 * consuming service reports them on its admin endpoint (the broker's management API is
 * not enabled on every machine). The suite poisons no message, so every one is a fault.
 */
final class DeadLetterDepths {

    private static final List<String> CONSUMERS = List.of("catalog", "order", "payment");

    private DeadLetterDepths() {
    }

    static Map<String, Long> of(RunningBazaar bazaar, String adminToken) {
        Map<String, Long> depths = new LinkedHashMap<>();
        for (String service : CONSUMERS) {
            List<Map<String, Object>> queues = given().baseUri(bazaar.url(service)).auth().oauth2(adminToken)
                    .when().get("/api/{service}/admin/dead-letters", service)
                    .then().statusCode(200).extract().jsonPath().getList("$");
            for (Map<String, Object> queue : queues) {
                depths.put((String) queue.get("dlq"), ((Number) queue.get("depth")).longValue());
            }
        }
        return depths;
    }
}
