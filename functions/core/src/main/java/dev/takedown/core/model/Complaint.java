package dev.takedown.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An internal complaint about one decision (EU DSA Art. 20), always decided by a person.
 *
 * @param from     the rightholder against a rejection, or the seller against a takedown
 * @param decision null while open
 */
public record Complaint(Party from, String explanation, List<Evidence> evidence, Instant filedAt, Ruling decision) {

    public enum Outcome {
        /** The decision complained about stands. */
        UPHOLD,
        /** The decision complained about is undone: a rejection becomes a takedown, a takedown is restored. */
        REVERSE
    }

    /** Who decided the complaint, when, how and why. */
    public record Ruling(Outcome outcome, String staffId, Instant at, String reason) {
    }

    public Complaint {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public boolean open() {
        return decision == null;
    }

    public Complaint decided(Ruling ruling) {
        return new Complaint(from, explanation, evidence, filedAt, ruling);
    }

    /** How long the complaint waited for its decision. */
    public Duration handlingTime() {
        return decision == null ? null : Duration.between(filedAt, decision.at());
    }
}
