package dev.takedown.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.takedown.core.model.DecisionRule;
import dev.takedown.core.model.ItemReason;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.Listing;
import dev.takedown.core.model.ListingStatus;
import dev.takedown.core.model.Notice;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.NoticeStatus;
import dev.takedown.core.model.Progress;
import dev.takedown.core.model.Right;
import dev.takedown.core.model.RightStatus;
import dev.takedown.core.model.Sender;
import dev.takedown.core.ports.NoticeStore.ListingClaim;
import dev.takedown.core.testing.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationRulesTest {
    static final String THIS_NOTICE = "ntc_01m8hd0000000000000000000b";
    static final Right TRADEMARK = Fixtures.RIGHTS.get("tm-acme-us");
    static final Listing FAKE = new Listing("1001", "seller-fake", "ACME Rocket Skates", "ACME", ListingStatus.ACTIVE);
    static final NoticeItem ITEM = NoticeItem.open(0, null, "1001");
    static final Instant NOW = Fixtures.NOW;

    static Notice notice(NoticeReason reason) {
        return new Notice(THIS_NOTICE, "acme", TRADEMARK.id(), reason, "x", new Sender("J", "j@x.example"), "J", List.of(),
                NoticeStatus.RECEIVED, NOW, 1, Progress.start(1), null, null, false);
    }

    static Finding decide(Right right, Listing listing) {
        return VerificationRules.decide(notice(NoticeReason.COUNTERFEIT), right, ITEM, listing, NOW);
    }

    static Right withStatus(RightStatus status) {
        return new Right(TRADEMARK.id(), "acme", TRADEMARK.type(), "ACME", "US-1", "US", status, TRADEMARK.validUntil(),
                TRADEMARK.authorizedSellers());
    }

    @Test
    void aMatchingListingOfAnUnauthorizedSellerIsActioned() {
        assertThat(decide(TRADEMARK, FAKE)).isEqualTo(Finding.of(ItemStatus.ACTIONED, null, DecisionRule.BRAND_MATCH));
    }

    @Test
    void aRightNoLongerVerifiedRejectsWhateverTheListing() {
        for (RightStatus status : new RightStatus[] {RightStatus.PENDING, RightStatus.REJECTED, RightStatus.REVOKED}) {
            assertThat(decide(withStatus(status), null))
                    .isEqualTo(Finding.of(ItemStatus.REJECTED, ItemReason.RIGHT_NOT_VERIFIED, DecisionRule.RIGHT_VERIFIED));
        }
        assertThat(decide(null, FAKE).reason()).isEqualTo(ItemReason.RIGHT_NOT_VERIFIED);
    }

    @Test
    void anExpiredRightRejects() {
        Right expired = new Right("r", "acme", TRADEMARK.type(), "ACME", "1", "US", RightStatus.VERIFIED,
                java.time.LocalDate.parse("2026-11-27"), List.of());
        assertThat(decide(expired, FAKE))
                .isEqualTo(Finding.of(ItemStatus.REJECTED, ItemReason.RIGHT_EXPIRED, DecisionRule.RIGHT_VALID));
        Right endsToday = new Right("r", "acme", TRADEMARK.type(), "ACME", "1", "US", RightStatus.VERIFIED,
                java.time.LocalDate.parse("2026-11-28"), List.of());
        assertThat(decide(endsToday, FAKE).status()).isEqualTo(ItemStatus.ACTIONED);
    }

    @Test
    void aMissingListingIsNotFoundAndARemovedOneAlreadyRemoved() {
        assertThat(decide(TRADEMARK, null))
                .isEqualTo(Finding.of(ItemStatus.NOT_FOUND, ItemReason.LISTING_NOT_FOUND, DecisionRule.LISTING_EXISTS));
        Listing removed = new Listing("1001", "seller-fake", "ACME", "ACME", ListingStatus.REMOVED);
        assertThat(decide(TRADEMARK, removed))
                .isEqualTo(Finding.of(ItemStatus.ALREADY_REMOVED, ItemReason.ALREADY_REMOVED, DecisionRule.LISTING_ACTIVE));
    }

    @Test
    void yieldingToAnotherNoticesItemMakesADuplicateOfIt() {
        String holder = "ntc_01m8hd0000000000000000000a";
        assertThat(VerificationRules.yieldTo(new ListingClaim(holder, 7))).isEqualTo(new Finding(ItemStatus.DUPLICATE,
                ItemReason.DUPLICATE, DecisionRule.DUPLICATE_NOTICE, holder, 7));
    }

    @Test
    void anAuthorizedSellerIsRejected() {
        Listing authorized = new Listing("1006", "seller-authorized", "ACME Rocket Skates", "ACME", ListingStatus.ACTIVE);
        assertThat(decide(TRADEMARK, authorized))
                .isEqualTo(Finding.of(ItemStatus.REJECTED, ItemReason.AUTHORIZED_SELLER, DecisionRule.AUTHORIZED_SELLER));
    }

    @Test
    void aListingWithoutTheMarkNeedsReview() {
        Listing other = new Listing("1008", "seller-honest", "Cordless drill", "Honest Tools", ListingStatus.ACTIVE);
        assertThat(decide(TRADEMARK, other))
                .isEqualTo(Finding.of(ItemStatus.NEEDS_REVIEW, ItemReason.BRAND_MISMATCH, DecisionRule.BRAND_MATCH));
        assertThat(VerificationRules.decide(notice(NoticeReason.TRADEMARK), TRADEMARK, ITEM, FAKE, NOW).status())
                .isEqualTo(ItemStatus.ACTIONED);
    }

    @Test
    void aTitleReferringToTheMarkOrAListingOfAnotherBrandNeedsReviewWithWhy() {
        Listing birdSeed = new Listing("1010", "seller-honest", "ACME-compatible bird seed, 5 kg", "Honest Feeds",
                ListingStatus.ACTIVE);
        assertThat(decide(TRADEMARK, birdSeed))
                .isEqualTo(Finding.of(ItemStatus.NEEDS_REVIEW, ItemReason.REFERENTIAL_USE, DecisionRule.REFERENTIAL_USE));
        Listing unbranded = new Listing("1011", "seller-honest", "Case for ACME phone", null, ListingStatus.ACTIVE);
        assertThat(decide(TRADEMARK, unbranded))
                .isEqualTo(Finding.of(ItemStatus.NEEDS_REVIEW, ItemReason.REFERENTIAL_USE, DecisionRule.REFERENTIAL_USE));
        Listing otherBrand = new Listing("1012", "seller-honest", "ACME rocket skates", "Roadrunner Gear",
                ListingStatus.ACTIVE);
        assertThat(decide(TRADEMARK, otherBrand))
                .isEqualTo(Finding.of(ItemStatus.NEEDS_REVIEW, ItemReason.OTHER_BRAND, DecisionRule.OTHER_BRAND));
    }

    @Test
    void aPlainCounterfeitTitleIsStillActioned() {
        for (String brand : new String[] {null, "", "ACME", "acme"}) {
            Listing plain = new Listing("1013", "seller-fake", "ACME running shoes", brand, ListingStatus.ACTIVE);
            assertThat(decide(TRADEMARK, plain))
                    .isEqualTo(Finding.of(ItemStatus.ACTIONED, null, DecisionRule.BRAND_MATCH));
        }
        Listing brandField = new Listing("1014", "seller-fake", "Bird seed compatible with ACME feeders", "ACME",
                ListingStatus.ACTIVE);
        assertThat(decide(TRADEMARK, brandField).status()).as("sold as ACME").isEqualTo(ItemStatus.ACTIONED);
    }

    @Test
    void copyrightDesignAndPatentAlwaysGoToAPerson() {
        for (NoticeReason reason : new NoticeReason[] {NoticeReason.COPYRIGHT, NoticeReason.DESIGN, NoticeReason.PATENT}) {
            assertThat(VerificationRules.decide(notice(reason), TRADEMARK, ITEM, FAKE, NOW))
                    .isEqualTo(Finding.of(ItemStatus.NEEDS_REVIEW, ItemReason.WORK_COMPARISON, DecisionRule.WORK_COMPARISON));
        }
    }

    @Test
    void theChecksRunInOrder() {
        Right revoked = withStatus(RightStatus.REVOKED);
        Listing authorizedRemoved = new Listing("1006", "seller-authorized", "ACME", "ACME", ListingStatus.REMOVED);
        assertThat(decide(revoked, authorizedRemoved).reason()).isEqualTo(ItemReason.RIGHT_NOT_VERIFIED);
        assertThat(decide(TRADEMARK, authorizedRemoved).reason()).isEqualTo(ItemReason.ALREADY_REMOVED);
        Listing authorized = new Listing("1006", "seller-authorized", "ACME", "ACME", ListingStatus.ACTIVE);
        assertThat(decide(TRADEMARK, authorized).reason()).isEqualTo(ItemReason.AUTHORIZED_SELLER);
    }
}
