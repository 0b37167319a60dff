package dev.takedown.core.redress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.model.Contact;
import dev.takedown.core.model.CounterNoticeGrounds;
import dev.takedown.core.model.Evidence;
import dev.takedown.core.model.LegalAction;
import dev.takedown.core.problem.FieldChecks;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The bodies of the redress routes, checked for everything that needs no stored data, every bad field named. */
public final class RedressRequests {
    private static final List<String> COUNTER_NOTICE_DECLARATIONS =
            List.of("goodFaith", "underPenaltyOfPerjury", "consentToJurisdiction");
    /** Items a withdrawal may name; a notice has at most 10,000. */
    static final int MAX_WITHDRAWN_ITEMS = 10_000;

    private RedressRequests() {
    }

    /** A seller's counter-notice. */
    public record CounterNoticeFiling(CounterNoticeGrounds grounds, String statement, List<Evidence> evidence,
                                      Contact contact, String signature) {
    }

    /** A rightholder's answer to a counter-notice: legal action (with its facts), or acceptance. */
    public record Response(boolean accept, LegalAction legalAction) {
    }

    /** A rightholder's withdrawal: of these items (null: all of them), and why. */
    public record Withdrawal(List<Integer> items, String reason) {
    }

    /** A complaint to staff about one decision. */
    public record ComplaintFiling(String explanation, List<Evidence> evidence) {
    }

    public static CounterNoticeFiling counterNotice(String body) {
        JsonNode root = FieldChecks.object(body, "the counter-notice");
        FieldChecks checks = new FieldChecks();
        checks.unknownFields(root, "", Set.of("grounds", "statement", "evidence", "contact", "declarations", "signature"));
        CounterNoticeGrounds grounds = checks.named(root, "grounds", "grounds", CounterNoticeGrounds.class, true);
        String statement = checks.text(root, "statement", "statement", FieldChecks.MAX_TEXT, true, true);
        List<Evidence> evidence = checks.evidence(root);
        Contact contact = null;
        JsonNode node = checks.object(root, "contact", "required: {\"name\", \"email\", \"address\", \"phone\"}",
                "must be an object with name, email, address and phone");
        if (node != null) {
            checks.unknownFields(node, "contact", Set.of("name", "email", "address", "phone"));
            contact = new Contact(checks.text(node, "name", "contact.name", FieldChecks.MAX_NAME, true, false),
                    checks.email(node, "email", "contact.email"),
                    checks.text(node, "address", "contact.address", 1000, true, true),
                    checks.text(node, "phone", "contact.phone", 64, true, false));
        }
        checks.declarations(root, COUNTER_NOTICE_DECLARATIONS,
                "required: goodFaith, underPenaltyOfPerjury and consentToJurisdiction must all be true",
                "a counter-notice");
        String signature = checks.text(root, "signature", "signature", FieldChecks.MAX_NAME, true, false);
        checks.throwIfAny(false);
        return new CounterNoticeFiling(grounds, statement, evidence, contact, signature);
    }

    public static Response response(String body, LocalDate today) {
        JsonNode root = FieldChecks.object(body, "the response");
        FieldChecks checks = new FieldChecks();
        String response = checks.exactText(root, "response", "response", 64, true);
        if (response == null) {
            checks.throwIfAny(false);
        }
        if ("ACCEPT".equals(response)) {
            checks.unknownFields(root, "", Set.of("response"));
            checks.throwIfAny(false);
            return new Response(true, null);
        }
        if (!"LEGAL_ACTION".equals(response)) {
            checks.error("response", "must be LEGAL_ACTION (with court, caseNumber and filedOn) or ACCEPT");
        }
        checks.unknownFields(root, "", Set.of("response", "court", "caseNumber", "filedOn"));
        String court = checks.text(root, "court", "court", FieldChecks.MAX_NAME, true, false);
        String caseNumber = checks.text(root, "caseNumber", "caseNumber", FieldChecks.MAX_NAME, true, false);
        String filedOnText = checks.exactText(root, "filedOn", "filedOn", 10, true);
        LocalDate filedOn = null;
        if (filedOnText != null) {
            try {
                filedOn = LocalDate.parse(filedOnText);
                if (filedOn.isAfter(today)) {
                    checks.error("filedOn", "must not be in the future (today is " + today + " UTC)");
                }
            } catch (DateTimeParseException e) {
                checks.error("filedOn", "must be a date as YYYY-MM-DD");
            }
        }
        checks.throwIfAny(false);
        return new Response(false, new LegalAction(court, caseNumber, filedOn));
    }

    /** A withdrawal; an empty body withdraws every item, for no stated reason. */
    public static Withdrawal withdrawal(String body) {
        if (body == null || body.isBlank()) {
            return new Withdrawal(null, null);
        }
        JsonNode root = FieldChecks.object(body, "the withdrawal");
        FieldChecks checks = new FieldChecks();
        checks.unknownFields(root, "", Set.of("items", "reason"));
        String reason = checks.text(root, "reason", "reason", FieldChecks.MAX_TEXT, false, true);
        List<Integer> items = null;
        JsonNode node = root.get("items");
        if (node != null && !node.isNull()) {
            if (!node.isArray() || node.isEmpty() || node.size() > MAX_WITHDRAWN_ITEMS) {
                checks.error("items", "must be a non-empty array of item indexes (at most " + MAX_WITHDRAWN_ITEMS + ")");
            } else {
                Set<Integer> indexes = new LinkedHashSet<>();
                for (int i = 0; i < node.size(); i++) {
                    JsonNode index = node.get(i);
                    if (!index.isInt() || index.intValue() < 0) {
                        checks.error("items[" + i + "]", "must be an item index (an integer from 0)");
                    } else if (!indexes.add(index.intValue())) {
                        checks.error("items[" + i + "]", "names item " + index.intValue() + " twice");
                    }
                }
                items = new ArrayList<>(indexes);
            }
        }
        checks.throwIfAny(false);
        return new Withdrawal(items == null ? null : List.copyOf(items), reason);
    }

    public static ComplaintFiling complaint(String body) {
        JsonNode root = FieldChecks.object(body, "the complaint");
        FieldChecks checks = new FieldChecks();
        checks.unknownFields(root, "", Set.of("explanation", "evidence"));
        String explanation = checks.text(root, "explanation", "explanation", FieldChecks.MAX_TEXT, true, true);
        List<Evidence> evidence = checks.evidence(root);
        checks.throwIfAny(false);
        return new ComplaintFiling(explanation, evidence);
    }
}
