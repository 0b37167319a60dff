package dev.takedown.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.auth.Authenticator;
import dev.takedown.core.json.Json;
import dev.takedown.core.testing.Events;
import dev.takedown.core.text.Hashing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuthorizerHandlerTest {
    private static final String DEMO_KEY = "tdk_demo_acme_0123456789abcdefghijklmnopqrstuv";
    private final AtomicInteger lookups = new AtomicInteger();
    private final Map<String, String> keys = Map.of(Hashing.sha256Hex(DEMO_KEY), "acme");
    private final AuthorizerHandler handler = new AuthorizerHandler(new Authenticator(hash -> {
        lookups.incrementAndGet();
        return Optional.ofNullable(keys.get(hash));
    }));

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

    @Test
    void aKnownKeyIsAllowedOnTheWholeStageAndNamesItsRightholder() throws Exception {
        JsonNode response = invoke(Events.load("authorizer-request.json"));

        assertThat(response.path("principalId").asText()).isEqualTo("acme");
        assertThat(response.path("context").path("rightholderId").asText()).isEqualTo("acme");
        JsonNode statement = response.path("policyDocument").path("Statement").get(0);
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.path("Action").asText()).isEqualTo("execute-api:Invoke");
        assertThat(statement.path("Resource").asText()).isEqualTo("arn:aws:execute-api:us-east-1:123456789012:abc123/prod/*");
    }

    @Test
    void headerNamesAndTheSchemeAreCaseInsensitive() throws Exception {
        assertThat(invoke(withAuthorization("bearer " + DEMO_KEY)).path("principalId").asText()).isEqualTo("acme");
        assertThat(invoke(withAuthorization("BEARER  " + DEMO_KEY)).path("principalId").asText()).isEqualTo("acme");
    }

    @Test
    void missingMalformedOrUnknownKeysAreUnauthorized() throws Exception {
        for (String header : new String[] {null, "", DEMO_KEY, "Basic " + DEMO_KEY, "Bearer", "Bearer short",
                "Bearer " + DEMO_KEY + " extra", "Bearer tdk_unknown_key_0000000000000000"}) {
            String event = withAuthorization(header);
            assertThatThrownBy(() -> invoke(event)).hasMessage("Unauthorized");
        }
        // Only the well-formed unknown key needed a lookup.
        assertThat(lookups.get()).isEqualTo(1);
    }

    @Test
    void theStageWideResourceKeepsApiAndStage() {
        assertThat(AuthorizerHandler.stageWide("arn:aws:execute-api:eu-west-1:1:api9/dev/GET/v1/notices/ntc_1"))
                .isEqualTo("arn:aws:execute-api:eu-west-1:1:api9/dev/*");
    }
}
