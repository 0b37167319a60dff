package dev.takedown.core.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.takedown.core.json.Json;
import dev.takedown.core.model.DeliveryAttempt.Target;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.Seller;
import dev.takedown.core.model.WebhookSecrets;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.InMemorySellerStore;
import dev.takedown.core.testing.InMemoryWebhookSecretStore;
import java.time.Duration;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class WebhookStaffServiceTest {
    private static final String ACME_SECRET = "whsec_37q6Uz0ldqdToYxVSveHPT04dVDAVGHV";

    private final InMemoryRightholderStore rightholders = new InMemoryRightholderStore()
            .with(new Rightholder("acme", "Acme Brands Inc.", "legal@acme.example", "https://hooks.acme.example/"));
    private final InMemorySellerStore sellers = new InMemorySellerStore()
            .with(new Seller("seller-fake", "Cheap Deals 4U", "https://hooks.deals.example/"));
    private final InMemoryWebhookSecretStore secrets = new InMemoryWebhookSecretStore()
            .with(Target.RIGHTHOLDER, "acme", WebhookSecrets.of(ACME_SECRET));
    private final WebhookStaffService staff = new WebhookStaffService(rightholders, sellers, sellers, secrets,
            Fixtures.clock());

    private static com.fasterxml.jackson.databind.JsonNode event(String json) {
        try {
            return Json.parse(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertError(ThrowingCallable call, StaffException.Type type, String... fields) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StaffException.class, e -> {
            assertThat(e.type()).isEqualTo(type);
            assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(fields);
        });
    }

    @Test
    void aRegisteredSellerGetsASecretOfItsOwnShownOnce() {
        WebhookStaffService.RegisteredSeller first = staff.registerSeller(StaffRequests.registerSeller(event("""
                {"sellerId": "seller-new", "name": "New Goods", "callbackUrl": "https://hooks.new.example/",
                 "staffId": "staff-joe"}""")));
        WebhookStaffService.RegisteredSeller second = staff.registerSeller(StaffRequests.registerSeller(event("""
                {"name": "Made-up Id Goods", "staffId": "staff-joe"}""")));

        assertThat(first.seller()).isEqualTo(new Seller("seller-new", "New Goods", "https://hooks.new.example/"));
        assertThat(sellers.find("seller-new")).contains(first.seller());
        assertThat(second.seller().id()).startsWith("sel_").isNotEqualTo(first.seller().id());
        assertThat(second.seller().callbackUrl()).isNull();
        assertThat(first.webhookSecret()).startsWith("whsec_").isNotEqualTo(second.webhookSecret());
        assertThat(Base64.getDecoder().decode(first.webhookSecret().substring("whsec_".length()))).hasSize(24);
        assertThat(secrets.find(Target.SELLER, "seller-new")).contains(WebhookSecrets.of(first.webhookSecret()));
        assertThat(secrets.find(Target.SELLER, second.seller().id())).contains(WebhookSecrets.of(second.webhookSecret()));
        assertThat(first.seller().toString()).doesNotContain(first.webhookSecret());

        assertError(() -> staff.registerSeller(new StaffRequests.RegisterSeller("seller-fake", "X", null, "staff-joe")),
                StaffException.Type.Conflict, "sellerId");
        assertThat(secrets.find(Target.SELLER, "seller-fake")).isEmpty();
        assertError(() -> StaffRequests.registerSeller(event("""
                {"sellerId": "bad id", "name": "", "callbackUrl": "http://hooks.example/", "extra": 1}""")),
                StaffException.Type.InvalidRequest, "sellerId", "name", "callbackUrl", "staffId", "extra");
    }

    @Test
    void rotatingKeepsThePreviousSecretSigningForTheOverlap() {
        WebhookStaffService.RotatedSecret rotated = staff.rotateWebhookSecret(StaffRequests.rotateWebhookSecret(event("""
                {"rightholderId": "acme", "overlapHours": 48, "staffId": "staff-ann"}""")));

        assertThat(rotated.owner()).isEqualTo(Target.RIGHTHOLDER);
        assertThat(rotated.webhookSecret()).startsWith("whsec_").isNotEqualTo(ACME_SECRET);
        assertThat(rotated.previousValidUntil()).isEqualTo(Fixtures.NOW.plus(Duration.ofHours(48)));
        WebhookSecrets stored = secrets.find(Target.RIGHTHOLDER, "acme").orElseThrow();
        assertThat(stored.signingAt(Fixtures.NOW)).containsExactly(rotated.webhookSecret(), ACME_SECRET);
        assertThat(stored.signingAt(rotated.previousValidUntil())).containsExactly(rotated.webhookSecret());
    }

    @Test
    void theOverlapIsADayByDefaultAndZeroEndsTheOldSecretAtOnce() {
        WebhookStaffService.RotatedSecret byDefault = staff.rotateWebhookSecret(StaffRequests.rotateWebhookSecret(event("""
                {"sellerId": "seller-fake", "staffId": "staff-ann"}""")));
        assertThat(byDefault.owner()).isEqualTo(Target.SELLER);
        assertThat(byDefault.previousValidUntil()).isEqualTo(Fixtures.NOW.plus(Duration.ofHours(24)));
        assertThat(secrets.find(Target.SELLER, "seller-fake").orElseThrow().signingAt(Fixtures.NOW))
                .as("a seller without a secret yet gets one").containsExactly(byDefault.webhookSecret());

        WebhookStaffService.RotatedSecret atOnce = staff.rotateWebhookSecret(new StaffRequests.RotateWebhookSecret(
                Target.SELLER, "seller-fake", 0, "staff-ann"));
        assertThat(secrets.find(Target.SELLER, "seller-fake").orElseThrow().signingAt(Fixtures.NOW))
                .containsExactly(atOnce.webhookSecret());
    }

    @Test
    void aRotationNamesExactlyOneKnownOwnerAndAnOverlapOfAtMostAWeek() {
        assertError(() -> staff.rotateWebhookSecret(new StaffRequests.RotateWebhookSecret(Target.RIGHTHOLDER, "nobody",
                24, "staff-ann")), StaffException.Type.NotFound, "rightholderId");
        assertError(() -> staff.rotateWebhookSecret(new StaffRequests.RotateWebhookSecret(Target.SELLER, "nobody",
                24, "staff-ann")), StaffException.Type.NotFound, "sellerId");
        assertError(() -> StaffRequests.rotateWebhookSecret(event("""
                {"rightholderId": "acme", "sellerId": "seller-fake", "staffId": "staff-ann"}""")),
                StaffException.Type.InvalidRequest, "rightholderId");
        assertError(() -> StaffRequests.rotateWebhookSecret(event("{\"staffId\": \"staff-ann\"}")),
                StaffException.Type.InvalidRequest, "rightholderId");
        assertError(() -> StaffRequests.rotateWebhookSecret(event("""
                {"rightholderId": "acme", "overlapHours": 169}""")),
                StaffException.Type.InvalidRequest, "overlapHours", "staffId");
        assertError(() -> StaffRequests.rotateWebhookSecret(event("""
                {"sellerId": "seller-fake", "overlapHours": -1, "staffId": "staff-ann"}""")),
                StaffException.Type.InvalidRequest, "overlapHours");
        assertThat(secrets.find(Target.RIGHTHOLDER, "acme")).contains(WebhookSecrets.of(ACME_SECRET));
    }
}
