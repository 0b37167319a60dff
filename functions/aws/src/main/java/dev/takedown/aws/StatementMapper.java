package dev.takedown.aws;

import dev.takedown.core.model.NoticeReason;
import dev.takedown.core.model.RightType;
import dev.takedown.core.model.StatementOfReasons;
import dev.takedown.core.model.Statements;
import dev.takedown.core.text.Times;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A statement of reasons as a DynamoDB map, stored with the item it explains. Only its facts are stored; the
 * wording comes from {@link Statements} on reading, which keeps an actioned item's row within one write unit.
 */
final class StatementMapper {
    private StatementMapper() {
    }

    static AttributeValue toAttribute(StatementOfReasons s) {
        return AttributeValue.fromM(Attrs.item()
                .s("listingId", s.listingId())
                .s("listingTitle", s.listingTitle())
                .s("sellerId", s.sellerId())
                .s("rightId", s.rightId())
                .s("rightType", s.rightType().name())
                .s("registrationNumber", s.registrationNumber())
                .s("jurisdiction", s.jurisdiction())
                .s("reasonCode", s.reasonCode().name())
                .s("rightholderName", s.rightholderName())
                .s("rightholderEmail", s.rightholderEmail())
                .bool("automated", s.automated())
                .s("decidedAt", Times.format(s.decidedAt()))
                .build());
    }

    static StatementOfReasons fromAttribute(AttributeValue value, String noticeId, int itemIndex) {
        Map<String, AttributeValue> m = value.m();
        return Statements.of(
                Attrs.s(m, "listingId"),
                Attrs.s(m, "listingTitle"),
                Attrs.s(m, "sellerId"),
                noticeId,
                itemIndex,
                Attrs.s(m, "rightId"),
                RightType.valueOf(Attrs.s(m, "rightType")),
                Attrs.s(m, "registrationNumber"),
                Attrs.s(m, "jurisdiction"),
                NoticeReason.valueOf(Attrs.s(m, "reasonCode")),
                Attrs.s(m, "rightholderName"),
                Attrs.s(m, "rightholderEmail"),
                m.get("automated") != null && Boolean.TRUE.equals(m.get("automated").bool()),
                Times.parse(Attrs.s(m, "decidedAt")));
    }
}
