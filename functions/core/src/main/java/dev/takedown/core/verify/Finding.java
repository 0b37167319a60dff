package dev.takedown.core.verify;

import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;

/**
 * What the rules say about one item. ACTIONED still needs the takedown to succeed; a DUPLICATE names the
 * earlier claim on the same listing.
 */
public record Finding(ItemStatus status, ItemReason reason, DecisionRule rule, String duplicateOfNotice,
                      Integer duplicateOfIndex) {

    static Finding of(ItemStatus status, ItemReason reason, DecisionRule rule) {
        return new Finding(status, reason, rule, null, null);
    }
}
