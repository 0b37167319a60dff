package dev.takedown.staff;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.aws.Adapters;
import dev.takedown.aws.DynamoAuditLog;
import dev.takedown.aws.DynamoListingStore;
import dev.takedown.aws.DynamoNoticeStore;
import dev.takedown.aws.DynamoRightholderStore;
import dev.takedown.aws.DynamoSellerStore;
import dev.takedown.aws.DynamoTrustStore;
import dev.takedown.aws.DynamoWebhookSecretStore;
import dev.takedown.aws.SqsNotificationQueue;
import dev.takedown.aws.StreamJson;
import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.runtime.Env;
import dev.takedown.core.runtime.Log;
import dev.takedown.core.staff.StaffException;
import dev.takedown.core.staff.StaffRequests;
import dev.takedown.core.staff.StaffService;
import dev.takedown.core.staff.TrustStaffService;
import dev.takedown.core.staff.WebhookStaffService;
import dev.takedown.core.trust.TrustService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Staff operations, invoked directly (console test event or {@code aws lambda invoke}), never through the API.
 * A request staff must correct is answered with an {@code error} result; only a failing dependency fails the
 * invocation (and raises the errors alarm).
 */
public final class StaffHandler implements RequestStreamHandler {
    private final StaffService staff;
    private final TrustStaffService trust;
    private final WebhookStaffService webhooks;

    public StaffHandler() {
        this(System.getenv());
    }

    public StaffHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /** With a clock of the caller's, as the local stack's scenario tests use. */
    public StaffHandler(Map<String, String> environment, Clock clock) {
        this(wire(new Adapters(new Env(environment)), clock));
    }

    private StaffHandler(Wired wired) {
        this(wired.staff(), wired.trust(), wired.webhooks());
    }

    public StaffHandler(StaffService staff, TrustStaffService trust, WebhookStaffService webhooks) {
        this.staff = staff;
        this.trust = trust;
        this.webhooks = webhooks;
    }

    private record Wired(StaffService staff, TrustStaffService trust, WebhookStaffService webhooks) {
    }

    /** Both services share the queue, the trust store and the trust service, as decisions feed the record. */
    private static Wired wire(Adapters adapters, Clock clock) {
        SqsNotificationQueue notifications = adapters.notificationQueue();
        DynamoTrustStore trustStore = adapters.trust();
        TrustService trust = adapters.trustService(trustStore, notifications);
        DynamoNoticeStore notices = adapters.notices();
        DynamoRightholderStore rightholders = adapters.rightholders();
        DynamoListingStore listings = adapters.listings();
        DynamoAuditLog audit = adapters.audit();
        DynamoWebhookSecretStore secrets = adapters.webhookSecrets();
        StaffService staff = new StaffService(notices, adapters.rights(), rightholders, rightholders, adapters.apiKeys(),
                secrets, listings, audit, new DecisionRecorder(notices, audit, notifications, trust), clock);
        DynamoSellerStore sellers = adapters.sellers();
        return new Wired(staff, new TrustStaffService(trust,
                adapters.sellerStandings(trustStore, notifications), trustStore, rightholders, clock),
                new WebhookStaffService(rightholders, sellers, sellers, secrets, clock));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode result;
        try {
            result = perform(readEvent(input));
        } catch (StaffException e) {
            Log.info("staff request refused", "type", e.type(), "message", e.getMessage());
            result = StaffJson.error(e);
        }
        StreamJson.write(output, result);
    }

    private JsonNode perform(JsonNode event) {
        return switch (StaffRequests.operation(event)) {
            case reviewQueue -> StaffJson.reviewQueue(staff.reviewQueue(StaffRequests.reviewQueue(event)));
            case decideItem -> StaffJson.decided(staff.decideItem(StaffRequests.decideItem(event)));
            case setRightStatus -> StaffJson.right(staff.setRightStatus(StaffRequests.setRightStatus(event)));
            case registerRightholder -> StaffJson.registered(staff.registerRightholder(StaffRequests.registerRightholder(event)));
            case rotateApiKey -> StaffJson.rotated(staff.rotateApiKey(StaffRequests.rotateApiKey(event)));
            case getNotice -> StaffJson.noticeRecord(staff.getNotice(StaffRequests.getNotice(event)));
            case getRightholder -> StaffJson.rightholder(trust.getRightholder(StaffRequests.getRightholder(event)));
            case setTier -> StaffJson.rightholder(trust.setTier(StaffRequests.setTier(event)));
            case liftSuspension -> StaffJson.rightholder(trust.liftSuspension(StaffRequests.liftSuspension(event)));
            case getSeller -> StaffJson.seller(trust.getSeller(StaffRequests.getSeller(event)));
            case voidStrike -> StaffJson.seller(trust.voidStrike(StaffRequests.voidStrike(event)));
            case reinstateSeller -> StaffJson.seller(trust.reinstateSeller(StaffRequests.reinstateSeller(event)));
            case registerSeller -> StaffJson.registeredSeller(webhooks.registerSeller(StaffRequests.registerSeller(event)));
            case rotateWebhookSecret -> StaffJson.rotatedSecret(
                    webhooks.rotateWebhookSecret(StaffRequests.rotateWebhookSecret(event)));
        };
    }

    private static JsonNode readEvent(InputStream input) throws IOException {
        try {
            return StreamJson.read(input);
        } catch (JsonProcessingException e) {
            throw new StaffException(StaffException.Type.InvalidRequest, "The event is not JSON.",
                    List.of(new FieldError("event", "must be a JSON object with an operation")));
        }
    }
}
