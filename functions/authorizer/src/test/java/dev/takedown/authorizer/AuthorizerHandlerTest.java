package dev.takedown.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.auth.Authenticator;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.ApiKey;
import dev.takedown.core.model.Deactivation;
import dev.takedown.core.model.Ids;
import dev.takedown.core.model.Principal;
import dev.takedown.core.model.RatePlan;
import dev.takedown.core.model.UsageKey;
import dev.takedown.core.testing.Events;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryApiKeyStore;
import dev.takedown.core.text.Hashing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizerHandlerTest {
    private static final String DEMO_KEY = "tdk_demo_acme_0123456789abcdefghijklmnopqrstuvw";
    private static final Principal ACME = Principal.rightholder("acme");
    private final InMemoryApiKeyStore keys = new InMemoryApiKeyStore();
    private static final Map<RatePlan, String> USAGE_KEYS = Map.of(
            RatePlan.STANDARD, "takedown-standard-plan-usage-key",
            RatePlan.HIGH_VOLUME, "takedown-high-volume-plan-usage-key");
    private final AuthorizerHandler handler = new AuthorizerHandler(new Authenticator(keys, Fixtures.clock()), USAGE_KEYS);

    AuthorizerHandlerTest() {
        keys.issue(ApiKey.issued(DEMO_KEY, ACME, Fixtures.NOW.minus(Duration.ofDays(1)), null, null));
    }

    private JsonNode invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.parse(out.toString(StandardCharsets.UTF_8));
    }

    private static String withAuthorization(String value) throws Exception {
        ObjectNode event = (ObjectNode) Json.parse(Events.load("authorizer-request.json"));
        ObjectNode headers = event.withObjectProperty("headers");
        headers.remove("Authorization");
        if (value != null) {
            headers.put("authorization", value);
        }
        return event.toString();
    }

    /** Invokes with the key, expecting a refusal, and answers what the function logged. */
    private String refusedAndLogged(String header) throws Exception {
        String event = withAuthorization(header);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> invoke(event)).hasMessage("Unauthorized");
        } finally {
            System.setOut(stdout);
        }
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aKnownKeyIsAllowedOnTheWholeStageAndNamesItsRightholder() throws Exception {
        JsonNode response = invoke(Events.load("authorizer-request.json"));

        assertThat(response.path("principalId").asText()).isEqualTo("acme");
        assertThat(Json.write(response.path("context")))
                .isEqualTo("{\"principalType\":\"RIGHTHOLDER\",\"principalId\":\"acme\",\"rightholderId\":\"acme\","
                        + "\"ratePlan\":\"STANDARD\"}");
        assertThat(response.path("usageIdentifierKey").asText()).isEqualTo("takedown-standard-plan-usage-key");
        JsonNode statement = response.path("policyDocument").path("Statement").get(0);
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.path("Action").asText()).isEqualTo("execute-api:Invoke");
        assertThat(statement.path("Resource").asText()).isEqualTo("arn:aws:execute-api:us-east-1:123456789012:abc123/prod/*");
    }

    @Test
    void aSellersKeyNamesItsSellerAndNoRightholder() throws Exception {
        String sellersKey = Ids.apiKey();
        keys.issue(ApiKey.issued(sellersKey, Principal.seller("seller-fake"), Fixtures.NOW.minusSeconds(60), "staff-jane",
                null));

        JsonNode response = invoke(withAuthorization("Bearer " + sellersKey));

        assertThat(response.path("principalId").asText()).isEqualTo("seller-fake");
        assertThat(Json.write(response.path("context")))
                .isEqualTo("{\"principalType\":\"SELLER\",\"principalId\":\"seller-fake\",\"sellerId\":\"seller-fake\","
                        + "\"ratePlan\":\"STANDARD\"}");
        assertThat(response.path("policyDocument").path("Statement").get(0).path("Resource").asText())
                .isEqualTo("arn:aws:execute-api:us-east-1:123456789012:abc123/prod/*");
    }

    @Test
    void aSellersKeyIsRefusedAsARightholdersIsWhenRevokedOrExpired() throws Exception {
        Principal seller = Principal.seller("seller-fake");
        String revoked = Ids.apiKey();
        String expired = Ids.apiKey();
        keys.issue(ApiKey.issued(revoked, seller, Fixtures.NOW.minusSeconds(60), "staff-jane", null));
        keys.revokeAllBut(seller, null);
        keys.issue(ApiKey.issued(expired, seller, Fixtures.NOW.minusSeconds(60), "staff-jane", Fixtures.NOW));

        assertThat(refusedAndLogged("Bearer " + revoked)).contains("\"reason\":\"UNKNOWN\"");
        assertThat(refusedAndLogged("Bearer " + expired)).contains("\"reason\":\"EXPIRED\"");
    }

    @Test
    void aPrincipalWithoutAGatewayKeyOfItsOwnIsMeteredOnItsPlansSharedKey() throws Exception {
        keys.setRatePlan(ACME, RatePlan.HIGH_VOLUME);

        JsonNode response = invoke(Events.load("authorizer-request.json"));

        assertThat(response.path("usageIdentifierKey").asText()).isEqualTo("takedown-high-volume-plan-usage-key");
        assertThat(response.path("context").path("ratePlan").asText()).isEqualTo("HIGH_VOLUME");
        assertThat(keys.reads.get()).as("the key, then the principal's deactivation and plan together").isEqualTo(2);
    }

    @Test
    void aPrincipalWithAGatewayKeyOfItsOwnIsMeteredOnItAfterTheSameTwoReads() throws Exception {
        keys.keepUsageKey(ACME, new UsageKey("gk-acme", "acme-own-usage-key-value-0123456789"));
        keys.setRatePlan(ACME, RatePlan.HIGH_VOLUME);

        JsonNode response = invoke(Events.load("authorizer-request.json"));

        assertThat(response.path("usageIdentifierKey").asText()).isEqualTo("acme-own-usage-key-value-0123456789");
        assertThat(response.path("context").path("ratePlan").asText()).isEqualTo("HIGH_VOLUME");
        assertThat(response.path("context").toString()).as("routes never see it")
                .doesNotContain("acme-own-usage-key-value-0123456789");
        assertThat(keys.reads.get()).as("the key, then the principal's deactivation, plan and gateway key together")
                .isEqualTo(2);
    }

    @Test
    void aDeactivatedPrincipalStaysRefusedWhateverItsPlan() throws Exception {
        keys.setRatePlan(ACME, RatePlan.HIGH_VOLUME);
        keys.deactivate(ACME, new Deactivation(Fixtures.NOW, "staff-jane", "Mandate ended."));

        assertThat(refusedAndLogged("Bearer " + DEMO_KEY)).contains("\"reason\":\"DEACTIVATED\"");
        keys.reactivate(ACME);
        assertThat(invoke(Events.load("authorizer-request.json")).path("context").path("ratePlan").asText())
                .as("reactivation keeps the plan").isEqualTo("HIGH_VOLUME");
    }

    @Test
    void everyRatePlanNeedsAUsageKey() {
        assertThatThrownBy(() -> new AuthorizerHandler(new Authenticator(keys, Fixtures.clock()),
                Map.of(RatePlan.STANDARD, "takedown-standard-plan-usage-key")))
                .hasMessageContaining("HIGH_VOLUME");
    }

    @Test
    void headerNamesAndTheSchemeAreCaseInsensitive() throws Exception {
        assertThat(invoke(withAuthorization("bearer " + DEMO_KEY)).path("principalId").asText()).isEqualTo("acme");
        assertThat(invoke(withAuthorization("BEARER  " + DEMO_KEY)).path("principalId").asText()).isEqualTo("acme");
    }

    @Test
    void keysNotOfTheIssuedShapeAreRefusedWithoutAnyRead() throws Exception {
        for (String header : new String[] {null, "", DEMO_KEY, "Basic " + DEMO_KEY, "Bearer", "Bearer short",
                "Bearer " + DEMO_KEY + " extra", "Bearer " + DEMO_KEY + "x", "Bearer " + DEMO_KEY.substring(1),
                "Bearer " + DEMO_KEY.substring(0, DEMO_KEY.length() - 1), "Bearer tdk_unknown_key_0000000000000000",
                "Bearer xyz_" + DEMO_KEY.substring(4), "Bearer " + DEMO_KEY.replace('_', '.'),
                "Bearer " + DEMO_KEY.repeat(6)}) {
            String logged = refusedAndLogged(header);
            assertThat(logged).as(header).contains("\"reason\":\"" + (header == null || header.isEmpty() ? "MISSING" : "MALFORMED"));
        }
        assertThat(keys.reads.get()).as("store reads").isZero();
    }

    @Test
    void everyIssuedKeyIsOfTheShapeTheAuthorizerAccepts() {
        for (int i = 0; i < 1000; i++) {
            String key = Ids.apiKey();
            assertThat(Ids.isApiKey(key)).as(key).isTrue();
        }
    }

    @Test
    void anUnknownKeyOfTheIssuedShapeIsRefusedAfterOneRead() throws Exception {
        assertThat(refusedAndLogged("Bearer " + Ids.apiKey())).contains("\"reason\":\"UNKNOWN\"");
        assertThat(keys.reads.get()).isEqualTo(1);
    }

    @Test
    void aRevokedKeyIsRefused() throws Exception {
        keys.revokeAllBut(ACME, null);
        assertThat(refusedAndLogged("Bearer " + DEMO_KEY)).contains("\"reason\":\"UNKNOWN\"");
    }

    @Test
    void anExpiredKeyIsRefusedFromTheMomentItExpires() throws Exception {
        String expiring = Ids.apiKey();
        String later = Ids.apiKey();
        keys.issue(ApiKey.issued(expiring, ACME, Fixtures.NOW.minus(Duration.ofDays(30)), "staff-jane", Fixtures.NOW));
        keys.issue(ApiKey.issued(later, ACME, Fixtures.NOW.minus(Duration.ofDays(30)), "staff-jane",
                Fixtures.NOW.plusMillis(1)));

        assertThat(refusedAndLogged("Bearer " + expiring)).contains("\"reason\":\"EXPIRED\"");
        assertThat(invoke(withAuthorization("Bearer " + later)).path("principalId").asText()).isEqualTo("acme");
    }

    @Test
    void everyKeyOfADeactivatedRightholderIsRefusedUntilItIsReactivated() throws Exception {
        keys.deactivate(ACME, new Deactivation(Fixtures.NOW, "staff-jane", "Contract ended."));
        assertThat(refusedAndLogged("Bearer " + DEMO_KEY)).contains("\"reason\":\"DEACTIVATED\"");

        keys.reactivate(ACME);
        assertThat(invoke(withAuthorization("Bearer " + DEMO_KEY)).path("principalId").asText()).isEqualTo("acme");
    }

    @Test
    void refusalsLogTheReasonAndThePrefixButNeverTheKeyOrItsHash() throws Exception {
        String unknown = Ids.apiKey();
        String expired = Ids.apiKey();
        keys.issue(ApiKey.issued(expired, ACME, Fixtures.NOW.minus(Duration.ofDays(2)), null, Fixtures.NOW.minusSeconds(1)));
        for (String key : List.of(unknown, expired, DEMO_KEY + "x", DEMO_KEY.substring(0, 30))) {
            String logged = refusedAndLogged("Bearer " + key);
            assertThat(logged).as(key).contains("API key refused", "\"keyPrefix\":\"" + key.substring(0, 8) + "\"")
                    .doesNotContain(key, key.substring(0, 9), Hashing.sha256Hex(key));
        }
        assertThat(refusedAndLogged("Bearer tdk_abc")).contains("\"reason\":\"MALFORMED\"")
                .doesNotContain("keyPrefix", "tdk_abc");
    }

    @Test
    void theStageWideResourceKeepsApiAndStage() {
        assertThat(AuthorizerHandler.stageWide("arn:aws:execute-api:eu-west-1:1:api9/dev/GET/v1/notices/ntc_1"))
                .isEqualTo("arn:aws:execute-api:eu-west-1:1:api9/dev/*");
    }
}
