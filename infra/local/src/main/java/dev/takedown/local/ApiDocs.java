package dev.takedown.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API port's documentation, without a key: {@code GET /openapi.json} (infra/api/openapi.yaml as JSON) and
 * {@code GET /docs} (Redoc, from the bundle npm installed under infra/api/npm; no CDN). Every other request goes on
 * to the API. The files are read on each request, so an edited document shows at once.
 *
 * <p>Deployed, {@code GET /openapi.json} is template.yaml's open route to IntakeFunction, which answers the same
 * document as bundled into its jar at build time (cached for an hour). Answering it here instead keeps an edit
 * visible without a rebuild (hence no-cache); other methods on it still go on to the API, where the function answers them {@code 405} as deployed.
 */
final class ApiDocs implements HttpHandler {
    static final String DOCUMENT = "/openapi.json";
    static final String PAGE = "/docs";
    private static final String REDOC_SCRIPT = "/docs/redoc.standalone.js";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE_HTML = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Takedown API</title>
              <meta name="viewport" content="width=device-width, initial-scale=1">
            </head>
            <body>
              <redoc spec-url="%s"></redoc>
              <script src="%s"></script>
            </body>
            </html>
            """.formatted(DOCUMENT, REDOC_SCRIPT);

    private final Path document;
    private final Path redocBundle;
    private final HttpHandler api;

    /** {@code apiDirectory}: the repository's infra/api, with openapi.yaml and npm/node_modules. */
    ApiDocs(Path apiDirectory, HttpHandler api) {
        this.document = apiDirectory.resolve("openapi.yaml");
        this.redocBundle = apiDirectory.resolve("npm/node_modules/redoc/bundles/redoc.standalone.js");
        this.api = api;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        boolean read = method.equals("GET") || method.equals("HEAD");
        // The document's other methods, HEAD included, go on to the function, as deployed (a GET route only).
        boolean served = path.equals(DOCUMENT) ? method.equals("GET")
                : read && (path.equals(PAGE) || path.equals(REDOC_SCRIPT));
        if (!served) {
            api.handle(exchange);
            return;
        }
        try (InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
        }
        reply(path).send(exchange);
    }

    private HttpReply reply(String path) throws IOException {
        return switch (path) {
            case DOCUMENT -> Files.isRegularFile(document)
                    ? HttpReply.json(200, JSON.writeValueAsString(YAML.readTree(document.toFile())))
                            .withHeader("Cache-Control", "no-cache")
                    : missing(document);
            case PAGE -> file(200, "text/html; charset=utf-8", PAGE_HTML.getBytes(StandardCharsets.UTF_8));
            default -> Files.isRegularFile(redocBundle)
                    ? file(200, "text/javascript; charset=utf-8", Files.readAllBytes(redocBundle))
                    : missing(redocBundle);
        };
    }

    private static HttpReply missing(Path file) {
        return file(404, "text/plain; charset=utf-8", (file + " is missing: build infra/api first"
                + " (mvn -B -ntp -o test -pl infra/api).").getBytes(StandardCharsets.UTF_8));
    }

    private static HttpReply file(int status, String contentType, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(contentType));
        return new HttpReply(status, headers, body);
    }
}
