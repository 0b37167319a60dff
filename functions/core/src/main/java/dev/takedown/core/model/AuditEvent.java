package dev.takedown.core.model;

import java.time.Instant;

/** One transition of one item, kept forever: who moved it, when, from where to where, and why. */
public record AuditEvent(String noticeId, int itemIndex, String actor, Instant at, ItemStatus from, ItemStatus to,
                         ItemReason reason, DecisionRule rule) {
}
