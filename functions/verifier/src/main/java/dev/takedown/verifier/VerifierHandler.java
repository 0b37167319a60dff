package dev.takedown.verifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.aws.AwsClients;
import dev.takedown.aws.DynamoAuditLog;
import dev.takedown.aws.DynamoListingStore;
import dev.takedown.aws.DynamoNoticeStore;
import dev.takedown.aws.DynamoRightStore;
import dev.takedown.aws.DynamoRightholderStore;
import dev.takedown.aws.SqsNotificationQueue;
import dev.takedown.aws.StreamJson;
import dev.takedown.aws.Wiring;
import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.json.Json;
import dev.takedown.core.runtime.Env;
import dev.takedown.core.runtime.Log;
import dev.takedown.core.runtime.Parallel;
import dev.takedown.core.verify.VerificationService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Consumes VerificationQueue: each message names items of one notice. A message that fails is reported alone
 * (partial batch response), so it is retried and finally dead-lettered without holding back its batch-mates.
 */
public final class VerifierHandler implements RequestStreamHandler {
    private final VerificationService verification;

    public VerifierHandler() {
        this(System.getenv());
    }

    public VerifierHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /** With a clock of the caller's, as the local stack's scenario tests use. */
    public VerifierHandler(Map<String, String> environment, Clock clock) {
        this(wire(new Env(environment), clock));
    }

    public VerifierHandler(VerificationService verification) {
        this.verification = verification;
    }

    private static VerificationService wire(Env env, Clock clock) {
        var dynamo = AwsClients.dynamo(env);
        DynamoNoticeStore notices = new DynamoNoticeStore(dynamo, env.require("NOTICES_TABLE"));
        SqsNotificationQueue notifications = Wiring.notificationQueue(env);
        return new VerificationService(
                notices,
                new DynamoRightStore(dynamo, env.require("RIGHTS_TABLE")),
                new DynamoRightholderStore(dynamo, env.require("RIGHTHOLDERS_TABLE")),
                new DynamoListingStore(dynamo, env.require("LISTINGS_TABLE")),
                new DecisionRecorder(notices, new DynamoAuditLog(dynamo, env.require("AUDIT_TABLE")), notifications,
                        Wiring.trustService(env, Wiring.trustStore(env), notifications)),
                clock);
    }

    /** Messages are independent (verification is safe to run concurrently), so a batch is verified side by side. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        StreamJson.read(input).path("Records").forEach(records::add);
        List<Boolean> verified = Parallel.map(records, this::verify);
        ObjectNode response = Json.object();
        ArrayNode failures = response.putArray("batchItemFailures");
        for (int i = 0; i < records.size(); i++) {
            if (!verified.get(i)) {
                failures.addObject().put("itemIdentifier", records.get(i).path("messageId").asText());
            }
        }
        StreamJson.write(output, response);
    }

    private boolean verify(JsonNode record) {
        try {
            JsonNode body = Json.parse(record.path("body").asText());
            List<Integer> items = new ArrayList<>();
            for (JsonNode index : body.path("items")) {
                if (!index.canConvertToInt() || !index.isIntegralNumber() || index.intValue() < 0) {
                    throw new IllegalArgumentException("item indexes must be whole numbers from 0");
                }
                items.add(index.intValue());
            }
            String noticeId = body.path("noticeId").asText(null);
            if (noticeId == null || items.isEmpty()) {
                throw new IllegalArgumentException("a verification message needs noticeId and items");
            }
            verification.verify(noticeId, items);
            return true;
        } catch (Exception e) {
            Log.error("verification message failed; it will be retried, then dead-lettered", e,
                    "messageId", record.path("messageId").asText(),
                    "receiveCount", record.path("attributes").path("ApproximateReceiveCount").asText());
            return false;
        }
    }
}
