package dev.takedown.core.verify;

import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;

/**
 * What the rules say about one item. ACTIONED still needs the takedown to succeed; a DUPLICATE names the
 * earlier claim on the same listing.
 */
public record Verdict(ItemStatus status, ItemReason reason, DecisionRule rule, String duplicateOfNotice,
                      Integer duplicateOfIndex) {

    static Verdict of(ItemStatus status, ItemReason reason, DecisionRule rule) {
        return new Verdict(status, reason, rule, null, null);
    }
}
