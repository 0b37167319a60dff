package dev.takedown.core.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.takedown.core.model.Decision;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.Ids;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.Progress;
import dev.takedown.core.model.Rightholder;
import dev.takedown.core.model.Sender;
import dev.takedown.core.model.Statements;
import dev.takedown.core.model.TrustEvent;
import dev.takedown.core.ports.InvalidCursorException;
import dev.takedown.core.testing.Fixtures;
import dev.takedown.core.testing.InMemoryNoticeStore;
import dev.takedown.core.testing.InMemoryRightholderStore;
import dev.takedown.core.testing.InMemoryTrustStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DsaExportTest {
    private static final Instant MONDAY = Instant.parse("2026-11-30T10:00:00.000Z");
    private static final Rightholder ACME = new Rightholder("acme", "Acme Brands Inc.", "legal@acme.example", null);

    private final InMemoryNoticeStore notices = new InMemoryNoticeStore();
    private final InMemoryTrustStore trust = new InMemoryTrustStore(new InMemoryRightholderStore().with(ACME));
    private final DsaExport export = new DsaExport(notices, trust, true);

    /** A notice whose first {@code actioned} of {@code items} items took the seller's listings down at {@code at}. */
    private Notice takedowns(Instant at, boolean trustedSender, int items, int actioned, String sellerId) {
        Notice notice = new Notice(Ids.notice(at.minusSeconds(60)), "acme", "tm-acme-us", NoticeReason.COUNTERFEIT,
                "Counterfeit ACME goods.", new Sender("Jane Doe", "legal@acme.example"), "Jane Doe", List.of(),
                NoticeStatus.COMPLETED, at.minusSeconds(60), items, Progress.start(items), null, null, trustedSender);
        Decision decision = Decision.auto(at, DecisionRule.BRAND_MATCH);
        List<NoticeItem> stored = IntStream.range(0, items).mapToObj(i -> {
            NoticeItem open = NoticeItem.open(i, null, "lst-" + i);
            if (i >= actioned) {
                return open.decided(ItemStatus.REJECTED, null, decision);
            }
            Listing listing = new Listing("lst-" + i, sellerId, "ACME anvil " + i, "ACME", ListingStatus.REMOVED);
            return open.decided(ItemStatus.ACTIONED, null, decision).withStatement(Statements.forTakedown(notice, i,
                    Fixtures.RIGHTS.get("tm-acme-us"), ACME, listing, decision));
        }).toList();
        notices.saveNew(notice, stored);
        notices.recordTakedowns(sellerId, notice, LocalDate.ofInstant(at, ZoneOffset.UTC),
                IntStream.range(0, actioned).boxed().toList());
        return notice;
    }

    private void suspended(String sellerId, long version, Instant at, String actor) {
        trust.record(new TrustEvent(TrustEvent.seller(sellerId), version, "", at, actor, "STANDING_CHANGED",
                "RESTRICTED", "SUSPENDED", "strikes established or expired; 3 established strikes"));
    }

    /** Every record of the period, following the cursors with pages of {@code limit}; each page checked for size. */
    private List<JsonNode> all(LocalDate from, LocalDate to, int limit) {
        List<JsonNode> records = new ArrayList<>();
        String cursor = null;
        do {
            DsaExport.Records page = export.page(from, to, cursor, limit);
            assertThat(page.statements()).hasSizeLessThanOrEqualTo(limit).isNotEmpty();
            page.statements().forEach(statement -> records.add(statement.toJson()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return records;
    }

    @Test
    void everyTakedownAndSuspensionOfThePeriodIsOneValidRecordWhateverThePageSize() {
        Notice standard = takedowns(MONDAY, false, 3, 2, "seller-1");
        Notice trusted = takedowns(MONDAY.plusSeconds(3600), true, 1, 1, "seller-2");
        Notice nextMonth = takedowns(Instant.parse("2026-12-01T09:00:00.000Z"), false, 1, 1, "seller-1");
        takedowns(Instant.parse("2026-12-02T09:00:00.000Z"), false, 1, 1, "seller-1");
        suspended("seller-1", 3, MONDAY.plusSeconds(7200), Decision.AUTO);
        suspended("seller-9", 5, Instant.parse("2026-12-03T00:00:00.000Z"), Decision.AUTO);

        for (int limit : List.of(1, 2, 3, 100)) {
            List<JsonNode> records = all(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-01"), limit);

            assertThat(records).extracting(r -> r.path("puid").asText()).as("page size " + limit).containsExactly(
                    "takedown-" + standard.id() + "-0", "takedown-" + standard.id() + "-1",
                    "takedown-" + trusted.id() + "-0", "takedown-" + nextMonth.id() + "-0",
                    "suspension-seller-1-3");
            assertThat(records).allSatisfy(r -> assertThat(DsaSchema.violations(r)).isEmpty());
        }
    }

    @Test
    void aTrustedSendersNoticeIsATrustedFlaggersOnlyWhereTheTierIsArt22AndASuspensionIsTheMarketplacesOwn() {
        Notice standard = takedowns(MONDAY, false, 1, 1, "seller-1");
        Notice trusted = takedowns(MONDAY, true, 1, 1, "seller-2");
        suspended("seller-1", 3, MONDAY, Decision.AUTO);
        trust.record(new TrustEvent(TrustEvent.seller("seller-2"), 4, "", MONDAY, "staff-jane", "STANDING_CHANGED",
                "RESTRICTED", "SUSPENDED", "strike 2026-11-02/acme upheld: the staff member's own words"));
        LocalDate day = LocalDate.parse("2026-11-30");

        List<JsonNode> records = all(day, day, 100);

        assertThat(records).filteredOn(r -> r.path("puid").asText().equals("takedown-" + standard.id() + "-0"))
                .singleElement().satisfies(r -> {
                    assertThat(r.path("source_type").asText()).isEqualTo("SOURCE_ARTICLE_16");
                    assertThat(r.path("automated_detection").asText()).isEqualTo("No");
                    assertThat(r.path("content_date").asText()).isEqualTo("2026-11-30");
                });
        assertThat(records).filteredOn(r -> r.path("puid").asText().equals("takedown-" + trusted.id() + "-0"))
                .singleElement().satisfies(r -> assertThat(r.path("source_type").asText())
                        .isEqualTo("SOURCE_TRUSTED_FLAGGER"));
        assertThat(new DsaExport(notices, trust, false).page(day, day, null, 100).statements())
                .extracting(DsaStatement::sourceType).as("the tier is the platform's own")
                .containsOnly("SOURCE_ARTICLE_16", "SOURCE_VOLUNTARY");
        List<JsonNode> suspensions = records.stream().filter(r -> r.path("puid").asText().startsWith("suspension-"))
                .toList();
        assertThat(suspensions).extracting(r -> r.path("decision_account").asText() + " "
                        + r.path("source_type").asText() + " " + r.path("automated_decision").asText())
                .containsExactly("DECISION_ACCOUNT_SUSPENDED SOURCE_VOLUNTARY AUTOMATED_DECISION_FULLY",
                        "DECISION_ACCOUNT_SUSPENDED SOURCE_VOLUNTARY AUTOMATED_DECISION_NOT_AUTOMATED");
        assertThat(suspensions).allSatisfy(r -> assertThat(r.path("decision_facts").asText())
                .contains("2026-11-30", "repeat-infringer policy").doesNotContain("own words", "staff-jane"));
    }

    @Test
    void aReinstatementOrAChangeShortOfSuspensionIsNoRecordAndAForeignCursorIsRefused() {
        trust.record(new TrustEvent(TrustEvent.seller("seller-1"), 4, "", MONDAY, "staff-jane", "REINSTATED",
                "SUSPENDED", "GOOD_STANDING", "appeal granted"));
        trust.record(new TrustEvent(TrustEvent.seller("seller-1"), 5, "", MONDAY, Decision.AUTO, "STANDING_CHANGED",
                "GOOD_STANDING", "WARNED", "strikes established"));
        trust.record(new TrustEvent(TrustEvent.rightholder("acme"), 2, "", MONDAY, Decision.AUTO, "TIER_CHANGED",
                "STANDARD", "SUSPENDED", "unfounded notices"));

        DsaExport.Records page = export.page(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"), null, 100);

        assertThat(page.statements()).isEmpty();
        assertThat(page.nextCursor()).isNull();
        assertThatThrownBy(() -> export.page(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"), "x.1", 10))
                .isInstanceOf(InvalidCursorException.class);
    }
}
