package dev.takedown.core.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;

/** Builds notice bodies for tests, starting from a valid one. */
public final class NoticeBodies {
    private NoticeBodies() {
    }

    public static ObjectNode valid() {
        ObjectNode body = Json.object()
                .put("rightId", "tm-acme-us")
                .put("reason", "COUNTERFEIT")
                .put("explanation", "Counterfeit ACME goods: misprinted logo, sold below cost.");
        var items = body.putArray("items");
        items.addObject().put("url", "https://market.example/item/1001");
        items.addObject().put("listingId", "1002");
        body.putArray("evidence").addObject()
                .put("url", "https://evidence.acme.example/1001.png")
                .put("sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .put("kind", "SCREENSHOT");
        body.putObject("sender").put("name", "Jane Doe").put("email", "legal@acme.example");
        body.putObject("declarations").put("goodFaith", true).put("accurate", true).put("authorized", true);
        body.put("signature", "Jane Doe");
        return body;
    }

    public static ObjectNode withItems(int count) {
        ObjectNode body = valid();
        var items = body.putArray("items");
        for (int i = 0; i < count; i++) {
            items.addObject().put("listingId", "L" + i);
        }
        return body;
    }
}
