package dev.takedown.core.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.model.Evidence;
import java.util.List;

/** The one writer of supporting material as JSON, for notices, counter-notices and complaints alike. */
public final class EvidenceJson {
    private EvidenceJson() {
    }

    /** Puts {@code evidence} under {@code node}'s "evidence", each as {url, sha256, kind}. */
    public static void put(ObjectNode node, List<Evidence> evidence) {
        ArrayNode array = node.putArray("evidence");
        evidence.forEach(e -> array.addObject().put("url", e.url()).put("sha256", e.sha256()).put("kind", e.kind().name()));
    }
}
