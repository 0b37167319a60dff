package dev.takedown.redress;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.aws.Adapters;
import dev.takedown.aws.LambdaInvocation;
import dev.takedown.aws.Priming;
import dev.takedown.aws.StreamJson;
import dev.takedown.aws.api.ApiRequest;
import dev.takedown.aws.api.ApiResponse;
import dev.takedown.core.intake.IntakeService;
import dev.takedown.core.intake.NoticeQueries;
import dev.takedown.core.json.ItemJson;
import dev.takedown.core.json.Json;
import dev.takedown.core.json.RedressJson;
import dev.takedown.core.model.Ids;
import dev.takedown.core.model.ItemStatus;
import dev.takedown.core.model.NoticeItem;
import dev.takedown.core.ports.IdempotencyStore;
import dev.takedown.core.ports.InvalidCursorException;
import dev.takedown.core.ports.Page;
import dev.takedown.core.ports.SignedCursors;
import dev.takedown.core.problem.FieldError;
import dev.takedown.core.problem.Problem;
import dev.takedown.core.problem.ProblemException;
import dev.takedown.core.redress.RedressRequests;
import dev.takedown.core.redress.RedressService;
import dev.takedown.core.runtime.Env;
import dev.takedown.core.text.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The redress API: sellers read their takedowns and contest them (counter-notice, complaint); rightholders answer a
 * counter-notice, withdraw a notice or some of its items, and complain about a rejection. Routes follow template.yaml.
 * Each route serves one kind of principal; the other kind is answered as on a path with no route, so that it cannot
 * tell the route exists.
 */
public final class RedressHandler implements RequestStreamHandler {
    /** JSON, with at most a UTF-8 charset: the one media type a request body is sent as. */
    private static final Pattern JSON_MEDIA_TYPE =
            Pattern.compile("(?i)\\s*application/json\\s*(;\\s*charset=(utf-8|\"utf-8\")\\s*)?");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** An item index as a path names it: a non-negative int, with no sign or leading zero. */
    private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,8}");
    private static final int DEFAULT_LIMIT = 50;
    /** The statuses a seller's takedown can be in, which the list may be filtered by. */
    private static final List<ItemStatus> TAKEDOWN_STATUSES =
            List.of(ItemStatus.ACTIONED, ItemStatus.COUNTER_NOTICED, ItemStatus.RESTORED, ItemStatus.RETRACTED);

    private enum Kind { SELLER, RIGHTHOLDER }

    /** A route of this function: its resource as template.yaml declares it, whom it serves and its one method. */
    private enum Route {
        TAKEDOWNS("/v1/takedowns", Kind.SELLER, "GET"),
        TAKEDOWN("/v1/takedowns/{noticeId}/{index}", Kind.SELLER, "GET"),
        COUNTER_NOTICE("/v1/takedowns/{noticeId}/{index}/counter-notice", Kind.SELLER, "POST"),
        SELLER_COMPLAINT("/v1/takedowns/{noticeId}/{index}/complaint", Kind.SELLER, "POST"),
        RESPONSE("/v1/notices/{id}/items/{index}/counter-notice-response", Kind.RIGHTHOLDER, "POST"),
        WITHDRAWAL("/v1/notices/{id}/withdrawal", Kind.RIGHTHOLDER, "POST"),
        RIGHTHOLDER_COMPLAINT("/v1/notices/{id}/items/{index}/complaint", Kind.RIGHTHOLDER, "POST");

        final String resource;
        final Kind serves;
        final String method;

        Route(String resource, Kind serves, String method) {
            this.resource = resource;
            this.serves = serves;
            this.method = method;
        }

        static Route of(String resource) {
            for (Route route : values()) {
                if (route.resource.equals(resource)) {
                    return route;
                }
            }
            return null;
        }
    }

    /** Who is calling: a seller or a rightholder, by the id the authorizer gave for its key. */
    private record Caller(Kind kind, String id) {
        /** Whose Idempotency-Keys these are: a rightholder's are shared with its notices, a seller's are its own. */
        String keyOwner() {
            return kind == Kind.SELLER ? "seller:" + id : id;
        }
    }

    private final RedressService redress;
    private final IdempotencyStore idempotency;
    private final SignedCursors cursors;
    private final Clock clock;

    public RedressHandler() {
        this(System.getenv(), Clock.systemUTC(), Priming.SNAPSTART);
    }

    /**
     * As Lambda builds it: primed before a SnapStart snapshot by a seller with no takedowns listing them, and a
     * rightholder withdrawing items of a notice that does not exist (not found, nothing written); then its recorded
     * sample invocation, a withdrawal, replayed ({@link Priming#replay}).
     */
    public RedressHandler(Map<String, String> environment, Clock clock, org.crac.Context<org.crac.Resource> checkpoints) {
        this(environment, clock);
        Map<String, String> seller = Map.of("principalId", Priming.ABSENT_ID, "principalType", "SELLER",
                "sellerId", Priming.ABSENT_ID);
        Map<String, String> rightholder = Map.of("principalId", Priming.ABSENT_ID, "principalType", "RIGHTHOLDER",
                "rightholderId", Priming.ABSENT_ID);
        Priming.register(checkpoints, "RedressFunction",
                () -> Priming.invokeApi(this, Priming.apiEvent("GET", Route.TAKEDOWNS.resource, Map.of(), seller, null)),
                () -> Priming.invokeApi(this, Priming.apiEvent("POST", Route.WITHDRAWAL.resource,
                        Map.of("id", Priming.ABSENT_NOTICE_ID), rightholder,
                        "{\"items\": [0], \"reason\": \"Settled with the seller.\"}")),
                Priming.replay("RedressFunction", environment,
                        replay -> new RedressHandler(replay.adapters(), replay.clock())));
    }

    public RedressHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /** With a clock of the caller's, as the local stack's scenario tests use. */
    public RedressHandler(Map<String, String> environment, Clock clock) {
        this(new Adapters(new Env(environment)), clock);
    }

    private RedressHandler(Adapters adapters, Clock clock) {
        this(adapters.redressService(clock), adapters.idempotency(),
                new SignedCursors(adapters.env().require("CURSOR_SIGNING_KEY")), clock);
    }

    public RedressHandler(RedressService redress, IdempotencyStore idempotency, SignedCursors cursors, Clock clock) {
        this.redress = redress;
        this.idempotency = idempotency;
        this.cursors = cursors;
        this.clock = clock;
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
            Caller caller = caller(request.authorizer());
            if (caller == null) {
                return ApiResponse.problem(Problem.unauthorized("No authenticated principal on this request."));
            }
            Route route = Route.of(request.resource());
            if (route == null || route.serves != caller.kind()) {
                return unknownRoute();
            }
            if (!route.method.equals(request.httpMethod())) {
                return ApiResponse.problem(Problem.methodNotAllowed(request.httpMethod() + " is not supported here; use "
                        + route.method + ".")).withHeader("Allow", route.method);
            }
            return serve(route, request, caller);
        } catch (ProblemException e) {
            return ApiResponse.problem(e.problem());
        } catch (RuntimeException e) {
            return ApiResponse.failure(e, request);
        }
    }

    /**
     * The caller as the authorizer named it: a seller's key carries {@code sellerId}, a rightholder's
     * {@code rightholderId}, and {@code principalType} says which; a context that names neither is no caller.
     */
    private static Caller caller(Map<String, String> authorizer) {
        String sellerId = authorizer.get("sellerId");
        String rightholderId = authorizer.get("rightholderId");
        if ("SELLER".equals(authorizer.get("principalType")) && sellerId != null) {
            return new Caller(Kind.SELLER, sellerId);
        }
        if (rightholderId != null && !"SELLER".equals(authorizer.get("principalType"))) {
            return new Caller(Kind.RIGHTHOLDER, rightholderId);
        }
        return null;
    }

    private ApiResponse serve(Route route, ApiRequest request, Caller caller) {
        return switch (route) {
            case TAKEDOWNS -> takedowns(request, caller.id());
            case TAKEDOWN -> {
                String noticeId = noticeId(request, "noticeId");
                RedressService.Takedown takedown = redress.takedown(caller.id(), noticeId, index(request));
                yield ApiResponse.json(200, RedressJson.takedown(takedown.noticeId(), takedown.item()));
            }
            case COUNTER_NOTICE -> {
                String noticeId = noticeId(request, "noticeId");
                int index = index(request);
                RedressRequests.CounterNoticeFiling filing = RedressRequests.counterNotice(body(request));
                yield idempotent(request, caller, noticeId, () -> {
                    RedressService.Takedown filed = redress.fileCounterNotice(caller.id(), noticeId, index, filing);
                    return ApiResponse.json(201, RedressJson.takedown(filed.noticeId(), filed.item()))
                            .withHeader("Location", "/v1/takedowns/" + noticeId + "/" + index);
                });
            }
            case SELLER_COMPLAINT -> {
                String noticeId = noticeId(request, "noticeId");
                int index = index(request);
                RedressRequests.ComplaintFiling filing = RedressRequests.complaint(body(request));
                yield idempotent(request, caller, noticeId, () -> {
                    RedressService.Takedown filed = redress.fileSellerComplaint(caller.id(), noticeId, index, filing);
                    return ApiResponse.json(201, RedressJson.takedown(filed.noticeId(), filed.item()));
                });
            }
            case RESPONSE -> {
                String noticeId = noticeId(request, "id");
                int index = index(request);
                RedressRequests.Response response = RedressRequests.response(body(request),
                        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
                yield idempotent(request, caller, noticeId, () -> ApiResponse.json(200,
                        item(redress.respondToCounterNotice(caller.id(), noticeId, index, response))));
            }
            case WITHDRAWAL -> {
                String noticeId = noticeId(request, "id");
                RedressRequests.Withdrawal withdrawal = RedressRequests.withdrawal(body(request));
                yield idempotent(request, caller, noticeId, () -> ApiResponse.json(200,
                        withdrawn(redress.withdraw(caller.id(), noticeId, withdrawal))));
            }
            case RIGHTHOLDER_COMPLAINT -> {
                String noticeId = noticeId(request, "id");
                int index = index(request);
                RedressRequests.ComplaintFiling filing = RedressRequests.complaint(body(request));
                yield idempotent(request, caller, noticeId, () -> ApiResponse.json(201,
                        item(redress.fileRightholderComplaint(caller.id(), noticeId, index, filing))));
            }
        };
    }

    private ApiResponse takedowns(ApiRequest request, String sellerId) {
        ItemStatus onlyStatus = takedownStatus(request.queryParameter("status"));
        int limit = NoticeQueries.parseLimit(request.queryParameter("limit"), DEFAULT_LIMIT);
        String scope = "takedowns|" + sellerId + "|" + (onlyStatus == null ? "" : onlyStatus.name());
        String cursor;
        try {
            cursor = cursors.open(scope, request.queryParameter("cursor"));
        } catch (InvalidCursorException e) {
            throw new ProblemException(Problem.invalid("Bad cursor.",
                    List.of(new FieldError("cursor", "use the cursor exactly as a previous page returned it"))));
        }
        Page<RedressService.Takedown> page = redress.takedowns(sellerId, onlyStatus, cursor, limit);
        ObjectNode body = Json.object();
        ArrayNode takedowns = body.putArray("takedowns");
        page.entries().forEach(t -> takedowns.add(RedressJson.takedown(t.noticeId(), t.item())));
        body.put("nextCursor", cursors.sign(scope, page.nextCursor()));
        return ApiResponse.json(200, body);
    }

    /**
     * Runs a POST under its Idempotency-Key, if it has one, as notices are: a key names one request (route, path and
     * body); the same request again is answered again with {@code Idempotent-Replayed: true} (the operations are
     * idempotent by content, so it is simply run again), another request with it is refused. Requests a client must
     * correct are refused before the key is taken.
     */
    private ApiResponse idempotent(ApiRequest request, Caller caller, String noticeId, Supplier<ApiResponse> operation) {
        String key = request.header("Idempotency-Key");
        if (key == null) {
            return operation.get();
        }
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new ProblemException(Problem.invalid("The Idempotency-Key header is malformed.",
                    List.of(new FieldError("Idempotency-Key", "must be 1 to 255 visible ASCII characters"))));
        }
        String owner = caller.keyOwner();
        String requestHash = Hashing.sha256Hex(request.resource() + "\n" + request.path() + "\n"
                + (request.body() == null ? "" : request.body()));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        IdempotencyStore.Entry existing = idempotency.find(owner, key).filter(e -> !e.expired(now)).orElse(null);
        if (existing == null && !idempotency.claim(new IdempotencyStore.Entry(owner, key, requestHash, noticeId,
                IdempotencyStore.State.IN_PROGRESS, now.plus(IntakeService.IDEMPOTENCY_WINDOW),
                now.plus(IntakeService.IDEMPOTENCY_LOCK)), now)) {
            existing = idempotency.find(owner, key).orElseThrow(
                    () -> new ProblemException(Problem.idempotencyConflict("Retry the request.")));
        }
        if (existing != null && !existing.requestHash().equals(requestHash)) {
            throw new ProblemException(Problem.idempotencyMismatch(
                    "This Idempotency-Key was already used with a different request; use a new key for a new request."));
        }
        ApiResponse response = operation.get();
        if (existing != null && existing.state() == IdempotencyStore.State.COMPLETED) {
            return response.withHeader("Idempotent-Replayed", "true");
        }
        // The first answer given under the key; a first attempt that failed is finished by this one.
        idempotency.complete(owner, key);
        return response;
    }

    private static ObjectNode item(NoticeItem item) {
        // Items answered here are takedowns and rejections, never duplicates: no other notice to name.
        return ItemJson.forApi(item, Set.of());
    }

    private static ObjectNode withdrawn(RedressService.Withdrawn withdrawn) {
        ObjectNode body = Json.object()
                .put("noticeId", withdrawn.notice().id())
                .put("status", withdrawn.notice().status().name());
        ArrayNode items = body.putArray("withdrawn");
        withdrawn.withdrawn().forEach(i -> items.add(item(i)));
        ArrayNode retracted = body.putArray("retracted");
        withdrawn.retracted().forEach(i -> retracted.add(item(i)));
        ArrayNode unchanged = body.putArray("unchanged");
        withdrawn.unchanged().forEach(i -> unchanged.add(i.index()));
        return body;
    }

    /** The body of a POST, which must be JSON when there is one. */
    private static String body(ApiRequest request) {
        String contentType = request.header("Content-Type");
        if (contentType == null ? request.hasBody() : !JSON_MEDIA_TYPE.matcher(contentType).matches()) {
            throw new ProblemException(Problem.unsupportedMediaType(
                    "Send the request as application/json (with charset=utf-8 or no parameter)."));
        }
        return request.body();
    }

    private static String noticeId(ApiRequest request, String parameter) {
        String id = request.pathParameter(parameter);
        if (!Ids.isNoticeId(id)) {
            throw new ProblemException(Problem.notFound("No notice " + id + " of yours exists."));
        }
        return id;
    }

    private static int index(ApiRequest request) {
        String index = request.pathParameter("index");
        if (index == null || !INDEX.matcher(index).matches()) {
            throw new ProblemException(Problem.notFound("No item " + index + " of yours exists."));
        }
        return Integer.parseInt(index);
    }

    private static ItemStatus takedownStatus(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return TAKEDOWN_STATUSES.stream().filter(s -> s.name().equals(text)).findFirst()
                .orElseThrow(() -> new ProblemException(Problem.invalid("Unknown status filter.",
                        List.of(new FieldError("status", "must be one of " + TAKEDOWN_STATUSES)))));
    }

    /** Word for word API Gateway's answer on a path it has no route for (template.yaml: MISSING_AUTHENTICATION_TOKEN). */
    private static ApiResponse unknownRoute() {
        return ApiResponse.problem(Problem.notFound("No such route."));
    }
}
