package dev.takedown.aws;

import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.model.RatePlan;
import dev.takedown.core.ports.NotificationQueue;
import dev.takedown.core.ports.TrustStore;
import dev.takedown.core.redress.RedressFollowUp;
import dev.takedown.core.redress.RedressPolicy;
import dev.takedown.core.redress.RedressService;
import dev.takedown.core.runtime.Env;
import dev.takedown.core.transparency.DecisionFigures;
import dev.takedown.core.trust.SellerStandings;
import dev.takedown.core.trust.TrustPolicy;
import dev.takedown.core.trust.TrustService;
import java.time.Clock;
import java.util.Map;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every store and queue a function uses, built from the function's environment, so each table and queue is named by
 * one variable read in one place. A function reads only the variables of the adapters it asks for, which keeps
 * template.yaml's environment per function exact; the SDK clients behind them are shared ({@link AwsClients}).
 */
public final class Adapters {
    private final Env env;
    private final Clients clients;

    public Adapters(Env env) {
        this(env, AwsClients.of(env));
    }

    /** Over other clients than AWS's: priming's replay of a recorded invocation ({@link PrimingReplay}). */
    Adapters(Env env, Clients clients) {
        this.env = env;
        this.clients = clients;
    }

    public Env env() {
        return env;
    }

    public DynamoNoticeStore notices() {
        return onTable("NOTICES_TABLE", DynamoNoticeStore::new);
    }

    public DynamoRightStore rights() {
        return onTable("RIGHTS_TABLE", DynamoRightStore::new);
    }

    public DynamoRightholderStore rightholders() {
        return onTable("RIGHTHOLDERS_TABLE", DynamoRightholderStore::new);
    }

    public DynamoSellerStore sellers() {
        return onTable("SELLERS_TABLE", DynamoSellerStore::new);
    }

    /** Only the notifier reads it; the staff functions may only write to it. */
    public DynamoWebhookSecretStore webhookSecrets() {
        return onTable("WEBHOOK_SECRETS_TABLE", DynamoWebhookSecretStore::new);
    }

    public DynamoListingStore listings() {
        return onTable("LISTINGS_TABLE", DynamoListingStore::new);
    }

    public DynamoAuditLog audit() {
        return onTable("AUDIT_TABLE", DynamoAuditLog::new);
    }

    public DynamoApiKeyStore apiKeys() {
        return onTable("API_KEYS_TABLE", DynamoApiKeyStore::new);
    }

    /** The usage plan of each rate plan, where the admin function puts principals' gateway keys. */
    public ApiGatewayUsagePlans usagePlans() {
        return new ApiGatewayUsagePlans(clients.apiGateway(), Map.of(
                RatePlan.STANDARD, env.require("STANDARD_USAGE_PLAN_ID"),
                RatePlan.HIGH_VOLUME, env.require("HIGH_VOLUME_USAGE_PLAN_ID")));
    }

    public DynamoFiguresStore figures() {
        return onTable("FIGURES_TABLE", DynamoFiguresStore::new);
    }

    public DynamoIdempotencyStore idempotency() {
        return onTable("IDEMPOTENCY_TABLE", DynamoIdempotencyStore::new);
    }

    public DynamoDeliveryStore deliveries() {
        return onTable("DELIVERIES_TABLE", DynamoDeliveryStore::new);
    }

    public DynamoTrustStore trust() {
        return new DynamoTrustStore(dynamo(), env.require("TRUST_TABLE"), env.require("RIGHTHOLDERS_TABLE"),
                env.require("SELLERS_TABLE"));
    }

    /** Rightholders' records only, for a function that reads them and changes no trust. */
    public DynamoTrustRecordStore trustRecords() {
        return onTable("TRUST_TABLE", DynamoTrustRecordStore::new);
    }

    /** Only functions that use SQS carry its client in their jar; the others never call the queue methods. */
    public SqsVerificationQueue verificationQueue() {
        return new SqsVerificationQueue(clients.sqs(), env.require("VERIFICATION_QUEUE_URL"),
                env.require("PRIORITY_VERIFICATION_QUEUE_URL"), env.integer("ITEMS_PER_MESSAGE", 25));
    }

    public SqsNotificationQueue notificationQueue() {
        return new SqsNotificationQueue(clients.sqs(), env.require("NOTIFICATION_QUEUE_URL"));
    }

    /** Backoff for NotificationQueue's messages, which the notifier consumes. */
    public SqsRedelivery notificationRedelivery() {
        return new SqsRedelivery(clients.sqs(), env.require("NOTIFICATION_QUEUE_URL"));
    }

    public TrustPolicy trustPolicy() {
        return TrustPolicy.from(env);
    }

    /** The rightholder rules over the trust store and queue the caller shares with what else it builds. */
    public TrustService trustService(TrustStore store, NotificationQueue notifications) {
        return new TrustService(store, rightholders(), notifications, trustPolicy(), figures());
    }

    /** The seller rules over the trust store and queue the caller shares with what else it builds. */
    public SellerStandings sellerStandings(TrustStore store, NotificationQueue notifications) {
        return new SellerStandings(store, listings(), notifications, trustPolicy(), figures());
    }

    /**
     * Counter-notices, complaints, withdrawals and restorations over this function's tables and queue; one trust
     * store and queue feed both the rightholders' records and the sellers' standings.
     */
    public RedressService redressService(Clock clock) {
        DynamoNoticeStore notices = notices();
        DynamoListingStore listings = listings();
        DynamoTrustStore trust = trust();
        DynamoAuditLog audit = audit();
        SqsNotificationQueue notifications = notificationQueue();
        TrustService rightholderTrust = trustService(trust, notifications);
        RedressFollowUp followUp = new RedressFollowUp(notices, listings, trust, audit, notifications, rightholderTrust,
                sellerStandings(trust, notifications));
        return new RedressService(notices, listings, rights(), rightholders(), trust,
                new DecisionRecorder(notices, audit, notifications, rightholderTrust, new DecisionFigures(figures())), followUp, RedressPolicy.from(env),
                figures(), clock);
    }

    /** A store over the table the variable names. */
    private <S> S onTable(String variable, BiFunction<DynamoDbClient, String, S> store) {
        return store.apply(dynamo(), env.require(variable));
    }

    private DynamoDbClient dynamo() {
        return clients.dynamo();
    }
}
