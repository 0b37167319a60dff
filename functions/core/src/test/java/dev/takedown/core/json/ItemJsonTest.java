package dev.takedown.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.model.Complaint;
import dev.takedown.core.model.Contact;
import dev.takedown.core.model.CounterNotice;
import dev.takedown.core.model.CounterNoticeGrounds;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.Party;
import dev.takedown.core.model.Redress;
import dev.takedown.core.testing.FormatSamples;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An item's redress as the notices API and staff read it; items without redress read as before (pinned elsewhere). */
class ItemJsonTest {
    private static final Instant FILED = Instant.parse("2026-11-30T10:00:00.000Z");

    /** The sample takedown, counter-noticed by its seller, and complained about by both parties (decided by staff). */
    private static NoticeItem contested() {
        NoticeItem item = FormatSamples.items().get(0);
        Complaint seller = new Complaint(Party.SELLER, "Genuine goods.", List.of(), FILED, new Complaint.Ruling(
                Complaint.Outcome.UPHOLD, "staff-jane", FILED.plusSeconds(3600), "The invoice is not for these goods."));
        Complaint rightholder = new Complaint(Party.RIGHTHOLDER, "Keep it down.", List.of(), FILED, null);
        CounterNotice counterNotice = new CounterNotice(CounterNoticeGrounds.GENUINE_GOODS, "Bought from ACME.", List.of(),
                new Contact("Sam Seller", "sam@cheapdeals.example", "12 Market Street", "+1 555 0100"), "Sam Seller",
                FILED, Instant.parse("2026-12-16T00:00:00.000Z"), null, null, null);
        return item.redressed(ItemStatus.COUNTER_NOTICED,
                new Redress(counterNotice, rightholder, seller, null, null));
    }

    @Test
    void theNoticesApiShowsTheCounterNoticeAndOnlyTheRightholdersComplaint() {
        JsonNode item = ItemJson.forApi(contested(), Set.of());

        assertThat(item.path("status").asText()).isEqualTo("COUNTER_NOTICED");
        assertThat(item.path("counterNotice").path("respondBy").asText()).isEqualTo("2026-12-16T00:00:00.000Z");
        assertThat(item.path("counterNotice").path("contact").path("email").asText()).isEqualTo("sam@cheapdeals.example");
        assertThat(item.path("complaint").path("from").asText()).isEqualTo("RIGHTHOLDER");
        assertThat(item.has("complaints")).isFalse();
        assertThat(Json.write(item)).doesNotContain("Genuine goods.");
    }

    @Test
    void staffSeeBothComplaintsWithWhoDecidedThem() {
        JsonNode item = ItemJson.forStaff(contested());

        assertThat(item.path("complaints")).extracting(c -> c.path("from").asText()).containsExactly("RIGHTHOLDER", "SELLER");
        assertThat(item.path("complaints").get(1).path("decision").path("decidedBy").asText()).isEqualTo("staff-jane");
        assertThat(item.has("complaint")).isFalse();
        assertThat(item.path("counterNotice").path("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void anItemWithoutRedressGainsNoField() {
        NoticeItem item = FormatSamples.items().get(0);
        JsonNode api = ItemJson.forApi(item, Set.of());
        JsonNode staff = ItemJson.forStaff(item);

        for (String field : List.of("counterNotice", "complaint", "complaints", "withdrawal", "restoration")) {
            assertThat(api.has(field)).as(field).isFalse();
            assertThat(staff.has(field)).as(field).isFalse();
        }
    }
}
