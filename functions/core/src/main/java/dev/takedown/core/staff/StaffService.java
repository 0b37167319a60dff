package dev.takedown.core.staff;

import dev.takedown.core.decisions.DecisionRecorder;
import dev.takedown.core.model.ApiKey;
import dev.takedown.core.model.AuditEvent;
import dev.takedown.core.model.Deactivation;
import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.Ids;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.Principal;
import dev.takedown.core.model.PrincipalAccess;
import dev.takedown.core.model.RatePlan;
import dev.takedown.core.model.Right;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.UsageKey;
import dev.takedown.core.ports.ApiKeyRegistry;
import dev.takedown.core.ports.AuditLog;
import dev.takedown.core.ports.ListingStore;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.Page;
import dev.takedown.core.ports.RightStore;
import dev.takedown.core.ports.RightholderRegistry;
import dev.takedown.core.ports.RightholderStore;
import dev.takedown.core.ports.SellerStore;
import dev.takedown.core.ports.UsagePlans;
import dev.takedown.core.ports.WebhookSecretRegistry;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.runtime.Log;
import dev.takedown.core.staff.StaffRequests.DecideItem;
import dev.takedown.core.staff.StaffRequests.GetNotice;
import dev.takedown.core.staff.StaffRequests.IssueSellerKey;
import dev.takedown.core.staff.StaffRequests.KeyExpiry;
import dev.takedown.core.staff.StaffRequests.RegisterRightholder;
import dev.takedown.core.staff.StaffRequests.RevokeApiKey;
import dev.takedown.core.staff.StaffRequests.RevokeSellerKey;
import dev.takedown.core.staff.StaffRequests.ReviewQueue;
import dev.takedown.core.staff.StaffRequests.RightholderAccess;
import dev.takedown.core.staff.StaffRequests.RotateApiKey;
import dev.takedown.core.staff.StaffRequests.SetRatePlan;
import dev.takedown.core.staff.StaffRequests.SetRightStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What platform staff do from the console: work the review queue, decide items, verify or revoke rights,
 * register rightholders, issue, rotate and revoke their API keys and sellers', deactivate and reactivate
 * rightholders, and read any notice with its audit trail. Every rightholder and seller given a key or a rate plan has
 * a gateway key of its own on its plan's usage plan, so that the gateway holds each to its plan apart from the others.
 */
public final class StaffService {
    private final NoticeStore notices;
    private final RightStore rights;
    private final RightholderStore rightholders;
    private final RightholderRegistry registry;
    private final SellerStore sellers;
    private final ApiKeyRegistry apiKeys;
    private final UsagePlans usagePlans;
    private final WebhookSecretRegistry secrets;
    private final AuditLog audit;
    private final ReviewService reviews;
    private final Clock clock;

    public StaffService(NoticeStore notices, RightStore rights, RightholderStore rightholders, RightholderRegistry registry,
                        SellerStore sellers, ApiKeyRegistry apiKeys, UsagePlans usagePlans, WebhookSecretRegistry secrets,
                        ListingStore listings, AuditLog audit, DecisionRecorder recorder, Clock clock) {
        this.notices = notices;
        this.rights = rights;
        this.rightholders = rightholders;
        this.registry = registry;
        this.sellers = sellers;
        this.apiKeys = apiKeys;
        this.usagePlans = usagePlans;
        this.secrets = secrets;
        this.audit = audit;
        this.reviews = new ReviewService(notices, rights, listings, rightholders, recorder, clock);
        this.clock = clock;
    }

    public record Decided(Notice notice, NoticeItem item) {
    }

    /** The new rightholder with its API key (and when it expires) and its webhook secret: shown this once only. */
    public record Registered(Rightholder rightholder, String apiKey, Instant apiKeyExpiresAt, String webhookSecret) {
    }

    public record Rotated(String rightholderId, String apiKey, Instant apiKeyExpiresAt, int revokedKeys) {
    }

    public record Revoked(String rightholderId, int revokedKeys) {
    }

    /** A seller's new API key (and when it expires), shown this once only, and how many older keys it replaced. */
    public record SellerKeyIssued(String sellerId, String apiKey, Instant apiKeyExpiresAt, int revokedKeys) {
    }

    public record SellerKeysRevoked(String sellerId, int revokedKeys) {
    }

    public record RatePlanSet(Principal principal, RatePlan plan) {
    }

    /** Whether a rightholder may use its API keys (no deactivation), and the keys it holds. */
    public record Access(Deactivation deactivation, List<KeyView> apiKeys) {
    }

    /** A key as staff see it: never the key nor its hash, only its prefix. */
    public record KeyView(ApiKey key, boolean expired) {
    }

    public record NoticeRecord(Notice notice, List<NoticeItem> items, List<AuditEvent> auditTrail) {
    }

    public Page<NoticeStore.ReviewItem> reviewQueue(ReviewQueue request) {
        return reviews.reviewQueue(request);
    }

    /** See {@link ReviewService#decideItem}. */
    public Decided decideItem(DecideItem request) {
        return reviews.decideItem(request);
    }

    public Right setRightStatus(SetRightStatus request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Right right = rights.setStatus(request.rightId(), request.status(), request.staffId(), request.reason(), now)
                .orElseThrow(() -> StaffException.notFound("rightId", "No right " + request.rightId() + " exists."));
        Log.info("right status set by staff", "rightId", right.id(), "status", right.status(), "staffId", request.staffId());
        return right;
    }

    public Registered registerRightholder(RegisterRightholder request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = expiresAt(request.keyExpiry(), now);
        Rightholder rightholder = new Rightholder(request.id(), request.name(), request.email(), request.callbackUrl());
        if (!registry.register(rightholder, request.staffId(), now)) {
            throw StaffException.conflict("id", "Rightholder " + request.id()
                    + " already exists; use rotateApiKey or rotateWebhookSecret to give it a new API key or secret.");
        }
        String webhookSecret = Ids.webhookSecret();
        // Issued, never replaced: a rightholder left without one by a failure here gets one from rotateWebhookSecret.
        secrets.issue(Target.RIGHTHOLDER, rightholder.id(), webhookSecret, request.staffId(), now);
        Principal principal = Principal.rightholder(rightholder.id());
        meterOnItsPlan(principal);
        String apiKey = Ids.apiKey();
        apiKeys.issue(ApiKey.issued(apiKey, principal, now, request.staffId(), expiresAt));
        Log.info("rightholder registered by staff", "rightholderId", rightholder.id(), "staffId", request.staffId());
        return new Registered(rightholder, apiKey, expiresAt, webhookSecret);
    }

    /** Issues the new key before revoking the old ones, so the rightholder is never left without a working key. */
    public Rotated rotateApiKey(RotateApiKey request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = expiresAt(request.keyExpiry(), now);
        existing(request.rightholderId());
        Principal principal = Principal.rightholder(request.rightholderId());
        meterOnItsPlan(principal);
        String apiKey = Ids.apiKey();
        ApiKey issued = ApiKey.issued(apiKey, principal, now, request.staffId(), expiresAt);
        apiKeys.issue(issued);
        int revoked = apiKeys.revokeAllBut(issued.principal(), issued.keyHash());
        Log.info("API key rotated by staff", "rightholderId", request.rightholderId(), "staffId", request.staffId(),
                "keyPrefix", issued.prefix(), "revokedKeys", revoked);
        return new Rotated(request.rightholderId(), apiKey, expiresAt, revoked);
    }

    /** Revokes every key of the rightholder, without a new one: it cannot call the API until it is given one. */
    public Revoked revokeApiKey(RevokeApiKey request) {
        existing(request.rightholderId());
        int revoked = apiKeys.revokeAllBut(Principal.rightholder(request.rightholderId()), null);
        Log.info("API keys revoked by staff", "rightholderId", request.rightholderId(), "staffId", request.staffId(),
                "revokedKeys", revoked, "reason", request.reason());
        return new Revoked(request.rightholderId(), revoked);
    }

    /**
     * Gives a seller an API key for the routes that serve sellers; as with a rightholder's rotation, the new key is
     * issued before the older ones are revoked, so a seller holds one working key. Its standing does not matter: a
     * suspended seller keeps its key, so that it can contest.
     */
    public SellerKeyIssued issueSellerKey(IssueSellerKey request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = expiresAt(request.keyExpiry(), now);
        existingSeller(request.sellerId());
        Principal principal = Principal.seller(request.sellerId());
        meterOnItsPlan(principal);
        String apiKey = Ids.apiKey();
        ApiKey issued = ApiKey.issued(apiKey, principal, now, request.staffId(), expiresAt);
        apiKeys.issue(issued);
        int revoked = apiKeys.revokeAllBut(issued.principal(), issued.keyHash());
        Log.info("seller API key issued by staff", "sellerId", request.sellerId(), "staffId", request.staffId(),
                "keyPrefix", issued.prefix(), "revokedKeys", revoked);
        return new SellerKeyIssued(request.sellerId(), apiKey, expiresAt, revoked);
    }

    /** Revokes every key of the seller, without a new one: it cannot call the API until it is given one. */
    public SellerKeysRevoked revokeSellerKey(RevokeSellerKey request) {
        existingSeller(request.sellerId());
        int revoked = apiKeys.revokeAllBut(Principal.seller(request.sellerId()), null);
        Log.info("seller API keys revoked by staff", "sellerId", request.sellerId(), "staffId", request.staffId(),
                "revokedKeys", revoked, "reason", request.reason());
        return new SellerKeysRevoked(request.sellerId(), revoked);
    }

    /**
     * Puts every key of the rightholder or seller, present and future, on the plan from its next request on;
     * the gateway enforces the plan's rate and burst. The gateway key moves first and the plan is recorded last, so
     * a request that failed half way leaves the principal held to one plan or refused, never unthrottled, until it is
     * made again, which finishes the move.
     */
    public RatePlanSet setRatePlan(SetRatePlan request) {
        Principal principal = request.principal();
        switch (principal.kind()) {
            case RIGHTHOLDER -> existing(principal.id());
            case SELLER -> existingSeller(principal.id());
        }
        meter(principal, apiKeys.access(principal), request.plan());
        apiKeys.setRatePlan(principal, request.plan());
        Log.info("rate plan set by staff", "principalType", principal.kind().name(), "principalId", principal.id(),
                "plan", request.plan().name(), "staffId", request.staffId(), "reason", request.reason());
        return new RatePlanSet(principal, request.plan());
    }

    /** Every key of the rightholder is refused until it is reactivated; its keys and everything else stay. */
    public String deactivateRightholder(RightholderAccess request) {
        existing(request.rightholderId());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!apiKeys.deactivate(Principal.rightholder(request.rightholderId()),
                new Deactivation(now, request.staffId(), request.reason()))) {
            throw StaffException.conflict("rightholderId", "Rightholder " + request.rightholderId()
                    + " is deactivated already.");
        }
        Log.info("rightholder deactivated by staff", "rightholderId", request.rightholderId(),
                "staffId", request.staffId(), "reason", request.reason());
        return request.rightholderId();
    }

    public String reactivateRightholder(RightholderAccess request) {
        existing(request.rightholderId());
        if (!apiKeys.reactivate(Principal.rightholder(request.rightholderId()))) {
            throw StaffException.conflict("rightholderId", "Rightholder " + request.rightholderId()
                    + " is active: there is nothing to reactivate.");
        }
        Log.info("rightholder reactivated by staff", "rightholderId", request.rightholderId(),
                "staffId", request.staffId(), "reason", request.reason());
        return request.rightholderId();
    }

    public Access access(String rightholderId) {
        Principal principal = Principal.rightholder(rightholderId);
        return new Access(apiKeys.deactivation(principal).orElse(null), keyViews(principal));
    }

    /** The seller's keys as staff see them; sellers are never deactivated. */
    public List<KeyView> sellerKeys(String sellerId) {
        return keyViews(Principal.seller(sellerId));
    }

    private List<KeyView> keyViews(Principal principal) {
        Instant now = clock.instant();
        return apiKeys.keysOf(principal).stream().map(k -> new KeyView(k, k.expiredAt(now))).toList();
    }

    /** Before a key is issued, so that its first request is metered on the principal's own gateway key. */
    private void meterOnItsPlan(Principal principal) {
        PrincipalAccess access = apiKeys.access(principal);
        meter(principal, access, access.ratePlan());
    }

    /**
     * Meters the principal on the plan with its gateway key, made the first time. A new key is on its plan before it
     * is kept on the principal's row, so the authorizer never names a key that meters on no plan: a principal on its
     * plan's shared key stays there until its own key meters, and a key made by a request that then failed is never
     * named.
     */
    private void meter(Principal principal, PrincipalAccess access, RatePlan plan) {
        UsageKey key = access.usageKey();
        if (key == null) {
            UsageKey made = usagePlans.createKey(principal);
            usagePlans.meter(made.id(), plan);
            key = apiKeys.keepUsageKey(principal, made);
            if (key.equals(made)) {
                return;
            }
        }
        usagePlans.meter(key.id(), plan);
    }

    private void existing(String rightholderId) {
        if (rightholders.find(rightholderId).isEmpty()) {
            throw StaffException.notFound("rightholderId", "No rightholder " + rightholderId + " exists.");
        }
    }

    private void existingSeller(String sellerId) {
        if (sellers.find(sellerId).isEmpty()) {
            throw StaffException.notFound("sellerId", "No seller " + sellerId + " exists.");
        }
    }

    /** When a key issued now expires; a time must lie ahead, and within the longest life a key may have. */
    private static Instant expiresAt(KeyExpiry expiry, Instant now) {
        if (expiry == null) {
            return null;
        }
        if (expiry.days() != null) {
            return now.plus(expiry.days(), ChronoUnit.DAYS);
        }
        if (!expiry.at().isAfter(now) || expiry.at().isAfter(now.plus(StaffRequests.MAX_KEY_DAYS, ChronoUnit.DAYS))) {
            throw new StaffException(StaffException.Type.InvalidRequest, "expiresAt must lie ahead, within "
                    + StaffRequests.MAX_KEY_DAYS + " days.", List.of(new FieldError("expiresAt",
                    "must be after now and at most " + StaffRequests.MAX_KEY_DAYS + " days ahead")));
        }
        return expiry.at().truncatedTo(ChronoUnit.MILLIS);
    }

    public NoticeRecord getNotice(GetNotice request) {
        Notice notice = notices.find(request.noticeId())
                .orElseThrow(() -> StaffException.notFound("noticeId", "No notice " + request.noticeId() + " exists."));
        return new NoticeRecord(notice, notices.allItems(notice.id(), null), audit.forNotice(notice.id()));
    }
}
