package dev.takedown.core.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.model.Complaint;
import dev.takedown.core.model.CounterNotice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.Party;
import dev.takedown.core.model.Redress;
import dev.takedown.core.text.Times;

/**
 * The one writer of redress as JSON: counter-notices, complaints, withdrawals and restorations, and a takedown as its
 * seller reads it. Each party sees the counter-notice in full (the law forwards it to the rightholder) and its own
 * complaint; a person's decision reads {@code STAFF}, except to staff.
 */
public final class RedressJson {
    private RedressJson() {
    }

    /** A takedown as the seller reads it: the listing, its status, the statement of reasons and the redress. */
    public static ObjectNode takedown(String noticeId, NoticeItem item) {
        ObjectNode node = Json.object()
                .put("noticeId", noticeId)
                .put("index", item.index())
                .put("listingId", item.listingId())
                .put("status", item.status().name())
                .put("takenDownAt", Times.format(item.decision().decidedAt()));
        node.set("statementOfReasons", StatementJson.full(item.statement()));
        add(node, item.redress(), Party.SELLER, false);
        return node;
    }

    /**
     * Adds what there is of the item's redress for {@code audience}: its own complaint, under {@code complaint}; staff
     * see both parties', under {@code complaints}.
     */
    public static void add(ObjectNode node, Redress redress, Party audience, boolean staff) {
        if (redress.counterNotice() != null) {
            node.set("counterNotice", counterNotice(redress.counterNotice()));
        }
        if (staff) {
            ArrayNode complaints = Json.array();
            for (Party party : Party.values()) {
                if (redress.complaintOf(party) != null) {
                    complaints.add(complaint(redress.complaintOf(party), true));
                }
            }
            if (!complaints.isEmpty()) {
                node.set("complaints", complaints);
            }
        } else if (redress.complaintOf(audience) != null) {
            node.set("complaint", complaint(redress.complaintOf(audience), false));
        }
        if (redress.withdrawal() != null) {
            node.putObject("withdrawal").put("withdrawnAt", Times.format(redress.withdrawal().at()))
                    .put("reason", redress.withdrawal().reason());
        }
        if (redress.restoration() != null) {
            restoration(node.putObject("restoration"), redress.restoration());
        }
    }

    public static ObjectNode counterNotice(CounterNotice counterNotice) {
        ObjectNode node = Json.object()
                .put("status", counterNotice.open() ? "OPEN" : "CLOSED")
                .put("grounds", counterNotice.grounds().name())
                .put("statement", counterNotice.statement());
        EvidenceJson.put(node, counterNotice.evidence());
        node.putObject("contact")
                .put("name", counterNotice.contact().name())
                .put("email", counterNotice.contact().email())
                .put("address", counterNotice.contact().address())
                .put("phone", counterNotice.contact().phone());
        node.putObject("declarations").put("goodFaith", true).put("underPenaltyOfPerjury", true)
                .put("consentToJurisdiction", true);
        node.put("signature", counterNotice.signature())
                .put("filedAt", Times.format(counterNotice.filedAt()))
                .put("respondBy", Times.format(counterNotice.respondBy()))
                .put("outcome", counterNotice.outcome() == null ? null : counterNotice.outcome().name())
                .put("closedAt", counterNotice.closedAt() == null ? null : Times.format(counterNotice.closedAt()));
        if (counterNotice.legalAction() != null) {
            node.putObject("legalAction")
                    .put("court", counterNotice.legalAction().court())
                    .put("caseNumber", counterNotice.legalAction().caseNumber())
                    .put("filedOn", counterNotice.legalAction().filedOn().toString());
        }
        return node;
    }

    /** A complaint; {@code staff} read who decided it by id. */
    public static ObjectNode complaint(Complaint complaint, boolean staff) {
        ObjectNode node = Json.object()
                .put("from", complaint.from().name())
                .put("status", complaint.open() ? "OPEN" : "DECIDED")
                .put("explanation", complaint.explanation());
        EvidenceJson.put(node, complaint.evidence());
        node.put("filedAt", Times.format(complaint.filedAt()));
        Complaint.Ruling ruling = complaint.decision();
        if (ruling != null) {
            node.putObject("decision")
                    .put("outcome", ruling.outcome().name())
                    .put("decidedBy", staff ? ruling.staffId() : ItemJson.STAFF)
                    .put("decidedAt", Times.format(ruling.at()))
                    .put("reason", ruling.reason())
                    .put("handlingTime", complaint.handlingTime().toString());
        }
        return node;
    }

    public static ObjectNode restoration(ObjectNode node, Redress.Restoration restoration) {
        return node.put("restoredAt", Times.format(restoration.at()))
                .put("cause", restoration.cause().name())
                .put("listingActive", restoration.listingActive());
    }
}
