package dev.takedown.core.notify;

import dev.takedown.core.events.WebhookBodies;
import dev.takedown.core.model.DeliveryAttempt;
import dev.takedown.core.model.DeliveryAttempt.Status;
import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NotificationEvent;
import dev.takedown.core.model.WebhookSecrets;
import dev.takedown.core.ports.DeliveryStore;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.RightholderStore;
import dev.takedown.core.ports.SellerStore;
import dev.takedown.core.ports.WebhookClient;
import dev.takedown.core.ports.WebhookSecretStore;
import dev.takedown.core.runtime.Log;
import dev.takedown.core.runtime.Metrics;
import dev.takedown.core.runtime.Metrics.Metric;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Delivers one event as a signed webhook to the rightholder of its notice, or to the rightholder or seller it is
 * about, records the attempt, and says whether the caller should try again later.
 */
public final class NotifierService {

    /** What the caller does with the event's message. */
    public enum Next {
        /** Done: delivered, nothing to deliver, or refused for good. */
        DONE,
        /** Try again after {@link Result#retryAfter()}. */
        RETRY,
        /** The last attempt failed: give the message up to the dead-letter queue. */
        GIVE_UP
    }

    public record Result(Next next, Duration retryAfter) {
        static final Result DONE = new Result(Next.DONE, Duration.ZERO);
        static final Result GIVE_UP = new Result(Next.GIVE_UP, Duration.ZERO);

        static Result retryAfter(Duration delay) {
            return new Result(Next.RETRY, delay);
        }
    }

    /** Who gets a webhook and where. */
    private record Recipient(Target target, String id, String callbackUrl) {
    }

    /** Outlasts one delivery and its recording: WebhookTimeoutSeconds is at most 10. */
    static final Duration CLAIM_LEASE = Duration.ofSeconds(30);

    private final NoticeStore notices;
    private final RightholderStore rightholders;
    private final SellerStore sellers;
    private final DeliveryStore deliveries;
    private final WebhookClient client;
    private final CallbackPolicy policy;
    private final RetrySchedule schedule;
    private final WebhookSecretStore secrets;
    private final Clock clock;

    public NotifierService(NoticeStore notices, RightholderStore rightholders, SellerStore sellers,
                           DeliveryStore deliveries, WebhookClient client, CallbackPolicy policy,
                           RetrySchedule schedule, WebhookSecretStore secrets, Clock clock) {
        this.notices = notices;
        this.rightholders = rightholders;
        this.sellers = sellers;
        this.deliveries = deliveries;
        this.client = client;
        this.policy = policy;
        this.schedule = schedule;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Delivers {@code event}; {@code attempt} counts from 1 and includes this one. */
    public Result deliver(NotificationEvent event, int attempt) {
        Optional<Recipient> found;
        Notice notice = null;
        if (event.sellerId() != null) {
            found = seller(event.sellerId());
        } else if (event.rightholderId() != null) {
            found = rightholder(event.rightholderId());
        } else {
            notice = notices.find(event.noticeId())
                    .orElseThrow(() -> new IllegalStateException("no notice " + event.noticeId()));
            found = rightholder(notice.rightholderId());
        }
        String body = WebhookBodies.body(event, notice, () -> notices.allItems(event.noticeId(), null));
        if (found.isEmpty()) {
            Log.info("no callback URL; webhook not sent", "webhookId", event.id(), "about", event.deliveryKey(),
                    "type", event.type().wireName());
            return Result.DONE;
        }
        switch (deliveries.claim(event.deliveryKey(), event.id(), clock.instant(), CLAIM_LEASE)) {
            case DELIVERED -> {
                Log.info("webhook already delivered", "webhookId", event.id(), "about", event.deliveryKey());
                return Result.DONE;
            }
            case IN_FLIGHT -> {
                Log.info("webhook being delivered by another attempt; checking again later", "webhookId", event.id(),
                        "about", event.deliveryKey());
                return Result.retryAfter(CLAIM_LEASE);
            }
            case CLAIMED -> {
                // Ours to send.
            }
        }
        Recipient recipient = found.get();
        CallbackPolicy.Verdict verdict = policy.check(recipient.callbackUrl());
        if (verdict instanceof CallbackPolicy.Refused refused) {
            record(event, recipient, attempt, Status.FAILED, null, "callback URL refused: " + refused.reason(), null);
            Log.warn("callback URL refused; webhook not sent", null, "webhookId", event.id(),
                    "about", event.deliveryKey(), "target", recipient.target(), "targetId", recipient.id(),
                    "reason", refused.reason());
            return Result.DONE;
        }
        Optional<WebhookSecrets> signing = secrets.find(recipient.target(), recipient.id());
        if (signing.isEmpty()) {
            record(event, recipient, attempt, Status.FAILED, null, "no webhook secret", null);
            Log.warn("no webhook secret; webhook not sent", null, "webhookId", event.id(),
                    "about", event.deliveryKey(), "target", recipient.target(), "targetId", recipient.id());
            return Result.DONE;
        }
        if (verdict instanceof CallbackPolicy.Unresolved unresolved) {
            return failed(event, recipient, attempt, null, "callback host not found: " + unresolved.host());
        }
        return send(event, recipient, (CallbackPolicy.Allowed) verdict, signing.get(), body, attempt);
    }

    private Result send(NotificationEvent event, Recipient recipient, CallbackPolicy.Allowed callback,
                        WebhookSecrets signing, String body, int attempt) {
        int status;
        try {
            Instant now = clock.instant();
            status = client.post(callback.url(), callback.address(),
                    WebhookSigner.headers(signing.signingAt(now), event.id(), now, body), body);
        } catch (IOException e) {
            return failed(event, recipient, attempt, null,
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        if (status >= 200 && status < 300) {
            record(event, recipient, attempt, Status.DELIVERED, status, null, null);
            Log.info("webhook delivered", "webhookId", event.id(), "about", event.deliveryKey(),
                    "type", event.type().wireName(), "attempt", attempt, "httpStatus", status);
            return Result.DONE;
        }
        return failed(event, recipient, attempt, status, null);
    }

    /** An attempt that got no 2xx answer ({@code status}) or none at all ({@code error}): retried on schedule. */
    private Result failed(NotificationEvent event, Recipient recipient, int attempt, Integer status, String error) {
        String failure = error != null ? error : "HTTP " + status;
        if (schedule.isLast(attempt)) {
            record(event, recipient, attempt, Status.FAILED, status, error, null);
            Log.warn("webhook failed for good", null, "webhookId", event.id(), "about", event.deliveryKey(),
                    "type", event.type().wireName(), "attempt", attempt, "failure", failure);
            return Result.GIVE_UP;
        }
        Duration delay = schedule.delayAfter(attempt);
        record(event, recipient, attempt, Status.RETRYING, status, error, clock.instant().plus(delay));
        Log.info("webhook failed; will retry", "webhookId", event.id(), "about", event.deliveryKey(),
                "type", event.type().wireName(), "attempt", attempt, "failure", failure,
                "retryInSeconds", delay.toSeconds());
        return Result.retryAfter(delay);
    }

    private void record(NotificationEvent event, Recipient recipient, int attempt, Status outcome, Integer status,
                        String error, Instant nextAttemptAt) {
        deliveries.record(new DeliveryAttempt(event.deliveryKey(), event.id(), event.type(), recipient.target(),
                recipient.id(), recipient.callbackUrl(), attempt, outcome, status, error, clock.instant(), nextAttemptAt));
        Metrics.count(Metric.WEBHOOK_DELIVERIES, outcome.name());
    }

    private Optional<Recipient> rightholder(String rightholderId) {
        return rightholders.find(rightholderId)
                .filter(r -> r.callbackUrl() != null)
                .map(r -> new Recipient(Target.RIGHTHOLDER, r.id(), r.callbackUrl()));
    }

    private Optional<Recipient> seller(String sellerId) {
        return sellers.find(sellerId)
                .filter(s -> s.callbackUrl() != null)
                .map(s -> new Recipient(Target.SELLER, s.id(), s.callbackUrl()));
    }
}
