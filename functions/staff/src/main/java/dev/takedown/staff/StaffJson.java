package dev.takedown.staff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.EvidenceJson;
import dev.takedown.core.json.ItemJson;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.AuditEvent;
import dev.takedown.core.model.Deactivation;
import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.Right;
import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.Strike;
import dev.takedown.core.model.TrustCounts;
import dev.takedown.core.model.TrustEvent;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.Page;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.staff.StaffException;
import dev.takedown.core.staff.StaffService;
import dev.takedown.core.staff.TrustStaffService;
import dev.takedown.core.staff.WebhookStaffService;
import dev.takedown.core.text.Times;
import dev.takedown.core.trust.TrustRules;
import java.time.Instant;
import java.util.List;

/** The staff operations' results as JSON: camelCase names, ISO-8601 UTC times, every decision in full. */
final class StaffJson {
    private StaffJson() {
    }

    static ObjectNode reviewQueue(Page<NoticeStore.ReviewItem> page) {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        page.entries().forEach(r -> items.add(ItemJson.forStaff(r.item()).put("noticeId", r.noticeId())
                .put("reviewFirst", r.item().decision().reviewFirst())));
        body.put("nextCursor", page.nextCursor());
        return body;
    }

    /** Items with an open complaint, oldest first: each in full, with both parties' complaints. */
    static ObjectNode complaintQueue(Page<NoticeStore.ReviewItem> page) {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        page.entries().forEach(r -> items.add(ItemJson.forStaff(r.item()).put("noticeId", r.noticeId())));
        body.put("nextCursor", page.nextCursor());
        return body;
    }

    static ObjectNode decided(StaffService.Decided decided) {
        ObjectNode body = Json.object()
                .put("noticeId", decided.notice().id())
                .put("noticeStatus", decided.notice().status().name())
                .put("outcome", decided.notice().outcome() == null ? null : decided.notice().outcome().name());
        body.set("item", ItemJson.forStaff(decided.item()));
        return body;
    }

    static ObjectNode right(Right right) {
        return Json.object()
                .put("rightId", right.id())
                .put("rightholderId", right.rightholderId())
                .put("status", right.status().name());
    }

    static ObjectNode registered(StaffService.Registered registered) {
        return Json.object()
                .put("rightholderId", registered.rightholder().id())
                .put("name", registered.rightholder().name())
                .put("email", registered.rightholder().email())
                .put("callbackUrl", registered.rightholder().callbackUrl())
                .put("apiKey", registered.apiKey())
                .put("apiKeyExpiresAt", time(registered.apiKeyExpiresAt()))
                .put("webhookSecret", registered.webhookSecret());
    }

    static ObjectNode registeredSeller(WebhookStaffService.RegisteredSeller registered) {
        return Json.object()
                .put("sellerId", registered.seller().id())
                .put("name", registered.seller().name())
                .put("callbackUrl", registered.seller().callbackUrl())
                .put("webhookSecret", registered.webhookSecret());
    }

    static ObjectNode rotatedSecret(WebhookStaffService.RotatedSecret rotated) {
        return Json.object()
                .put(rotated.owner() == Target.RIGHTHOLDER ? "rightholderId" : "sellerId", rotated.ownerId())
                .put("webhookSecret", rotated.webhookSecret())
                .put("previousValidUntil", time(rotated.previousValidUntil()));
    }

    static ObjectNode rotated(StaffService.Rotated rotated) {
        return Json.object()
                .put("rightholderId", rotated.rightholderId())
                .put("apiKey", rotated.apiKey())
                .put("apiKeyExpiresAt", time(rotated.apiKeyExpiresAt()))
                .put("revokedKeys", rotated.revokedKeys());
    }

    static ObjectNode revoked(StaffService.Revoked revoked) {
        return Json.object()
                .put("rightholderId", revoked.rightholderId())
                .put("revokedKeys", revoked.revokedKeys());
    }

    /** {@code rightholderId} or {@code sellerId}, as the request named the principal, and its plan now. */
    static ObjectNode ratePlanSet(StaffService.RatePlanSet set) {
        String idField = switch (set.principal().kind()) {
            case RIGHTHOLDER -> "rightholderId";
            case SELLER -> "sellerId";
        };
        return Json.object()
                .put(idField, set.principal().id())
                .put("plan", set.plan().name());
    }

    static ObjectNode sellerKeyIssued(StaffService.SellerKeyIssued issued) {
        return Json.object()
                .put("sellerId", issued.sellerId())
                .put("apiKey", issued.apiKey())
                .put("apiKeyExpiresAt", time(issued.apiKeyExpiresAt()))
                .put("revokedKeys", issued.revokedKeys());
    }

    static ObjectNode sellerKeysRevoked(StaffService.SellerKeysRevoked revoked) {
        return Json.object()
                .put("sellerId", revoked.sellerId())
                .put("revokedKeys", revoked.revokedKeys());
    }

    static ObjectNode noticeRecord(StaffService.NoticeRecord record) {
        ObjectNode body = Json.object();
        body.set("notice", notice(record.notice()));
        ArrayNode items = body.putArray("items");
        record.items().forEach(i -> items.add(ItemJson.forStaff(i)));
        ArrayNode trail = body.putArray("auditTrail");
        record.auditTrail().forEach(e -> trail.add(auditEvent(e)));
        return body;
    }

    static ObjectNode rightholder(TrustStaffService.RightholderRecord record, StaffService.Access access) {
        RightholderTrust trust = record.rightholder().trust();
        ObjectNode body = Json.object()
                .put("rightholderId", record.rightholder().id())
                .put("name", record.rightholder().name())
                .put("tier", trust.tier().name())
                .put("tierSince", time(trust.since()))
                .put("tierSetBy", trust.changedBy())
                .put("tierSetByStaff", trust.pinned())
                .put("trustedLockoutUntil", time(trust.trustedLockoutUntil()))
                .put("warnedAt", time(trust.warnedAt()))
                .put("suspendedUntil", time(trust.suspendedUntil()));
        Deactivation deactivation = access.deactivation();
        body.put("active", deactivation == null);
        if (deactivation == null) {
            body.putNull("deactivated");
        } else {
            body.putObject("deactivated").put("at", time(deactivation.at())).put("by", deactivation.by())
                    .put("reason", deactivation.reason());
        }
        apiKeys(body, access.apiKeys());
        TrustCounts counts = record.counts();
        body.putObject("record")
                .put("from", record.windowStart().toString())
                .put("to", record.windowEnd().toString())
                .put("decided", counts.decided())
                .put("actioned", counts.actioned())
                .put("unfounded", counts.unfounded())
                .put("reversed", counts.reversed())
                .put("confirmed", counts.confirmed());
        TrustRules.Eligibility eligibility = record.eligibility();
        ObjectNode eligible = body.putObject("trustedEligibility")
                .put("eligible", eligibility.eligible())
                .put("decisionsThatStand", eligibility.counts().eligibilityBase())
                .put("confirmed", eligibility.counts().confirmed())
                .put("rejected", eligibility.counts().rejected())
                .put("reversed", eligibility.counts().reversed());
        ArrayNode missing = eligible.putArray("missing");
        eligibility.missing().forEach(missing::add);
        trail(body, record.events());
        return body;
    }

    /** A key as staff see it: never the key nor its hash. */
    private static void apiKeys(ObjectNode body, List<StaffService.KeyView> views) {
        ArrayNode keys = body.putArray("apiKeys");
        for (StaffService.KeyView view : views) {
            keys.addObject()
                    .put("keyPrefix", view.key().prefix())
                    .put("issuedAt", time(view.key().issuedAt()))
                    .put("issuedBy", view.key().issuedBy())
                    .put("expiresAt", time(view.key().expiresAt()))
                    .put("expired", view.expired());
        }
    }

    static ObjectNode seller(TrustStaffService.SellerRecord record, List<StaffService.KeyView> keys) {
        ObjectNode body = Json.object()
                .put("sellerId", record.sellerId())
                .put("standing", record.state().standing().name())
                .put("standingSince", time(record.state().since()))
                .put("reinstatedAt", time(record.state().reinstatedAt()))
                .put("establishedStrikes", record.establishedStrikes());
        apiKeys(body, keys);
        ArrayNode strikes = body.putArray("strikes");
        for (TrustStaffService.StrikeView view : record.strikes()) {
            Strike strike = view.strike();
            ObjectNode node = strikes.addObject()
                    .put("strikeId", strike.id())
                    .put("rightholderId", strike.rightholderId())
                    .put("day", strike.day().toString())
                    .put("copyright", strike.copyright())
                    .put("state", view.state().name())
                    .put("establishesAt", time(view.establishesAt()))
                    .put("expiresAt", time(view.expiresAt()));
            ArrayNode items = node.putArray("items");
            strike.items().stream().sorted().forEach(items::add);
            if (strike.voided() != null) {
                node.putObject("voided").put("by", strike.voided().by()).put("at", time(strike.voided().at()))
                        .put("reason", strike.voided().reason());
            }
        }
        trail(body, record.events());
        return body;
    }

    private static void trail(ObjectNode body, List<TrustEvent> events) {
        ArrayNode trail = body.putArray("auditTrail");
        for (TrustEvent e : events) {
            trail.addObject()
                    .put("at", time(e.at()))
                    .put("actor", e.actor())
                    .put("kind", e.kind())
                    .put("from", e.from())
                    .put("to", e.to())
                    .put("reason", e.reason());
        }
    }

    static ObjectNode error(StaffException e) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error").put("type", e.type().name()).put("message", e.getMessage());
        ArrayNode errors = error.putArray("errors");
        for (FieldError fieldError : e.errors()) {
            errors.addObject().put("field", fieldError.field()).put("message", fieldError.message());
        }
        return body;
    }

    private static ObjectNode notice(Notice notice) {
        ObjectNode body = Json.object()
                .put("id", notice.id())
                .put("rightholderId", notice.rightholderId())
                .put("rightId", notice.rightId())
                .put("reason", notice.reason().name())
                .put("explanation", notice.explanation())
                .put("status", notice.status().name())
                .put("receivedAt", time(notice.receivedAt()))
                .put("itemCount", notice.itemCount())
                .put("openItemCount", notice.openItemCount())
                .put("outcome", notice.outcome() == null ? null : notice.outcome().name())
                .put("completedAt", time(notice.completedAt()))
                .put("signature", notice.signature());
        body.putObject("sender").put("name", notice.sender().name()).put("email", notice.sender().email());
        EvidenceJson.put(body, notice.evidence());
        return body;
    }

    private static ObjectNode auditEvent(AuditEvent e) {
        return Json.object()
                .put("itemIndex", e.itemIndex())
                .put("actor", e.actor())
                .put("at", time(e.at()))
                .put("from", e.from().name())
                .put("to", e.to().name())
                .put("reason", e.reason() == null ? null : e.reason().name())
                .put("rule", e.rule() == null ? null : e.rule().name());
    }

    private static String time(Instant at) {
        return at == null ? null : Times.format(at);
    }
}
