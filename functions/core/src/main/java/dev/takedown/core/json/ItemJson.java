package dev.takedown.core.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.model.Decision;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.Party;
import dev.takedown.core.text.Times;
import java.util.Set;

/**
 * The one writer of a notice item as JSON. Each audience's fields and their order are published (receivers and
 * clients may compare bodies as text), so they differ where they were published differently and change only on
 * purpose.
 *
 * <p>A rightholder sees no one else's: a duplicate of another rightholder's notice says only that the listing is
 * already the subject of another notice ({@code subjectOfAnotherNotice}), and a person's decision is {@code STAFF},
 * not the staff member's id. {@code ownNotices} are the other notices named by duplicates that are the rightholder's
 * own.
 */
public final class ItemJson {
    /** Who decided, as anyone but staff reads it. */
    public static final String STAFF = "STAFF";

    private ItemJson() {
    }

    /** As {@code items.decided} carries it: the decision's who and when, then where a duplicate points. */
    public static ObjectNode forWebhook(NoticeItem item, Set<String> ownNotices) {
        ObjectNode node = head(item, false);
        if (item.decision() != null) {
            node.put("decidedBy", decidedBy(item.decision()))
                    .put("decidedAt", Times.format(item.decision().decidedAt()));
        }
        duplicateForRightholder(node, item, ownNotices);
        return node;
    }

    /**
     * As the notices API answers it: where a duplicate points, then who decided, when and by which rule, then what
     * was done about the decision since (counter-notice, the rightholder's complaint, withdrawal, restoration).
     */
    public static ObjectNode forApi(NoticeItem item, Set<String> ownNotices) {
        ObjectNode node = head(item, true);
        duplicateForRightholder(node, item, ownNotices);
        if (item.decision() != null) {
            node.put("decidedBy", decidedBy(item.decision()))
                    .put("decidedAt", Times.format(item.decision().decidedAt()))
                    .put("rule", item.decision().rule().name());
        }
        RedressJson.add(node, item.redress(), Party.RIGHTHOLDER, false);
        return node;
    }

    /**
     * As staff read it: every field (null where unset), the staff note and the statement of reasons too, then the
     * redress with both parties' complaints.
     */
    public static ObjectNode forStaff(NoticeItem item) {
        ObjectNode node = head(item, true);
        node.put("duplicateOf", item.duplicateOf()).put("duplicateOfNotice", item.duplicateOfNotice());
        if (item.decision() != null) {
            node.put("decidedBy", item.decision().decidedBy())
                    .put("decidedAt", Times.format(item.decision().decidedAt()))
                    .put("rule", item.decision().rule().name())
                    .put("note", item.decision().note());
        }
        if (item.statement() != null) {
            node.set("statement", StatementJson.full(item.statement()));
        }
        RedressJson.add(node, item.redress(), Party.SELLER, true);
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

    private static void duplicateForRightholder(ObjectNode node, NoticeItem item, Set<String> ownNotices) {
        if (item.duplicateOfNotice() != null && !ownNotices.contains(item.duplicateOfNotice())) {
            node.put("subjectOfAnotherNotice", true);
            return;
        }
        if (item.duplicateOf() != null) {
            node.put("duplicateOf", item.duplicateOf());
        }
        if (item.duplicateOfNotice() != null) {
            node.put("duplicateOfNotice", item.duplicateOfNotice());
        }
    }

    private static String decidedBy(Decision decision) {
        return decision.automated() ? Decision.AUTO : STAFF;
    }
}
