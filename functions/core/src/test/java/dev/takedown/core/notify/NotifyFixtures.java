package dev.takedown.core.notify;

import dev.takedown.core.model.Decision;
import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.Progress;
import dev.takedown.core.model.RightType;
import dev.takedown.core.model.Sender;
import dev.takedown.core.model.StatementOfReasons;
import dev.takedown.core.testing.Fixtures;
import java.time.Instant;
import java.util.List;

/** A completed notice of acme with one item in each final state, for the notifier's tests. */
final class NotifyFixtures {
    static final String NOTICE_ID = "ntc_01jd0000000000000000000000";
    static final Instant DECIDED_AT = Instant.parse("2026-11-28T15:31:00.000Z");

    static final StatementOfReasons STATEMENT = new StatementOfReasons("REMOVED", "1001", "ACME Rocket Skates",
            "seller-fake", NOTICE_ID, 0, "tm-acme-us", RightType.TRADEMARK, "US-1234567", "US",
            NoticeReason.COUNTERFEIT, "Acme Brands Inc.", "legal@acme.example",
            "The listing uses the registered mark ACME on goods the rightholder did not make.", true, DECIDED_AT,
            "Reply to this notice within 14 days with evidence that the goods are genuine.");

    private NotifyFixtures() {
    }

    static Notice notice(NoticeStatus status) {
        return new Notice(NOTICE_ID, "acme", "tm-acme-us", NoticeReason.COUNTERFEIT, "Counterfeit goods.",
                new Sender("Jane Doe", "legal@acme.example"), "Jane Doe", List.of(), status, Fixtures.NOW, 4, new Progress(4, 4, 1, 2), null, null, false);
    }

    static List<NoticeItem> items() {
        Decision auto = Decision.auto(DECIDED_AT, DecisionRule.BRAND_MATCH);
        return List.of(
                NoticeItem.open(0, "https://market.example/item/1001", "1001")
                        .decided(ItemStatus.ACTIONED, null, auto).withStatement(STATEMENT),
                NoticeItem.open(1, "https://market.example/item/1002", "1002")
                        .duplicateOf("ntc_01jc0000000000000000000000", 3, Decision.auto(DECIDED_AT, DecisionRule.DUPLICATE_NOTICE)),
                NoticeItem.rejected(2, "https://other.example/x", ItemReason.OFF_PLATFORM, Fixtures.NOW),
                NoticeItem.open(3, "https://market.example/item/1004", "1004")
                        .decided(ItemStatus.REJECTED, ItemReason.AUTHORIZED_SELLER,
                                new Decision("staff-42", DECIDED_AT, DecisionRule.STAFF_DECISION)));
    }
}
