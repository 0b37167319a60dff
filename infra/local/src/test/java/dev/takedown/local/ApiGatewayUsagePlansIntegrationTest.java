package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.takedown.aws.Adapters;
import dev.takedown.aws.ApiGatewayUsagePlans;
import dev.takedown.aws.BackendFailures;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.Principal;
import dev.takedown.core.model.RatePlan;
import dev.takedown.core.model.UsageKey;
import dev.takedown.core.runtime.Env;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;

/**
 * The admin function's API Gateway adapter, built by {@link Adapters} from the function's environment, over HTTP
 * against the local stack's {@link ApiGatewayKeys}, which answers as API Gateway's REST API does (and, failing on
 * purpose, as one that is down): the requests the SDK sends are recorded and checked, then what became of the key.
 */
class ApiGatewayUsagePlansIntegrationTest {
    private static final RateLimiter.Throttle STANDARD = new RateLimiter.Throttle(2, 5);
    private static final RateLimiter.Throttle HIGH_VOLUME = new RateLimiter.Throttle(20, 50);
    private static final ApiDef API = new ApiDef("TakedownApi", "prod", null, Map.of(), Map.of(), List.of(), true,
            Map.of("plan-standard", STANDARD, "plan-high", HIGH_VOLUME), List.of());

    /** One request as the SDK sent it. */
    record Request(String method, String path, JsonNode body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Requests to a path starting with this are answered 503, as by an API Gateway that is down; null: none. */
    private volatile String unavailable;
    private ApiGatewayKeys keys;
    private HttpServer server;

    @TempDir
    Path dataDir;

    @BeforeEach
    void start() throws Exception {
        keys = new ApiGatewayKeys(API, dataDir.resolve("apigateway-keys.json"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), path,
                    body.length == 0 ? null : Json.parse(new String(body, StandardCharsets.UTF_8))));
            if (unavailable != null && path.startsWith(unavailable)) {
                HttpReply.json(503, "{\"message\": \"Service Unavailable\"}")
                        .withHeader("x-amzn-ErrorType", "ServiceUnavailableException").send(exchange);
                return;
            }
            exchange.setStreams(new ByteArrayInputStream(body), null);
            keys.handle(exchange);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** The adapter as the admin function builds it, from its environment, naming this test's usage plans. */
    private ApiGatewayUsagePlans usagePlans(String standardPlanId) {
        return new Adapters(new Env(Map.of(
                "AWS_ENDPOINT_URL_APIGATEWAY", "http://127.0.0.1:" + server.getAddress().getPort(),
                "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "STANDARD_USAGE_PLAN_ID", standardPlanId, "HIGH_VOLUME_USAGE_PLAN_ID", "plan-high"))).usagePlans();
    }

    @Test
    void aPrincipalsKeyIsMadeThenPutOnItsPlanAndMovedOffTheOldPlanBeforeOntoTheNew() {
        ApiGatewayUsagePlans usagePlans = usagePlans("plan-standard");

        UsageKey key = usagePlans.createKey(Principal.seller("seller-fake"));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).toString()).isEqualTo("POST /apikeys");
        assertThat(requests.get(0).body().path("name").asText()).isEqualTo("seller:seller-fake");
        assertThat(requests.get(0).body().path("enabled").asBoolean()).isTrue();
        assertThat(requests.get(0).body().has("value")).as("API Gateway makes the value").isFalse();
        assertThat(key.value()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(keys.throttleOf(key.value())).as("made on no plan: refused").isEmpty();

        requests.clear();
        usagePlans.meter(key.id(), RatePlan.STANDARD);
        assertThat(requests).extracting(Request::toString).containsExactly(
                "DELETE /usageplans/plan-high/keys/" + key.id(), "POST /usageplans/plan-standard/keys");
        assertThat(requests.get(1).body().path("keyId").asText()).isEqualTo(key.id());
        assertThat(requests.get(1).body().path("keyType").asText()).isEqualTo("API_KEY");
        assertThat(keys.throttleOf(key.value())).contains(STANDARD);

        usagePlans.meter(key.id(), RatePlan.STANDARD);
        assertThat(keys.throttleOf(key.value())).as("done again: off the other plan already, on this one already")
                .contains(STANDARD);

        requests.clear();
        usagePlans.meter(key.id(), RatePlan.HIGH_VOLUME);
        assertThat(requests).extracting(Request::toString).containsExactly(
                "DELETE /usageplans/plan-standard/keys/" + key.id(), "POST /usageplans/plan-high/keys");
        assertThat(keys.throttleOf(key.value())).contains(HIGH_VOLUME);
    }

    @Test
    void aMoveCutShortLeavesTheKeyOnNoPlanSoItsRequestsAreRefusedUntilTheMoveIsMadeAgain() {
        ApiGatewayUsagePlans usagePlans = usagePlans("plan-standard");
        UsageKey key = usagePlans.createKey(Principal.rightholder("acme"));
        usagePlans.meter(key.id(), RatePlan.STANDARD);
        unavailable = "/usageplans/plan-high/keys";

        assertThatThrownBy(() -> usagePlans.meter(key.id(), RatePlan.HIGH_VOLUME))
                .isInstanceOfSatisfying(ApiGatewayException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(BackendFailures.unavailable(e)).as("a backend down, to retry").isTrue();
                });
        assertThat(keys.throttleOf(key.value())).as("on neither plan: never unthrottled, never on two").isEmpty();

        unavailable = null;
        usagePlans.meter(key.id(), RatePlan.HIGH_VOLUME);
        assertThat(keys.throttleOf(key.value())).contains(HIGH_VOLUME);
    }

    @Test
    void aUsagePlanThatDoesNotExistIsAFaultOfOursNotSwallowed() {
        ApiGatewayUsagePlans usagePlans = usagePlans("plan-deleted");
        UsageKey key = usagePlans.createKey(Principal.rightholder("acme"));

        assertThatThrownBy(() -> usagePlans.meter(key.id(), RatePlan.STANDARD))
                .isInstanceOfSatisfying(NotFoundException.class, e ->
                        assertThat(BackendFailures.unavailable(e)).isFalse());
        assertThat(keys.throttleOf(key.value())).isEmpty();
    }

    @Test
    void keysMadeAtRunTimeStayOnTheirPlansAcrossARestartWithTheDataDirectory() {
        ApiGatewayUsagePlans usagePlans = usagePlans("plan-standard");
        UsageKey key = usagePlans.createKey(Principal.rightholder("acme"));
        usagePlans.meter(key.id(), RatePlan.HIGH_VOLUME);

        ApiGatewayKeys restarted = new ApiGatewayKeys(API, dataDir.resolve("apigateway-keys.json"));
        assertThat(restarted.throttleOf(key.value())).contains(HIGH_VOLUME);
        assertThat(new ApiGatewayKeys(API, null).throttleOf(key.value())).as("without a data directory").isEmpty();
    }
}
