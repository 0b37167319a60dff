package dev.takedown.aws;

import dev.takedown.core.model.Evidence;
import dev.takedown.core.model.EvidenceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Supporting material as a DynamoDB list, as notices, counter-notices and complaints store it. */
final class EvidenceMapper {
    private EvidenceMapper() {
    }

    /** Null for none, so that an empty list is not written. */
    static AttributeValue toAttribute(List<Evidence> evidence) {
        return evidence.isEmpty() ? null : AttributeValue.fromL(evidence.stream()
                .map(e -> AttributeValue.fromM(Attrs.item().s("url", e.url()).s("sha256", e.sha256())
                        .s("kind", e.kind().name()).build()))
                .toList());
    }

    static List<Evidence> fromAttribute(AttributeValue value) {
        List<Evidence> evidence = new ArrayList<>();
        if (value != null && value.hasL()) {
            for (AttributeValue entry : value.l()) {
                Map<String, AttributeValue> e = entry.m();
                evidence.add(new Evidence(Attrs.s(e, "url"), Attrs.s(e, "sha256"), EvidenceKind.valueOf(Attrs.s(e, "kind"))));
            }
        }
        return evidence;
    }
}
