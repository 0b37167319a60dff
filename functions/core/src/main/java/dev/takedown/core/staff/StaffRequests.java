package dev.takedown.core.staff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.model.Complaint;
import dev.takedown.core.model.Decision;
import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.Ids;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.Party;
import dev.takedown.core.model.Principal;
import dev.takedown.core.model.RatePlan;
import dev.takedown.core.model.RightStatus;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.text.Enums;
import dev.takedown.core.transparency.ReportPeriod;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The staff events, one per operation ({@code {"operation": "...", ...fields}}), parsed and checked. */
public final class StaffRequests {
    static final String OPERATION = "operation";
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    static final int MAX_NOTE = 1000;
    static final int MAX_NAME = 200;
    /** How long the previous webhook secret still signs after a rotation, by default and at most. */
    public static final int DEFAULT_OVERLAP_HOURS = 24;
    public static final int MAX_OVERLAP_HOURS = 168;
    /** The longest an API key may be issued for: ten years. */
    public static final int MAX_KEY_DAYS = 3650;
    /** Reasons a person may give for rejecting an item; the others are the verifier's findings. */
    public static final Set<ItemReason> STAFF_REJECT_REASONS = EnumSet.of(ItemReason.BRAND_MISMATCH, ItemReason.REFERENTIAL_USE,
            ItemReason.OTHER_BRAND, ItemReason.AUTHORIZED_SELLER,
            ItemReason.RIGHT_NOT_VERIFIED, ItemReason.RIGHT_EXPIRED, ItemReason.INSUFFICIENT_EVIDENCE,
            ItemReason.NOT_INFRINGING);

    private static final Pattern RIGHT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern RIGHTHOLDER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern SELLER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern STRIKE_ID = Pattern.compile("\\d{4}-\\d{2}-\\d{2}/[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern STAFF_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");


    public enum Operation {
        reviewQueue, decideItem, setRightStatus, registerRightholder, rotateApiKey, getNotice,
        getRightholder, setTier, liftSuspension, getSeller, voidStrike, reinstateSeller,
        revokeApiKey, deactivateRightholder, reactivateRightholder, registerSeller, rotateWebhookSecret,
        issueSellerKey, revokeSellerKey, complaintQueue, decideComplaint, setRatePlan, transparencyReport,
        statementsOfReasons;

        /** Which staff function serves it: a new operation must be given to one. */
        public Role role() {
            return switch (this) {
                case reviewQueue, decideItem, getNotice, getRightholder, getSeller, complaintQueue, decideComplaint,
                     transparencyReport, statementsOfReasons -> Role.REVIEWER;
                case setRightStatus, registerRightholder, rotateApiKey, setTier, liftSuspension, voidStrike,
                     reinstateSeller, revokeApiKey, deactivateRightholder, reactivateRightholder, registerSeller,
                     rotateWebhookSecret, issueSellerKey, revokeSellerKey, setRatePlan -> Role.ADMIN;
            };
        }
    }

    /**
     * The two staff functions: reviewers work the queue, decide items and read every record; admins hold what
     * changes who may act and how much they are trusted (registration, keys, rights, tiers, strikes, standing).
     */
    public enum Role {
        REVIEWER, ADMIN
    }

    /** What staff may set a rightholder's tier to: TRUSTED only when the rules make it eligible. */
    public enum TierChoice {
        STANDARD, TRUSTED
    }

    public enum Ruling {
        ACTION, REJECT
    }

    public record ReviewQueue(int limit, String cursor) {
    }

    /** A transparency report's form: a JSON document, or the same figures as CSV rows. */
    public enum ReportFormat {
        json, csv
    }

    /** The report of the UTC days from {@code from} to {@code to}, both included. */
    public record TransparencyReport(LocalDate from, LocalDate to, ReportFormat format) {
    }

    /** A page of the statements of reasons of the UTC days from {@code from} to {@code to}, both included. */
    public record StatementsOfReasons(LocalDate from, LocalDate to, String cursor, int limit) {
    }

    public record DecideItem(String noticeId, int index, Ruling decision, ItemReason reasonCode, String staffId,
                             String note) {
    }

    /** A complaint decided by a person: whose (the party that complained), how, and why. */
    public record DecideComplaint(String noticeId, int index, Party from, Complaint.Outcome decision, String staffId,
                                  String reason) {
    }

    public record SetRightStatus(String rightId, RightStatus status, String staffId, String reason) {
    }

    public record RegisterRightholder(String id, String name, String email, String callbackUrl, String staffId,
                                      KeyExpiry keyExpiry) {
    }

    public record RotateApiKey(String rightholderId, String staffId, KeyExpiry keyExpiry) {
    }

    /** When a new API key stops working: at a time, or after whole days from its issue; null: never. */
    public record KeyExpiry(Instant at, Integer days) {
    }

    public record RevokeApiKey(String rightholderId, String staffId, String reason) {
    }

    public record IssueSellerKey(String sellerId, String staffId, KeyExpiry keyExpiry) {
    }

    public record RevokeSellerKey(String sellerId, String staffId, String reason) {
    }

    /** Putting a rightholder's or a seller's keys on a rate plan: whose, which plan, who, and why. */
    public record SetRatePlan(Principal principal, RatePlan plan, String staffId, String reason) {
    }

    /** Deactivating or reactivating a rightholder: who, and why. */
    public record RightholderAccess(String rightholderId, String staffId, String reason) {
    }

    public record GetNotice(String noticeId) {
    }

    public record GetRightholder(String rightholderId) {
    }

    public record SetTier(String rightholderId, TierChoice tier, String staffId, String reason) {
    }

    public record LiftSuspension(String rightholderId, String staffId, String reason) {
    }

    public record GetSeller(String sellerId) {
    }

    public record VoidStrike(String sellerId, String strikeId, String staffId, String reason) {
    }

    public record ReinstateSeller(String sellerId, String staffId, String reason) {
    }

    /** {@code sellerId} null: the platform makes one up. */
    public record RegisterSeller(String sellerId, String name, String callbackUrl, String staffId) {
    }

    /** Whose secret: a rightholder's or a seller's. */
    public record RotateWebhookSecret(Target owner, String ownerId, int overlapHours, String staffId) {
    }

    private StaffRequests() {
    }

    /** The event's operation; an event that is not an object or names no known operation is refused. */
    public static Operation operation(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new StaffException(StaffException.Type.InvalidRequest, "The event must be a JSON object.",
                    List.of(new FieldError("event", "must be a JSON object with an operation")));
        }
        JsonNode name = event.get(OPERATION);
        Operation operation = name != null && name.isTextual() ? Enums.named(Operation.class, name.asText()) : null;
        if (operation != null) {
            return operation;
        }
        String message = name == null ? "The event names no operation." : "Unknown operation " + name + ".";
        throw new StaffException(StaffException.Type.UnknownOperation, message,
                List.of(new FieldError(OPERATION, "must be one of " + java.util.Arrays.toString(Operation.values()))));
    }

    public static ReviewQueue reviewQueue(JsonNode event) {
        return queue(event, Operation.reviewQueue);
    }

    /** The complaint queue pages as the review queue does. */
    public static ReviewQueue complaintQueue(JsonNode event) {
        return queue(event, Operation.complaintQueue);
    }

    private static ReviewQueue queue(JsonNode event, Operation operation) {
        EventFields fields = new EventFields(event, Set.of("limit", "cursor"));
        Integer limit = fields.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        String cursor = fields.text("cursor", false, 2048);
        fields.check(operation.name());
        return new ReviewQueue(limit, cursor);
    }

    public static DecideComplaint decideComplaint(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("noticeId", "index", "from", "decision", "staffId", "reason"));
        String noticeId = noticeId(fields);
        Integer index = fields.integer("index", 0, Integer.MAX_VALUE, null);
        Party from = fields.oneOf("from", Party.class, EnumSet.allOf(Party.class), true);
        Complaint.Outcome decision = fields.oneOf("decision", Complaint.Outcome.class,
                EnumSet.allOf(Complaint.Outcome.class), true);
        String staffId = staffId(fields);
        // The complainant is told why (EU DSA Art. 20(5)): a decision without a reason is refused.
        String reason = fields.text("reason", true, MAX_NOTE);
        fields.check("decideComplaint");
        return new DecideComplaint(noticeId, index, from, decision, staffId, reason);
    }

    public static DecideItem decideItem(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("noticeId", "index", "decision", "reasonCode", "staffId", "note"));
        String noticeId = noticeId(fields);
        Integer index = fields.integer("index", 0, Integer.MAX_VALUE, null);
        Ruling decision = fields.oneOf("decision", Ruling.class, EnumSet.allOf(Ruling.class), true);
        ItemReason reason = null;
        if (decision == Ruling.REJECT) {
            reason = fields.oneOf("reasonCode", ItemReason.class, STAFF_REJECT_REASONS, true);
        } else if (decision == Ruling.ACTION && fields.has("reasonCode")) {
            fields.error("reasonCode", "only a REJECT takes a reasonCode");
        }
        String staffId = staffId(fields);
        String note = fields.text("note", false, MAX_NOTE);
        fields.check("decideItem");
        return new DecideItem(noticeId, index, decision, reason, staffId, note);
    }

    public static SetRightStatus setRightStatus(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("rightId", "status", "staffId", "reason"));
        String rightId = fields.matching("rightId", RIGHT_ID, "must be a right id (letters, digits, . _ : -)");
        RightStatus status = fields.oneOf("status", RightStatus.class,
                EnumSet.of(RightStatus.VERIFIED, RightStatus.REJECTED, RightStatus.REVOKED), true);
        String staffId = staffId(fields);
        String reason = fields.text("reason", true, MAX_NOTE);
        fields.check("setRightStatus");
        return new SetRightStatus(rightId, status, staffId, reason);
    }

    public static RegisterRightholder registerRightholder(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("id", "name", "email", "callbackUrl", "staffId",
                "expiresAt", "expiresInDays"));
        String id = fields.matching("id", RIGHTHOLDER_ID, "must be 2-63 lower-case letters, digits and hyphens");
        String name = fields.text("name", true, MAX_NAME);
        String email = fields.matching("email", EMAIL, "must be a valid email address");
        String callbackUrl = callbackUrl(fields);
        String staffId = staffId(fields);
        KeyExpiry expiry = keyExpiry(fields);
        fields.check("registerRightholder");
        return new RegisterRightholder(id, name, email, callbackUrl, staffId, expiry);
    }

    public static RotateApiKey rotateApiKey(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("rightholderId", "staffId", "expiresAt", "expiresInDays"));
        String rightholderId = rightholderId(fields);
        String staffId = staffId(fields);
        KeyExpiry expiry = keyExpiry(fields);
        fields.check("rotateApiKey");
        return new RotateApiKey(rightholderId, staffId, expiry);
    }

    public static RevokeApiKey revokeApiKey(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("rightholderId", "staffId", "reason"));
        String rightholderId = rightholderId(fields);
        String staffId = staffId(fields);
        String reason = fields.text("reason", true, MAX_NOTE);
        fields.check("revokeApiKey");
        return new RevokeApiKey(rightholderId, staffId, reason);
    }

    public static IssueSellerKey issueSellerKey(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("sellerId", "staffId", "expiresAt", "expiresInDays"));
        String sellerId = sellerId(fields);
        String staffId = staffId(fields);
        KeyExpiry expiry = keyExpiry(fields);
        fields.check("issueSellerKey");
        return new IssueSellerKey(sellerId, staffId, expiry);
    }

    public static RevokeSellerKey revokeSellerKey(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("sellerId", "staffId", "reason"));
        String sellerId = sellerId(fields);
        String staffId = staffId(fields);
        String reason = fields.text("reason", true, MAX_NOTE);
        fields.check("revokeSellerKey");
        return new RevokeSellerKey(sellerId, staffId, reason);
    }

    /** {@code rightholderId} or {@code sellerId}, exactly one of them. */
    public static SetRatePlan setRatePlan(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("rightholderId", "sellerId", "plan", "staffId", "reason"));
        Principal principal = null;
        if (fields.has("rightholderId") == fields.has("sellerId")) {
            fields.error("rightholderId", "give rightholderId or sellerId, exactly one of them");
        } else if (fields.has("rightholderId")) {
            String rightholderId = rightholderId(fields);
            principal = rightholderId == null ? null : Principal.rightholder(rightholderId);
        } else {
            String sellerId = sellerId(fields);
            principal = sellerId == null ? null : Principal.seller(sellerId);
        }
        RatePlan plan = fields.oneOf("plan", RatePlan.class, EnumSet.allOf(RatePlan.class), true);
        String staffId = staffId(fields);
        String reason = fields.text("reason", true, MAX_NOTE);
        fields.check("setRatePlan");
        return new SetRatePlan(principal, plan, staffId, reason);
    }

    public static RightholderAccess deactivateRightholder(JsonNode event) {
        return rightholderAccess(event, "deactivateRightholder");
    }

    public static RightholderAccess reactivateRightholder(JsonNode event) {
        return rightholderAccess(event, "reactivateRightholder");
    }

    private static RightholderAccess rightholderAccess(JsonNode event, String operation) {
        EventFields fields = new EventFields(event, Set.of("rightholderId", "staffId", "reason"));
        String rightholderId = rightholderId(fields);
        String staffId = staffId(fields);
        String reason = fields.text("reason", true, MAX_NOTE);
        fields.check(operation);
        return new RightholderAccess(rightholderId, staffId, reason);
    }

    /** {@code expiresAt} (an ISO-8601 instant) or {@code expiresInDays}, not both; whether it is ahead is the service's. */
    private static KeyExpiry keyExpiry(EventFields fields) {
        if (fields.has("expiresAt") && fields.has("expiresInDays")) {
            fields.error("expiresAt", "give expiresAt or expiresInDays, not both");
            return null;
        }
        if (fields.has("expiresInDays")) {
            Integer days = fields.integer("expiresInDays", 1, MAX_KEY_DAYS, null);
            return days == null ? null : new KeyExpiry(null, days);
        }
        String at = fields.text("expiresAt", false, 40);
        if (at == null) {
            return null;
        }
        try {
            return new KeyExpiry(Instant.parse(at), null);
        } catch (DateTimeParseException e) {
            fields.error("expiresAt", "must be an ISO-8601 UTC time, e.g. 2027-06-30T00:00:00Z");
            return null;
        }
    }

    public static GetNotice getNotice(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("noticeId"));
        String noticeId = noticeId(fields);
        fields.check("getNotice");
        return new GetNotice(noticeId);
    }

    public static TransparencyReport transparencyReport(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("from", "to", "format"));
        ReportPeriod period = period(fields);
        ReportFormat format = fields.has("format")
                ? fields.oneOf("format", ReportFormat.class, EnumSet.allOf(ReportFormat.class), true) : ReportFormat.json;
        fields.check("transparencyReport");
        return new TransparencyReport(period.from(), period.to(), format);
    }

    public static StatementsOfReasons statementsOfReasons(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("from", "to", "cursor", "limit"));
        ReportPeriod period = period(fields);
        String cursor = fields.text("cursor", false, 2048);
        Integer limit = fields.integer("limit", 1, MAX_LIMIT, MAX_LIMIT);
        fields.check("statementsOfReasons");
        return new StatementsOfReasons(period.from(), period.to(), cursor, limit);
    }

    /** {@code from} and {@code to}, as {@link ReportPeriod} checks them; errors are named after the field. */
    private static ReportPeriod period(EventFields fields) {
        LocalDate from = day(fields, "from");
        LocalDate to = day(fields, "to");
        if (from != null && to != null) {
            ReportPeriod.of(from, to, message -> fields.error("to", message));
        }
        return new ReportPeriod(from, to);
    }

    private static LocalDate day(EventFields fields, String name) {
        String text = fields.text(name, true, 1000);
        return text == null ? null : ReportPeriod.day(text, message -> fields.error(name, message));
    }

    public static GetRightholder getRightholder(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("rightholderId"));
        String rightholderId = rightholderId(fields);
        fields.check("getRightholder");
        return new GetRightholder(rightholderId);
    }

    public static SetTier setTier(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("rightholderId", "tier", "staffId", "reason"));
        String rightholderId = rightholderId(fields);
        TierChoice tier = fields.oneOf("tier", TierChoice.class, EnumSet.allOf(TierChoice.class), true);
        String staffId = staffId(fields);
        String reason = fields.text("reason", true, MAX_NOTE);
        fields.check("setTier");
        return new SetTier(rightholderId, tier, staffId, reason);
    }

    public static LiftSuspension liftSuspension(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("rightholderId", "staffId", "reason"));
        String rightholderId = rightholderId(fields);
        String staffId = staffId(fields);
        String reason = fields.text("reason", true, MAX_NOTE);
        fields.check("liftSuspension");
        return new LiftSuspension(rightholderId, staffId, reason);
    }

    public static GetSeller getSeller(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("sellerId"));
        String sellerId = sellerId(fields);
        fields.check("getSeller");
        return new GetSeller(sellerId);
    }

    public static VoidStrike voidStrike(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("sellerId", "strikeId", "staffId", "reason"));
        String sellerId = sellerId(fields);
        String strikeId = fields.matching("strikeId", STRIKE_ID, "must be a strike id as getSeller shows it (day/rightholder)");
        String staffId = staffId(fields);
        String reason = fields.text("reason", true, MAX_NOTE);
        fields.check("voidStrike");
        return new VoidStrike(sellerId, strikeId, staffId, reason);
    }

    public static ReinstateSeller reinstateSeller(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("sellerId", "staffId", "reason"));
        String sellerId = sellerId(fields);
        String staffId = staffId(fields);
        String reason = fields.text("reason", true, MAX_NOTE);
        fields.check("reinstateSeller");
        return new ReinstateSeller(sellerId, staffId, reason);
    }

    public static RegisterSeller registerSeller(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("sellerId", "name", "callbackUrl", "staffId"));
        String sellerId = fields.has("sellerId") ? sellerId(fields) : null;
        String name = fields.text("name", true, MAX_NAME);
        String callbackUrl = callbackUrl(fields);
        String staffId = staffId(fields);
        fields.check("registerSeller");
        return new RegisterSeller(sellerId, name, callbackUrl, staffId);
    }

    public static RotateWebhookSecret rotateWebhookSecret(JsonNode event) {
        EventFields fields = new EventFields(event, Set.of("rightholderId", "sellerId", "overlapHours", "staffId"));
        Target owner = null;
        String ownerId = null;
        if (fields.has("rightholderId") == fields.has("sellerId")) {
            fields.error("rightholderId", "give either a rightholderId or a sellerId");
        } else if (fields.has("rightholderId")) {
            owner = Target.RIGHTHOLDER;
            ownerId = rightholderId(fields);
        } else {
            owner = Target.SELLER;
            ownerId = sellerId(fields);
        }
        Integer overlapHours = fields.integer("overlapHours", 0, MAX_OVERLAP_HOURS, DEFAULT_OVERLAP_HOURS);
        String staffId = staffId(fields);
        fields.check("rotateWebhookSecret");
        return new RotateWebhookSecret(owner, ownerId, overlapHours, staffId);
    }

    private static String callbackUrl(EventFields fields) {
        String callbackUrl = fields.text("callbackUrl", false, 2048);
        if (callbackUrl != null && !isHttpsUrl(callbackUrl)) {
            fields.error("callbackUrl", "must be an absolute https URL");
            return null;
        }
        return callbackUrl;
    }

    private static String rightholderId(EventFields fields) {
        return fields.matching("rightholderId", RIGHTHOLDER_ID, "must be a rightholder id");
    }

    private static String sellerId(EventFields fields) {
        return fields.matching("sellerId", SELLER_ID, "must be a seller id (letters, digits, . _ : -)");
    }

    private static String noticeId(EventFields fields) {
        return fields.matching("noticeId", Ids.NOTICE_ID, "must be a notice id (ntc_ and 26 characters)");
    }

    /** Who does it: recorded with every change, and never AUTO, which marks automated decisions. */
    private static String staffId(EventFields fields) {
        String staffId = fields.matching("staffId", STAFF_ID, "must be your staff id (letters, digits, . _ @ + -)");
        if (Decision.AUTO.equals(staffId) || Decision.RIGHTHOLDER.equals(staffId) || Decision.SELLER.equals(staffId)) {
            fields.error("staffId", staffId + " marks decisions not made by staff; use your own staff id");
            return null;
        }
        return staffId;
    }

    private static boolean isHttpsUrl(String text) {
        try {
            URI uri = new URI(text);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
