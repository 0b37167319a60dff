package dev.takedown.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.json.Json;
import dev.takedown.core.model.EventType;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.RightholderTrust;
import dev.takedown.core.model.SellerStanding;
import dev.takedown.core.model.Tier;
import dev.takedown.core.testing.Events;
import dev.takedown.core.testing.InMemoryFiguresStore;
import dev.takedown.core.testing.InMemoryListingStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.InMemoryTrustStore;
import dev.takedown.core.testing.RecordingNotifications;
import dev.takedown.core.trust.SellerStandings;
import dev.takedown.core.trust.StrikeRules;
import dev.takedown.core.trust.TrustPolicy;
import dev.takedown.core.trust.TrustService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustReviewHandlerTest {
    private static final Instant NOW = Instant.parse("2026-12-20T03:00:00Z");

    @Test
    void theScheduledEventEstablishesStrikesAndEndsASuspensionThatRanOut() throws Exception {
        InMemoryRightholderStore rightholders = new InMemoryRightholderStore().with(new Rightholder("globex", "Globex",
                "ip@globex.example", null, RightholderTrust.INITIAL.next(Tier.SUSPENDED, NOW.minusSeconds(86_400 * 30),
                "AUTO", false, null, null, NOW.minusSeconds(60))));
        InMemoryTrustStore store = new InMemoryTrustStore(rightholders);
        // The suspension's review was scheduled for its end, as the rules schedule it.
        RightholderTrust suspended = rightholders.find("globex").orElseThrow().trust();
        store.replaceTrust("globex", suspended, suspended, suspended.suspendedUntil());
        LocalDate day = LocalDate.parse("2026-12-01");
        store.addStrikeItems("seller-fake", "acme", day, false, List.of("ntc_a#0"),
                StrikeRules.windowCloses(day, false, TrustPolicy.DEFAULTS));
        InMemoryListingStore listings = new InMemoryListingStore()
                .with(new Listing("1001", "seller-fake", "ACME Rocket Skates", "ACME", ListingStatus.ACTIVE));
        RecordingNotifications notifications = new RecordingNotifications();
        TrustReviewHandler handler = new TrustReviewHandler(
                new TrustService(store, rightholders, notifications, TrustPolicy.DEFAULTS, new InMemoryFiguresStore()),
                new SellerStandings(store, listings, notifications, TrustPolicy.DEFAULTS, new InMemoryFiguresStore()), Clock.fixed(NOW, ZoneOffset.UTC));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Events.load("trust-review-schedule.json")
                .getBytes(StandardCharsets.UTF_8)), out, null);

        JsonNode result = Json.parse(out.toString(StandardCharsets.UTF_8));
        assertThat(result.path("sellersChanged").asInt()).isEqualTo(1);
        assertThat(result.path("rightholdersChanged").asInt()).isEqualTo(1);
        assertThat(store.sellerState("seller-fake").standing()).isEqualTo(SellerStanding.WARNED);
        assertThat(rightholders.find("globex").orElseThrow().trust().tier()).isEqualTo(Tier.STANDARD);
        assertThat(notifications.ofType(EventType.SELLER_STATUS_CHANGED)).hasSize(1);
        assertThat(notifications.ofType(EventType.RIGHTHOLDER_TIER_CHANGED)).hasSize(1);
    }
}
