package dev.takedown.aws;

import dev.takedown.core.json.Json;
import dev.takedown.core.json.RedressJson;
import dev.takedown.core.model.Complaint;
import dev.takedown.core.model.Contact;
import dev.takedown.core.model.CounterNotice;
import dev.takedown.core.model.CounterNoticeGrounds;
import dev.takedown.core.model.LegalAction;
import dev.takedown.core.model.Party;
import dev.takedown.core.model.Redress;
import dev.takedown.core.text.Hashing;
import dev.takedown.core.text.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's redress as a DynamoDB map, stored on the item's row, and the tag a conditional write compares so that
 * a change is made only to the redress it was made from.
 */
final class RedressMapper {
    private RedressMapper() {
    }

    static AttributeValue toAttribute(Redress redress) {
        if (redress.isEmpty()) {
            return null;
        }
        CounterNotice cn = redress.counterNotice();
        Redress.Withdrawal withdrawal = redress.withdrawal();
        Redress.Restoration restoration = redress.restoration();
        return AttributeValue.fromM(Attrs.item()
                .attr("counterNotice", cn == null ? null : AttributeValue.fromM(Attrs.item()
                        .s("grounds", cn.grounds().name())
                        .s("statement", cn.statement())
                        .attr("evidence", EvidenceMapper.toAttribute(cn.evidence()))
                        .s("name", cn.contact().name())
                        .s("email", cn.contact().email())
                        .s("address", cn.contact().address())
                        .s("phone", cn.contact().phone())
                        .s("signature", cn.signature())
                        .s("filedAt", time(cn.filedAt()))
                        .s("respondBy", time(cn.respondBy()))
                        .s("court", cn.legalAction() == null ? null : cn.legalAction().court())
                        .s("caseNumber", cn.legalAction() == null ? null : cn.legalAction().caseNumber())
                        .s("filedOn", cn.legalAction() == null ? null : cn.legalAction().filedOn().toString())
                        .s("outcome", cn.outcome() == null ? null : cn.outcome().name())
                        .s("closedAt", time(cn.closedAt()))
                        .build()))
                .attr("rightholderComplaint", complaint(redress.rightholderComplaint()))
                .attr("sellerComplaint", complaint(redress.sellerComplaint()))
                .attr("withdrawal", withdrawal == null ? null : AttributeValue.fromM(Attrs.item()
                        .s("at", time(withdrawal.at())).s("reason", withdrawal.reason()).build()))
                .attr("restoration", restoration == null ? null : AttributeValue.fromM(Attrs.item()
                        .s("at", time(restoration.at()))
                        .s("cause", restoration.cause().name())
                        .bool("listingActive", restoration.listingActive())
                        .build()))
                .build());
    }

    static Redress fromAttribute(AttributeValue value) {
        if (value == null || !value.hasM()) {
            return Redress.NONE;
        }
        Map<String, AttributeValue> m = value.m();
        CounterNotice counterNotice = null;
        if (m.containsKey("counterNotice")) {
            Map<String, AttributeValue> cn = m.get("counterNotice").m();
            String court = Attrs.s(cn, "court");
            String outcome = Attrs.s(cn, "outcome");
            counterNotice = new CounterNotice(CounterNoticeGrounds.valueOf(Attrs.s(cn, "grounds")), Attrs.s(cn, "statement"),
                    EvidenceMapper.fromAttribute(cn.get("evidence")),
                    new Contact(Attrs.s(cn, "name"), Attrs.s(cn, "email"), Attrs.s(cn, "address"), Attrs.s(cn, "phone")),
                    Attrs.s(cn, "signature"), instant(cn, "filedAt"), instant(cn, "respondBy"),
                    court == null ? null : new LegalAction(court, Attrs.s(cn, "caseNumber"),
                            LocalDate.parse(Attrs.s(cn, "filedOn"))),
                    outcome == null ? null : CounterNotice.Outcome.valueOf(outcome), instant(cn, "closedAt"));
        }
        Redress.Withdrawal withdrawal = null;
        if (m.containsKey("withdrawal")) {
            Map<String, AttributeValue> w = m.get("withdrawal").m();
            withdrawal = new Redress.Withdrawal(instant(w, "at"), Attrs.s(w, "reason"));
        }
        Redress.Restoration restoration = null;
        if (m.containsKey("restoration")) {
            Map<String, AttributeValue> r = m.get("restoration").m();
            restoration = new Redress.Restoration(instant(r, "at"), Redress.Cause.valueOf(Attrs.s(r, "cause")),
                    Boolean.TRUE.equals(r.get("listingActive").bool()));
        }
        return new Redress(counterNotice, complaint(m.get("rightholderComplaint"), Party.RIGHTHOLDER),
                complaint(m.get("sellerComplaint"), Party.SELLER), withdrawal, restoration);
    }

    /** Tells one redress from another: what a conditional write expects to find (null: none yet). */
    static String tag(Redress redress) {
        if (redress.isEmpty()) {
            return null;
        }
        var node = Json.object();
        RedressJson.add(node, redress, null, true);
        return Hashing.sha256Hex(Json.write(node)).substring(0, 16);
    }

    private static AttributeValue complaint(Complaint complaint) {
        if (complaint == null) {
            return null;
        }
        Complaint.Ruling ruling = complaint.decision();
        return AttributeValue.fromM(Attrs.item()
                .s("explanation", complaint.explanation())
                .attr("evidence", EvidenceMapper.toAttribute(complaint.evidence()))
                .s("filedAt", time(complaint.filedAt()))
                .s("outcome", ruling == null ? null : ruling.outcome().name())
                .s("staffId", ruling == null ? null : ruling.staffId())
                .s("decidedAt", ruling == null ? null : time(ruling.at()))
                .s("reason", ruling == null ? null : ruling.reason())
                .build());
    }

    private static Complaint complaint(AttributeValue value, Party from) {
        if (value == null) {
            return null;
        }
        Map<String, AttributeValue> c = value.m();
        String outcome = Attrs.s(c, "outcome");
        return new Complaint(from, Attrs.s(c, "explanation"), EvidenceMapper.fromAttribute(c.get("evidence")), instant(c, "filedAt"),
                outcome == null ? null : new Complaint.Ruling(Complaint.Outcome.valueOf(outcome), Attrs.s(c, "staffId"),
                        instant(c, "decidedAt"), Attrs.s(c, "reason")));
    }

    private static String time(Instant at) {
        return at == null ? null : Times.format(at);
    }

    private static Instant instant(Map<String, AttributeValue> m, String name) {
        String value = Attrs.s(m, name);
        return value == null ? null : Times.parse(value);
    }
}
