package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.takedown.local.Router.Match;
import dev.takedown.local.Router.Route;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final Router router = new Router(List.of(
            new Route("/", "GET", "Root", null),
            new Route("/v1/notices", "POST", "Submit", null),
            new Route("/v1/notices", "GET", "List", null),
            new Route("/v1/notices", "ANY", "NoticesAny", null),
            new Route("/v1/notices/{id}", "GET", "Get", null),
            new Route("/v1/notices/{id}/items", "GET", "Items", null),
            new Route("/v1/notices/summary", "GET", "Summary", null),
            new Route("/v1/files/{path+}", "ANY", "Files", null),
            new Route("/v1/files/index", "PUT", "Index", null)));

    @Test
    void prefersAConcreteMethodOverAny() {
        assertThat(function("GET", "/v1/notices")).isEqualTo("List");
        assertThat(function("POST", "/v1/notices")).isEqualTo("Submit");
        assertThat(function("DELETE", "/v1/notices")).isEqualTo("NoticesAny");
    }

    @Test
    void prefersLiteralSegmentsOverParameters() {
        assertThat(function("GET", "/v1/notices/summary")).isEqualTo("Summary");
        Match match = router.match("GET", "/v1/notices/n-1").orElseThrow();
        assertThat(match.resource()).isEqualTo("/v1/notices/{id}");
        assertThat(match.pathParameters()).isEqualTo(Map.of("id", "n-1"));
    }

    @Test
    void decodesPathParametersKeepingPlusSigns() {
        assertThat(router.match("GET", "/v1/notices/a%2Fb+c/items").orElseThrow().pathParameters())
                .isEqualTo(Map.of("id", "a/b+c"));
    }

    @Test
    void matchesGreedyParametersOverSeveralSegments() {
        Match match = router.match("GET", "/v1/files/a/b/c.txt").orElseThrow();
        assertThat(match.route().orElseThrow().functionId()).isEqualTo("Files");
        assertThat(match.pathParameters()).isEqualTo(Map.of("path", "a/b/c.txt"));
        assertThat(function("PUT", "/v1/files/index")).isEqualTo("Index");
    }

    @Test
    void findsNoRouteForUnknownPaths() {
        assertThat(router.match("GET", "/v2/notices")).isEmpty();
        assertThat(router.match("GET", "/v1")).as("a path prefix is no resource").isEmpty();
        assertThat(router.match("GET", "/v1/notices/n-1/items/extra")).isEmpty();
        assertThat(router.match("GET", "/v1/files")).as("a greedy parameter needs a segment").isEmpty();
    }

    @Test
    void findsTheResourceButNoRouteForAnUndeclaredMethod() {
        Match match = router.match("DELETE", "/v1/notices/n-1").orElseThrow();
        assertThat(match.resource()).isEqualTo("/v1/notices/{id}");
        assertThat(match.route()).isEmpty();
        assertThat(router.match("GET", "/v1/files/index").orElseThrow().route())
                .as("the most specific resource wins even without the method").isEmpty();
    }

    @Test
    void ignoresATrailingSlashAndMatchesTheRoot() {
        assertThat(function("GET", "/v1/notices/")).isEqualTo("List");
        assertThat(function("GET", "/")).isEqualTo("Root");
    }

    @Test
    void rejectsARouteDeclaredTwice() {
        assertThatThrownBy(() -> new Router(List.of(new Route("/a", "GET", "A", null), new Route("/a", "GET", "B", null))))
                .isInstanceOf(TemplateException.class).hasMessageContaining("GET /a");
    }

    private String function(String method, String path) {
        return router.match(method, path).orElseThrow().route().orElseThrow().functionId();
    }
}
