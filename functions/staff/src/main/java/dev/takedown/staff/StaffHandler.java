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
import dev.takedown.aws.LambdaInvocation;
import dev.takedown.aws.SqsNotificationQueue;
import dev.takedown.aws.StreamJson;
import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.model.Principal;
import dev.takedown.core.model.RatePlan;
import dev.takedown.core.model.UsageKey;
import dev.takedown.core.ports.UsagePlans;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.runtime.Env;
import dev.takedown.core.runtime.Log;
import dev.takedown.core.staff.ComplaintStaffService;
import dev.takedown.core.staff.ReportStaffService;
import dev.takedown.core.staff.StaffException;
import dev.takedown.core.staff.StaffRequests;
import dev.takedown.core.staff.StaffRequests.Operation;
import dev.takedown.core.staff.StaffRequests.Role;
import dev.takedown.core.staff.StaffService;
import dev.takedown.core.staff.TrustStaffService;
import dev.takedown.core.staff.WebhookStaffService;
import dev.takedown.core.transparency.DecisionFigures;
import dev.takedown.core.transparency.DsaExport;
import dev.takedown.core.trust.TrustService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Staff operations, invoked directly (console test event or {@code aws lambda invoke}), never through the API.
 * Two functions share this dispatch, each serving the operations of its role only ({@link StaffReviewerHandler},
 * {@link StaffAdminHandler}), so that IAM can grant each role its own function and the function only what its
 * operations need. A request staff must correct, or sent to the other function, is answered with an {@code error}
 * result; only a failing dependency fails the invocation (and raises the errors alarm).
 */
public abstract sealed class StaffHandler implements RequestStreamHandler permits StaffReviewerHandler, StaffAdminHandler {
    private final Role role;
    private final StaffService staff;
    private final TrustStaffService trust;
    private final WebhookStaffService webhooks;
    private final ComplaintStaffService complaints;
    private final ReportStaffService reports;

    StaffHandler(Role role, Map<String, String> environment, Clock clock) {
        this(role, new Adapters(new Env(environment)), clock);
    }

    StaffHandler(Role role, Adapters adapters, Clock clock) {
        this(role, wire(adapters, role, clock));
    }

    private StaffHandler(Role role, Wired wired) {
        this(role, wired.staff(), wired.trust(), wired.webhooks(), wired.complaints(), wired.reports());
    }

    StaffHandler(Role role, StaffService staff, TrustStaffService trust, WebhookStaffService webhooks,
                 ComplaintStaffService complaints, ReportStaffService reports) {
        this.role = role;
        this.reports = reports;
        this.staff = staff;
        this.trust = trust;
        this.webhooks = webhooks;
        this.complaints = complaints;
    }

    /** The function's logical id in template.yaml (its deployed name is the stack output {@code <id>Name}). */
    static String functionOf(Role role) {
        return switch (role) {
            case REVIEWER -> "StaffReviewerFunction";
            case ADMIN -> "StaffAdminFunction";
        };
    }

    private record Wired(StaffService staff, TrustStaffService trust, WebhookStaffService webhooks,
                         ComplaintStaffService complaints, ReportStaffService reports) {
    }

    /**
     * Both services share the queue, the trust store and the trust service, as decisions feed the record. Only the
     * admin function reaches the gateway's usage plans.
     */
    private static Wired wire(Adapters adapters, Role role, Clock clock) {
        SqsNotificationQueue notifications = adapters.notificationQueue();
        DynamoTrustStore trustStore = adapters.trust();
        TrustService trust = adapters.trustService(trustStore, notifications);
        DynamoNoticeStore notices = adapters.notices();
        DynamoRightholderStore rightholders = adapters.rightholders();
        DynamoListingStore listings = adapters.listings();
        DynamoAuditLog audit = adapters.audit();
        DynamoWebhookSecretStore secrets = adapters.webhookSecrets();
        DynamoSellerStore sellers = adapters.sellers();
        UsagePlans usagePlans = role == Role.ADMIN ? adapters.usagePlans() : NO_USAGE_PLANS;
        // Statements of reasons are the reviewer function's to export.
        boolean trustedTierIsTrustedFlagger = role == Role.REVIEWER
                && adapters.env().flag("TRUSTED_TIER_IS_TRUSTED_FLAGGER");
        StaffService staff = new StaffService(notices, adapters.rights(), rightholders, rightholders, sellers,
                adapters.apiKeys(), usagePlans, secrets, listings, audit,
                new DecisionRecorder(notices, audit, notifications, trust,
                        new DecisionFigures(adapters.figures())), clock);
        return new Wired(staff, new TrustStaffService(trust,
                adapters.sellerStandings(trustStore, notifications), trustStore, rightholders, clock),
                new WebhookStaffService(rightholders, sellers, sellers, secrets, clock),
                new ComplaintStaffService(adapters.redressService(clock), notices),
                new ReportStaffService(adapters.figures(), new DsaExport(notices, trustStore, trustedTierIsTrustedFlagger)));
    }

    /** The reviewer function's: it serves no operation that gives a key or sets a plan. */
    private static final UsagePlans NO_USAGE_PLANS = new UsagePlans() {
        @Override
        public UsageKey createKey(Principal principal) {
            throw new IllegalStateException("only the admin function makes gateway keys");
        }

        @Override
        public void meter(String keyId, RatePlan plan) {
            throw new IllegalStateException("only the admin function meters gateway keys");
        }
    };

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaInvocation.run(context, () -> serve(input, output));
    }

    private void serve(InputStream input, OutputStream output) throws IOException {
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
        Operation operation = StaffRequests.operation(event);
        if (operation.role() != role) {
            String function = functionOf(operation.role());
            String kind = operation.role() == Role.ADMIN ? "an admin" : "a reviewer";
            throw new StaffException(StaffException.Type.WrongFunction, operation + " is " + kind + " operation: invoke "
                    + function + " (stack output " + function + "Name), not " + functionOf(role) + ".",
                    List.of(new FieldError("operation", "invoke " + function)));
        }
        return switch (operation) {
            case reviewQueue -> StaffJson.reviewQueue(staff.reviewQueue(StaffRequests.reviewQueue(event)));
            case decideItem -> StaffJson.decided(staff.decideItem(StaffRequests.decideItem(event)));
            case setRightStatus -> StaffJson.right(staff.setRightStatus(StaffRequests.setRightStatus(event)));
            case registerRightholder -> StaffJson.registered(staff.registerRightholder(StaffRequests.registerRightholder(event)));
            case rotateApiKey -> StaffJson.rotated(staff.rotateApiKey(StaffRequests.rotateApiKey(event)));
            case getNotice -> StaffJson.noticeRecord(staff.getNotice(StaffRequests.getNotice(event)));
            case getRightholder -> rightholder(trust.getRightholder(StaffRequests.getRightholder(event)));
            case setTier -> rightholder(trust.setTier(StaffRequests.setTier(event)));
            case liftSuspension -> rightholder(trust.liftSuspension(StaffRequests.liftSuspension(event)));
            case getSeller -> seller(trust.getSeller(StaffRequests.getSeller(event)));
            case voidStrike -> seller(trust.voidStrike(StaffRequests.voidStrike(event)));
            case reinstateSeller -> seller(trust.reinstateSeller(StaffRequests.reinstateSeller(event)));
            case revokeApiKey -> StaffJson.revoked(staff.revokeApiKey(StaffRequests.revokeApiKey(event)));
            case deactivateRightholder -> rightholder(staff.deactivateRightholder(StaffRequests.deactivateRightholder(event)));
            case reactivateRightholder -> rightholder(staff.reactivateRightholder(StaffRequests.reactivateRightholder(event)));
            case registerSeller -> StaffJson.registeredSeller(webhooks.registerSeller(StaffRequests.registerSeller(event)));
            case rotateWebhookSecret -> StaffJson.rotatedSecret(
                    webhooks.rotateWebhookSecret(StaffRequests.rotateWebhookSecret(event)));
            case issueSellerKey -> StaffJson.sellerKeyIssued(staff.issueSellerKey(StaffRequests.issueSellerKey(event)));
            case revokeSellerKey -> StaffJson.sellerKeysRevoked(staff.revokeSellerKey(StaffRequests.revokeSellerKey(event)));
            case complaintQueue -> StaffJson.complaintQueue(complaints.complaintQueue(StaffRequests.complaintQueue(event)));
            case decideComplaint -> StaffJson.decided(complaints.decideComplaint(StaffRequests.decideComplaint(event)));
            case setRatePlan -> StaffJson.ratePlanSet(staff.setRatePlan(StaffRequests.setRatePlan(event)));
            case transparencyReport -> reports.transparencyReport(StaffRequests.transparencyReport(event));
            case statementsOfReasons -> reports.statementsOfReasons(StaffRequests.statementsOfReasons(event));
        };
    }

    /** A rightholder as staff see it: its trust record, whether it may use its keys, and the keys it holds. */
    private JsonNode rightholder(TrustStaffService.RightholderRecord record) {
        return StaffJson.rightholder(record, staff.access(record.rightholder().id()));
    }

    /** A seller as staff see it: its standing and strikes, and the keys it holds. */
    private JsonNode seller(TrustStaffService.SellerRecord record) {
        return StaffJson.seller(record, staff.sellerKeys(record.sellerId()));
    }

    private JsonNode rightholder(String rightholderId) {
        return rightholder(trust.getRightholder(new StaffRequests.GetRightholder(rightholderId)));
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
