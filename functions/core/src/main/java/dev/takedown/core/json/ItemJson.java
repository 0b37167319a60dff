package dev.takedown.core.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.text.Times;

/**
 * The one writer of a notice item as JSON. Each audience's fields and their order are published (receivers and
 * clients may compare bodies as text), so they differ where they were published differently and change only on
 * purpose.
 */
public final class ItemJson {
    private ItemJson() {
    }

    /** As {@code items.decided} carries it: the decision's who and when, then where a duplicate points. */
    public static ObjectNode forWebhook(NoticeItem item) {
        ObjectNode node = head(item, false);
        if (item.decision() != null) {
            node.put("decidedBy", item.decision().decidedBy())
                    .put("decidedAt", Times.format(item.decision().decidedAt()));
        }
        duplicate(node, item, false);
        return node;
    }

    /** As the notices API answers it: where a duplicate points, then who decided, when and by which rule. */
    public static ObjectNode forApi(NoticeItem item) {
        ObjectNode node = head(item, true);
        duplicate(node, item, false);
        decision(node, item, false);
        return node;
    }

    /** As staff read it: every field (null where unset), the staff note and the statement of reasons too. */
    public static ObjectNode forStaff(NoticeItem item) {
        ObjectNode node = head(item, true);
        duplicate(node, item, true);
        decision(node, item, true);
        if (item.statement() != null) {
            node.set("statement", StatementJson.full(item.statement()));
        }
        return node;
    }

    /** Index, where the listing is, status and reason: the same fields for everyone, in the audience's order. */
    private static ObjectNode head(NoticeItem item, boolean urlFirst) {
        ObjectNode node = Json.object().put("index", item.index());
        if (urlFirst) {
            node.put("url", item.url()).put("listingId", item.listingId());
        } else {
            node.put("listingId", item.listingId()).put("url", item.url());
        }
        return node.put("status", item.status().name())
                .put("reason", item.reason() == null ? null : item.reason().name());
    }

    private static void duplicate(ObjectNode node, NoticeItem item, boolean always) {
        if (always || item.duplicateOf() != null) {
            node.put("duplicateOf", item.duplicateOf());
        }
        if (always || item.duplicateOfNotice() != null) {
            node.put("duplicateOfNotice", item.duplicateOfNotice());
        }
    }

    private static void decision(ObjectNode node, NoticeItem item, boolean withNote) {
        if (item.decision() == null) {
            return;
        }
        node.put("decidedBy", item.decision().decidedBy())
                .put("decidedAt", Times.format(item.decision().decidedAt()))
                .put("rule", item.decision().rule().name());
        if (withNote) {
            node.put("note", item.decision().note());
        }
    }
}
