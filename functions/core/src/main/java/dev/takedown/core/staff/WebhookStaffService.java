package dev.takedown.core.staff;

import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.Ids;
import dev.takedown.core.model.Seller;
import dev.takedown.core.ports.RightholderStore;
import dev.takedown.core.ports.SellerRegistry;
import dev.takedown.core.ports.SellerStore;
import dev.takedown.core.ports.WebhookSecretRegistry;
import dev.takedown.core.runtime.Log;
import dev.takedown.core.staff.StaffRequests.RegisterSeller;
import dev.takedown.core.staff.StaffRequests.RotateWebhookSecret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What staff do about who receives webhooks and how they are signed: register a seller with a secret of its own,
 * and rotate a rightholder's or seller's secret with an overlap during which webhooks carry both signatures. A
 * secret is shown once, in the answer that made it; the secrets are written here and read only by the notifier.
 */
public final class WebhookStaffService {
    private final RightholderStore rightholders;
    private final SellerStore sellers;
    private final SellerRegistry sellerRegistry;
    private final WebhookSecretRegistry secrets;
    private final Clock clock;

    public WebhookStaffService(RightholderStore rightholders, SellerStore sellers, SellerRegistry sellerRegistry,
                               WebhookSecretRegistry secrets, Clock clock) {
        this.rightholders = rightholders;
        this.sellers = sellers;
        this.sellerRegistry = sellerRegistry;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** The new seller and its webhook secret, shown this once only. */
    public record RegisteredSeller(Seller seller, String webhookSecret) {
    }

    /** The new secret, shown this once only, and until when the one it replaced still signs. */
    public record RotatedSecret(Target owner, String ownerId, String webhookSecret, Instant previousValidUntil) {
    }

    public RegisteredSeller registerSeller(RegisterSeller request) {
        Instant now = now();
        String sellerId = request.sellerId() != null ? request.sellerId() : Ids.seller(now);
        Seller seller = new Seller(sellerId, request.name(), request.callbackUrl());
        if (!sellerRegistry.register(seller, request.staffId(), now)) {
            throw StaffException.conflict("sellerId", "Seller " + sellerId
                    + " already exists; use rotateWebhookSecret to give it a new secret.");
        }
        String webhookSecret = Ids.webhookSecret();
        // Issued, never replaced: a seller left without one by a failure here gets one from rotateWebhookSecret.
        secrets.issue(Target.SELLER, sellerId, webhookSecret, request.staffId(), now);
        Log.info("seller registered by staff", "sellerId", sellerId, "staffId", request.staffId());
        return new RegisteredSeller(seller, webhookSecret);
    }

    public RotatedSecret rotateWebhookSecret(RotateWebhookSecret request) {
        boolean exists = request.owner() == Target.RIGHTHOLDER
                ? rightholders.find(request.ownerId()).isPresent()
                : sellers.find(request.ownerId()).isPresent();
        if (!exists) {
            String field = request.owner() == Target.RIGHTHOLDER ? "rightholderId" : "sellerId";
            String what = request.owner() == Target.RIGHTHOLDER ? "rightholder" : "seller";
            throw StaffException.notFound(field, "No " + what + " " + request.ownerId() + " exists.");
        }
        Instant now = now();
        Instant previousUntil = now.plus(Duration.ofHours(request.overlapHours()));
        String webhookSecret = Ids.webhookSecret();
        secrets.rotate(request.owner(), request.ownerId(), webhookSecret, previousUntil, request.staffId(), now);
        Log.info("webhook secret rotated by staff", "owner", request.owner(), "ownerId", request.ownerId(),
                "overlapHours", request.overlapHours(), "staffId", request.staffId());
        return new RotatedSecret(request.owner(), request.ownerId(), webhookSecret, previousUntil);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
