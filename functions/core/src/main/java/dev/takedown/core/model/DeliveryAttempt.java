package dev.takedown.core.model;

import java.time.Instant;

/**
 * One try at delivering one webhook: to whom, where, the how-many-th attempt it was, and how it went (the HTTP
 * status, or the error when no answer came). {@code nextAttemptAt} is set when another attempt will follow.
 * {@code noticeId} is the event's delivery key: its notice, or {@code rightholder:<id>} / {@code seller:<id>} for
 * events about the rightholder or seller itself.
 */
public record DeliveryAttempt(
        String noticeId,
        String webhookId,
        EventType eventType,
        Target target,
        String targetId,
        String url,
        int attempt,
        Status outcome,
        Integer httpStatus,
        String error,
        Instant attemptedAt,
        Instant nextAttemptAt) {

    public enum Target { RIGHTHOLDER, SELLER }

    public enum Status { DELIVERED, RETRYING, FAILED }
}
