package dev.takedown.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.takedown.aws.Adapters;
import dev.takedown.aws.LambdaInvocation;
import dev.takedown.aws.Priming;
import dev.takedown.aws.StreamJson;
import dev.takedown.aws.api.ApiRequest;
import dev.takedown.aws.api.ApiResponse;
import dev.takedown.core.intake.IntakeService;
import dev.takedown.core.intake.ListingLocator;
import dev.takedown.core.intake.NoticeQueries;
import dev.takedown.core.intake.SubmissionParser;
import dev.takedown.core.model.Ids;
import dev.takedown.core.ports.SignedCursors;
import dev.takedown.core.reports.RightholderReports;
import dev.takedown.core.problem.Problem;
import dev.takedown.core.problem.ProblemException;
import dev.takedown.core.runtime.Env;
import dev.takedown.core.trust.TrustStandings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The notices API: submit a notice, read it back with its items and webhook deliveries, list one's notices; and the
 * rightholder's summary of its own figures and trust for a period. Routes follow template.yaml. They serve
 * rightholders only: a seller's key is answered as on an unknown route.
 * Also, to anyone and without a key, the API's OpenAPI document at {@code GET /openapi.json}.
 */
public final class IntakeHandler implements RequestStreamHandler {
    /** JSON, with at most a UTF-8 charset: the one media type a notice is sent as. */
    private static final Pattern JSON_MEDIA_TYPE =
            Pattern.compile("(?i)\\s*application/json\\s*(;\\s*charset=(utf-8|\"utf-8\")\\s*)?");

    private static final String OPENAPI_DOCUMENT_ROUTE = "/openapi.json";
    /** infra/api/openapi.yaml as JSON, bundled into this jar by the build. */
    private static final String OPENAPI_DOCUMENT_RESOURCE = "/openapi.json";
    /** The document changes only with a deployment; clients and caches may keep it for an hour. */
    private static final String OPENAPI_DOCUMENT_CACHE_CONTROL = "public, max-age=3600";

    /** Read on the first request for it, so that no other route (and no cold start) pays for it. */
    private static volatile String openApiDocument;

    /** A notice that is valid in every field but names a right nobody holds: it is refused before anything is written. */
    private static final String PRIMING_NOTICE = """
            {"rightId": "%s", "reason": "COUNTERFEIT",
             "explanation": "Counterfeit goods: misprinted logo, no serial tags, sold far below cost.",
             "items": [{"url": "https://market.example/item/1001?utm_source=newsletter"}, {"listingId": "1002"},
                       {"url": "https://m.market.example/item/1003/"}, {"url": "https://other-shop.example/item/77"}],
             "evidence": [{"url": "https://evidence.example/1001.png",
                           "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                           "kind": "SCREENSHOT"}],
             "sender": {"name": "Jane Doe", "email": "legal@example.com"},
             "declarations": {"goodFaith": true, "accurate": true, "authorized": true},
             "signature": "Jane Doe"}
            """.formatted(Priming.ABSENT_ID);

    private final IntakeService intake;
    private final NoticeQueries queries;
    private final RightholderReports reports;

    public IntakeHandler() {
        this(System.getenv(), Clock.systemUTC(), Priming.SNAPSTART);
    }

    /**
     * As Lambda builds it: primed before a SnapStart snapshot (a notice refused, one not found, an empty list), then
     * its recorded sample invocation, a notice accepted, replayed ({@link Priming#replay}).
     */
    public IntakeHandler(Map<String, String> environment, Clock clock, org.crac.Context<org.crac.Resource> checkpoints) {
        this(environment, clock);
        Map<String, String> caller = Map.of("principalId", Priming.ABSENT_ID, "principalType", "RIGHTHOLDER",
                "rightholderId", Priming.ABSENT_ID);
        Priming.register(checkpoints, "IntakeFunction",
                () -> Priming.invokeApi(this, Priming.apiEvent("POST", "/v1/notices", Map.of(), caller, PRIMING_NOTICE)),
                () -> Priming.invokeApi(this, Priming.apiEvent("GET", "/v1/notices/{id}",
                        Map.of("id", Priming.ABSENT_NOTICE_ID), caller, null)),
                () -> Priming.invokeApi(this, Priming.apiEvent("GET", "/v1/notices", Map.of(), caller, null)),
                Priming.replay("IntakeFunction", environment,
                        replay -> new IntakeHandler(replay.adapters(), replay.clock())));
    }

    public IntakeHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /** With a clock of the caller's, as the local stack's scenario tests use. */
    public IntakeHandler(Map<String, String> environment, Clock clock) {
        this(new Adapters(new Env(environment)), clock);
    }

    private IntakeHandler(Adapters adapters, Clock clock) {
        this(intakeService(adapters, clock), new NoticeQueries(adapters.notices(), adapters.deliveries(),
                new SignedCursors(adapters.env().require("CURSOR_SIGNING_KEY"))),
                new RightholderReports(adapters.figures(), adapters.rightholders(),
                        new TrustStandings(adapters.trustRecords(), adapters.trustPolicy()), clock));
    }

    public IntakeHandler(IntakeService intake, NoticeQueries queries, RightholderReports reports) {
        this.intake = intake;
        this.queries = queries;
        this.reports = reports;
    }

    private static IntakeService intakeService(Adapters adapters, Clock clock) {
        Env env = adapters.env();
        return new IntakeService(
                new SubmissionParser(env.integer("MAX_ITEMS", 1000)),
                new ListingLocator(env.optional("LISTING_URL_PATTERNS", ListingLocator.DEFAULT_PATTERNS)),
                adapters.rights(),
                adapters.rightholders(),
                adapters.notices(),
                adapters.idempotency(),
                adapters.verificationQueue(),
                adapters.notificationQueue(),
                adapters.figures(),
                clock);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaInvocation.run(context, () -> respond(input, output));
    }

    private void respond(InputStream input, OutputStream output) throws IOException {
        ApiRequest request = ApiRequest.from(StreamJson.read(input));
        StreamJson.write(output, handle(request).toEvent());
    }

    ApiResponse handle(ApiRequest request) {
        try {
            if (OPENAPI_DOCUMENT_ROUTE.equals(request.resource())) {
                return openApiDocument(request.httpMethod());
            }
            String rightholderId = request.authorizer().get("rightholderId");
            if (rightholderId != null) {
                return route(request, rightholderId);
            }
            if (request.principalId() == null) {
                return ApiResponse.problem(Problem.unauthorized("No authenticated principal on this request."));
            }
            // Another kind of principal (a seller): these routes are not for it, and it must not learn they exist.
            return unknownRoute();
        } catch (ProblemException e) {
            return ApiResponse.problem(e.problem());
        } catch (RuntimeException e) {
            return ApiResponse.failure(e, request);
        }
    }

    private ApiResponse route(ApiRequest request, String rightholderId) {
        String resource = request.resource() == null ? "" : request.resource();
        String method = request.httpMethod();
        return switch (resource) {
            case "/v1/notices" -> switch (method) {
                case "POST" -> submit(request, rightholderId);
                case "GET" -> list(request, rightholderId);
                default -> notAllowed(method, "GET, POST");
            };
            case "/v1/notices/{id}" -> method.equals("GET") ? notice(request, rightholderId) : notAllowed(method, "GET");
            case "/v1/notices/{id}/items" -> method.equals("GET") ? items(request, rightholderId) : notAllowed(method, "GET");
            case "/v1/notices/{id}/deliveries" ->
                    method.equals("GET") ? deliveries(request, rightholderId) : notAllowed(method, "GET");
            case "/v1/reports/summary" ->
                    method.equals("GET") ? summary(request, rightholderId) : notAllowed(method, "GET");
            default -> unknownRoute();
        };
    }

    /** Word for word API Gateway's answer on a path it has no route for (template.yaml: MISSING_AUTHENTICATION_TOKEN). */
    private static ApiResponse unknownRoute() {
        return ApiResponse.problem(Problem.notFound("No such route."));
    }

    private ApiResponse submit(ApiRequest request, String rightholderId) {
        String contentType = request.header("Content-Type");
        if (contentType == null ? request.hasBody() : !JSON_MEDIA_TYPE.matcher(contentType).matches()) {
            throw new ProblemException(Problem.unsupportedMediaType(
                    "Send the notice as application/json (with charset=utf-8 or no parameter)."));
        }
        IntakeService.Accepted accepted = intake.submit(rightholderId, request.body(), request.header("Idempotency-Key"));
        var items = accepted.items();
        ApiResponse response = ApiResponse.json(202,
                        NoticeJson.accepted(accepted.notice(), items, queries.ownNotices(rightholderId, items)))
                .withHeader("Location", NoticeJson.location(accepted.notice().id()));
        return accepted.replayed() ? response.withHeader("Idempotent-Replayed", "true") : response;
    }

    private ApiResponse list(ApiRequest request, String rightholderId) {
        var page = queries.list(rightholderId, request.queryParameter("status"), request.queryParameter("cursor"),
                request.queryParameter("limit"));
        return ApiResponse.json(200, NoticeJson.noticePage(page.entries(), page.nextCursor()));
    }

    private ApiResponse notice(ApiRequest request, String rightholderId) {
        String noticeId = noticeId(request);
        NoticeQueries.NoticeWithItems found = queries.notice(rightholderId, noticeId);
        return ApiResponse.json(200, NoticeJson.detail(found.notice(), found.items()));
    }

    private ApiResponse items(ApiRequest request, String rightholderId) {
        String noticeId = noticeId(request);
        var page = queries.items(rightholderId, noticeId, request.queryParameter("status"),
                request.queryParameter("cursor"), request.queryParameter("limit"));
        return ApiResponse.json(200, NoticeJson.itemPage(noticeId, page));
    }

    private ApiResponse deliveries(ApiRequest request, String rightholderId) {
        String noticeId = noticeId(request);
        var page = queries.deliveries(rightholderId, noticeId, request.queryParameter("cursor"),
                request.queryParameter("limit"));
        return ApiResponse.json(200, NoticeJson.deliveryPage(noticeId, page.entries(), page.nextCursor()));
    }

    private ApiResponse summary(ApiRequest request, String rightholderId) {
        return ApiResponse.json(200, reports.summary(rightholderId, request.queryParameter("from"),
                request.queryParameter("to")));
    }

    private static String noticeId(ApiRequest request) {
        String id = request.pathParameter("id");
        if (!Ids.isNoticeId(id)) {
            throw new ProblemException(Problem.notFound("No notice " + id + " of yours exists."));
        }
        return id;
    }

    /** Open to all: the route has no authorizer and no API key (template.yaml). */
    private static ApiResponse openApiDocument(String method) {
        if (!method.equals("GET")) {
            return notAllowed(method, "GET");
        }
        String document = openApiDocument;
        if (document == null) {
            try (InputStream in = IntakeHandler.class.getResourceAsStream(OPENAPI_DOCUMENT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(OPENAPI_DOCUMENT_RESOURCE + " is missing from the function's jar");
                }
                document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            openApiDocument = document;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", OPENAPI_DOCUMENT_CACHE_CONTROL);
        return new ApiResponse(200, headers, document);
    }

    private static ApiResponse notAllowed(String method, String allowed) {
        return ApiResponse.problem(Problem.methodNotAllowed(method + " is not supported here; use " + allowed + "."))
                .withHeader("Allow", allowed);
    }
}
