package dev.takedown.aws;

import dev.takedown.core.Times;
import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.RightType;
import dev.takedown.core.model.StatementOfReasons;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A statement of reasons as a DynamoDB map, stored with the item it explains. */
final class StatementMapper {
    private StatementMapper() {
    }

    static AttributeValue toAttribute(StatementOfReasons s) {
        return AttributeValue.fromM(Attrs.item()
                .s("restriction", s.restriction())
                .s("listingId", s.listingId())
                .s("listingTitle", s.listingTitle())
                .s("sellerId", s.sellerId())
                .s("noticeId", s.noticeId())
                .n("itemIndex", s.itemIndex())
                .s("rightId", s.rightId())
                .s("rightType", s.rightType().name())
                .s("registrationNumber", s.registrationNumber())
                .s("jurisdiction", s.jurisdiction())
                .s("reasonCode", s.reasonCode().name())
                .s("rightholderName", s.rightholderName())
                .s("rightholderEmail", s.rightholderEmail())
                .s("ground", s.ground())
                .bool("automated", s.automated())
                .s("decidedAt", Times.format(s.decidedAt()))
                .s("howToContest", s.howToContest())
                .build());
    }

    static StatementOfReasons fromAttribute(AttributeValue value) {
        Map<String, AttributeValue> m = value.m();
        return new StatementOfReasons(
                Attrs.s(m, "restriction"),
                Attrs.s(m, "listingId"),
                Attrs.s(m, "listingTitle"),
                Attrs.s(m, "sellerId"),
                Attrs.s(m, "noticeId"),
                Attrs.n(m, "itemIndex"),
                Attrs.s(m, "rightId"),
                RightType.valueOf(Attrs.s(m, "rightType")),
                Attrs.s(m, "registrationNumber"),
                Attrs.s(m, "jurisdiction"),
                NoticeReason.valueOf(Attrs.s(m, "reasonCode")),
                Attrs.s(m, "rightholderName"),
                Attrs.s(m, "rightholderEmail"),
                Attrs.s(m, "ground"),
                m.get("automated") != null && Boolean.TRUE.equals(m.get("automated").bool()),
                Times.parse(Attrs.s(m, "decidedAt")),
                Attrs.s(m, "howToContest"));
    }
}
