package dev.takedown.local;

import dev.takedown.core.model.ApiKey;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.Principal;
import dev.takedown.core.model.Right;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.ports.ApiKeyRegistry;
import dev.takedown.core.ports.ApiKeyStore;
import dev.takedown.core.ports.AuditLog;
import dev.takedown.core.ports.DeliveryStore;
import dev.takedown.core.ports.FiguresStore;
import dev.takedown.core.ports.IdempotencyStore;
import dev.takedown.core.ports.ListingStore;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.ports.RightStore;
import dev.takedown.core.ports.RightholderRegistry;
import dev.takedown.core.ports.RightholderStore;
import dev.takedown.core.ports.SellerRegistry;
import dev.takedown.core.ports.SellerStore;
import dev.takedown.core.ports.TrustStore;
import dev.takedown.core.ports.WebhookSecretRegistry;
import dev.takedown.core.ports.WebhookSecretStore;
import dev.takedown.core.testing.InMemoryApiKeyStore;
import dev.takedown.core.testing.InMemoryAuditLog;
import dev.takedown.core.testing.InMemoryDeliveryStore;
import dev.takedown.core.testing.InMemoryFiguresStore;
import dev.takedown.core.testing.InMemoryIdempotencyStore;
import dev.takedown.core.testing.InMemoryListingStore;
import dev.takedown.core.testing.InMemoryNoticeStore;
import dev.takedown.core.testing.InMemoryRightStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.InMemorySellerStore;
import dev.takedown.core.testing.InMemoryTrustStore;
import dev.takedown.core.testing.InMemoryWebhookSecretStore;
import dev.takedown.core.text.Hashing;
import java.time.Instant;
import java.util.Map;

/** The store contract against the in-memory fakes the unit tests use, fresh for each test. */
class InMemoryStoresTest extends StoreContract {
    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    private final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
    private final InMemoryDeliveryStore deliveries = new InMemoryDeliveryStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final InMemoryListingStore listings = new InMemoryListingStore();
    private final InMemoryRightStore rights = new InMemoryRightStore(Map.of());
    private final InMemoryRightholderStore rightholders = new InMemoryRightholderStore();
    private final InMemoryApiKeyStore apiKeys = new InMemoryApiKeyStore();
    private final InMemoryTrustStore trust = new InMemoryTrustStore(rightholders);
    private final InMemorySellerStore sellers = new InMemorySellerStore();
    private final InMemoryWebhookSecretStore webhookSecrets = new InMemoryWebhookSecretStore();

    private final InMemoryFiguresStore figures = new InMemoryFiguresStore();

    @Override
    NoticeStore notices() {
        return notices;
    }

    @Override
    IdempotencyStore idempotency() {
        return idempotency;
    }

    @Override
    DeliveryStore newDeliverySender() {
        return deliveries.anotherSender();
    }

    @Override
    AuditLog audit() {
        return audit;
    }

    @Override
    ListingStore listings() {
        return listings;
    }

    @Override
    RightStore rights() {
        return rights;
    }

    @Override
    RightholderStore rightholders() {
        return rightholders;
    }

    @Override
    RightholderRegistry rightholderRegistry() {
        return rightholders;
    }

    @Override
    ApiKeyStore apiKeys() {
        return apiKeys;
    }

    @Override
    ApiKeyRegistry apiKeyRegistry() {
        return apiKeys;
    }

    @Override
    TrustStore trust() {
        return trust;
    }

    @Override
    FiguresStore figures() {
        return figures;
    }

    @Override
    SellerStore sellers() {
        return sellers;
    }

    @Override
    SellerRegistry sellerRegistry() {
        return sellers;
    }

    @Override
    WebhookSecretStore webhookSecrets() {
        return webhookSecrets;
    }

    @Override
    WebhookSecretRegistry webhookSecretRegistry() {
        return webhookSecrets;
    }

    @Override
    void seed(Rightholder rightholder) {
        rightholders.with(rightholder);
    }

    @Override
    void seed(Right right) {
        rights.with(right);
    }

    @Override
    void seed(Listing listing) {
        listings.with(listing);
    }

    @Override
    void seedApiKey(String apiKey, String rightholderId, Instant at) {
        apiKeys.issue(ApiKey.issued(apiKey, Principal.rightholder(rightholderId), at, null, null));
    }
}
