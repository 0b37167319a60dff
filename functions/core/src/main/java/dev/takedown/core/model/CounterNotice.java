package dev.takedown.core.model;

import java.time.Instant;
import java.util.List;

/**
 * A seller's counter-notice against one takedown, and how it ended.
 *
 * @param respondBy   the rightholder must answer before this (exclusive); silence until then puts the listing back
 * @param legalAction the rightholder's answer that upholds the takedown, if it gave one
 * @param outcome     null while open
 * @param closedAt    when it ended; null while open
 */
public record CounterNotice(CounterNoticeGrounds grounds, String statement, List<Evidence> evidence, Contact contact,
                            String signature, Instant filedAt, Instant respondBy, LegalAction legalAction,
                            Outcome outcome, Instant closedAt) {

    public enum Outcome {
        /** The rightholder showed legal action: the takedown stands. */
        UPHELD,
        /** The rightholder accepted it: the listing was put back at once. */
        ACCEPTED,
        /** No answer before {@code respondBy}: the listing was put back. */
        UNANSWERED,
        /** The rightholder withdrew the notice: the listing was put back. */
        NOTICE_WITHDRAWN
    }

    public CounterNotice {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public boolean open() {
        return outcome == null;
    }

    public CounterNotice closed(Outcome how, LegalAction action, Instant at) {
        return new CounterNotice(grounds, statement, evidence, contact, signature, filedAt, respondBy, action, how, at);
    }
}
