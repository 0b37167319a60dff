package dev.takedown.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.takedown.local.ApiDef.AuthorizerDef;
import dev.takedown.local.ApiDef.GatewayResponseDef;
import dev.takedown.local.FunctionDef.ApiEvent;
import dev.takedown.local.FunctionDef.ScheduleEvent;
import dev.takedown.local.FunctionDef.SqsEvent;
import dev.takedown.local.TableDef.IndexDef;
import dev.takedown.local.TableDef.KeyElement;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads template.yaml with a plain YAML parser; intrinsics must be written in their long form. */
final class TemplateReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SHORT_FORM = Pattern.compile(
            "(?m)(?:^|[\\s:\\[,-])!(Ref|GetAtt|Sub|Join|Select|Split|If|Equals|Not|And|Or|FindInMap|ImportValue|Base64|Cidr|GetAZs|Condition)\\b");
    private static final Pattern RATE = Pattern.compile(
            "rate\\(\\s*(\\d+)\\s+(second|seconds|minute|minutes|hour|hours|day|days)\\s*\\)");
    /** An authorizer's {@code Fn::Sub} ARN: a function's ARN, or one of its aliases'. */
    private static final Pattern FUNCTION_ARN_SUB = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.Arn}(?::[A-Za-z0-9_-]+)?");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");

    private final String yaml;
    private final String source;
    private final Map<String, String> parameterOverrides;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Map<String, String> resourceTypes = new LinkedHashMap<>();
    private final Map<String, Boolean> conditions = new LinkedHashMap<>();

    TemplateReader(String yaml, String source, Map<String, String> parameterOverrides) {
        this.yaml = yaml;
        this.source = source;
        this.parameterOverrides = parameterOverrides;
    }

    Template read() {
        Matcher shortForm = SHORT_FORM.matcher(yaml);
        if (shortForm.find()) {
            throw fail("uses the short form !" + shortForm.group(1)
                    + "; write intrinsics in their long form (Ref:, Fn::GetAtt:, Fn::Sub:)");
        }
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw fail("is not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("Resources").isObject()) {
            throw fail("has no Resources");
        }
        readParameters(root.path("Parameters"));
        root.path("Conditions").properties().forEach(e -> conditions.put(e.getKey(), condition(e.getValue(), "Conditions." + e.getKey())));
        // Resources whose Condition is false do not exist in this stack.
        root.path("Resources").properties().forEach(e -> {
            String condition = e.getValue().path("Condition").asText(null);
            if (condition == null || namedCondition(condition, e.getKey() + ".Condition")) {
                resourceTypes.put(e.getKey(), e.getValue().path("Type").asText(""));
            }
        });

        JsonNode globals = root.path("Globals");
        // OpenApiVersion only decides which stages SAM deploys; any other API global would change what the API serves.
        globals.path("Api").fieldNames().forEachRemaining(name -> {
            if (!name.equals("OpenApiVersion")) {
                throw fail("Globals.Api." + name + " is not supported by the local stack");
            }
        });
        JsonNode globalFunction = globals.path("Function");

        List<TableDef> tables = new ArrayList<>();
        List<QueueDef> queues = new ArrayList<>();
        List<FunctionDef> functions = new ArrayList<>();
        List<ApiDef> apis = new ArrayList<>();
        UsagePlans usagePlans = usagePlans(root.path("Resources"));
        root.path("Resources").properties().forEach(e -> {
            String id = e.getKey();
            JsonNode properties = e.getValue().path("Properties");
            switch (resourceTypes.getOrDefault(id, "")) {
                case Template.TABLE -> tables.add(readTable(id, properties));
                case Template.QUEUE -> queues.add(readQueue(id, properties));
                case Template.FUNCTION -> functions.add(readFunction(id, properties, globalFunction));
                case Template.API -> apis.add(readApi(id, properties, usagePlans));
                default -> {
                    // Alarms, roles and the like have no local counterpart; a reference to one fails on resolving.
                }
            }
        });
        if (apis.size() > 1) {
            throw fail("declares " + apis.size() + " AWS::Serverless::Api resources; the local stack serves one");
        }
        Template template = new Template(Map.copyOf(parameters), Map.copyOf(resourceTypes), List.copyOf(tables),
                List.copyOf(queues), List.copyOf(functions), apis.stream().findFirst());
        validate(template);
        return template;
    }

    private void readParameters(JsonNode node) {
        node.properties().forEach(e -> {
            String name = e.getKey();
            JsonNode definition = e.getValue();
            String value = parameterOverrides.containsKey(name)
                    ? parameterOverrides.get(name)
                    : definition.has("Default") ? definition.get("Default").asText()
                    : definition.path("NoEcho").asBoolean(false) ? localSecret() : null;
            if (value == null) {
                throw fail("parameter " + name + " has no Default; pass a value for it");
            }
            JsonNode allowed = definition.path("AllowedValues");
            if (allowed.isArray() && allowed.size() > 0 && !texts(allowed).contains(value)) {
                throw fail("parameter " + name + ": " + value + " is not one of " + texts(allowed));
            }
            parameters.put(name, value);
        });
        for (String name : parameterOverrides.keySet()) {
            if (!parameters.containsKey(name)) {
                throw fail("has no parameter " + name + " to override");
            }
        }
    }

    /** A secret a deployment must supply (NoEcho, no Default): made up afresh for each local run, never well known. */
    private static String localSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private TableDef readTable(String id, JsonNode properties) {
        for (String unsupported : List.of("LocalSecondaryIndexes", "StreamSpecification")) {
            if (properties.has(unsupported)) {
                throw fail(id + ": " + unsupported + " is not supported by the local stack");
            }
        }
        Map<String, String> attributeTypes = new LinkedHashMap<>();
        for (JsonNode definition : required(properties, "AttributeDefinitions", id)) {
            attributeTypes.put(text(definition, "AttributeName", id + ".AttributeDefinitions"),
                    text(definition, "AttributeType", id + ".AttributeDefinitions"));
        }
        List<IndexDef> indexes = new ArrayList<>();
        for (JsonNode index : properties.path("GlobalSecondaryIndexes")) {
            String indexName = text(index, "IndexName", id + ".GlobalSecondaryIndexes");
            String where = id + ".GlobalSecondaryIndexes." + indexName;
            JsonNode projection = index.path("Projection");
            indexes.add(new IndexDef(indexName, keySchema(required(index, "KeySchema", where), where),
                    projection.path("ProjectionType").asText("ALL"), texts(projection.path("NonKeyAttributes"))));
        }
        return new TableDef(id, attributeTypes, keySchema(required(properties, "KeySchema", id), id), indexes);
    }

    private List<KeyElement> keySchema(JsonNode node, String where) {
        List<KeyElement> keys = new ArrayList<>();
        for (JsonNode key : node) {
            keys.add(new KeyElement(text(key, "AttributeName", where + ".KeySchema"),
                    text(key, "KeyType", where + ".KeySchema")));
        }
        return keys;
    }

    private QueueDef readQueue(String id, JsonNode properties) {
        if (properties.path("FifoQueue").asBoolean(false)) {
            throw fail(id + ": FIFO queues are not supported by the local stack");
        }
        Integer visibilityTimeout = optionalInt(properties.get("VisibilityTimeout"), id + ".VisibilityTimeout");
        JsonNode redrive = properties.path("RedrivePolicy");
        if (redrive.isMissingNode()) {
            return new QueueDef(id, visibilityTimeout, null, null);
        }
        String where = id + ".RedrivePolicy";
        String deadLetterQueue = getAttTarget(redrive.path("deadLetterTargetArn"), "Arn", Template.QUEUE,
                where + ".deadLetterTargetArn");
        Integer maxReceiveCount = optionalInt(redrive.get("maxReceiveCount"), where + ".maxReceiveCount");
        if (maxReceiveCount == null) {
            throw fail(where + ": maxReceiveCount is missing");
        }
        return new QueueDef(id, visibilityTimeout, deadLetterQueue, maxReceiveCount);
    }

    private FunctionDef readFunction(String id, JsonNode properties, JsonNode globals) {
        String handler = text(properties, "Handler", id);
        String handlerClass = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        String handlerMethod = handler.contains("::") ? handler.substring(handler.indexOf("::") + 2) : "handleRequest";
        if (!handlerMethod.equals("handleRequest")) {
            throw fail(id + ": Handler " + handler
                    + " must name RequestStreamHandler.handleRequest; other handler methods are not supported");
        }
        Integer timeout = optionalInt(properties.has("Timeout") ? properties.get("Timeout") : globals.get("Timeout"),
                id + ".Timeout");
        Integer memory = optionalInt(properties.has("MemorySize") ? properties.get("MemorySize")
                : globals.get("MemorySize"), id + ".MemorySize");

        Map<String, Intrinsic> environment = new LinkedHashMap<>();
        globals.path("Environment").path("Variables").properties().forEach(e -> putVariable(environment, e.getKey(),
                intrinsic(e.getValue(), "Globals.Function.Environment." + e.getKey())));
        properties.path("Environment").path("Variables").properties().forEach(e -> putVariable(environment,
                e.getKey(), intrinsic(e.getValue(), id + ".Environment." + e.getKey())));

        List<ApiEvent> apiEvents = new ArrayList<>();
        List<ScheduleEvent> schedules = new ArrayList<>();
        List<SqsEvent> sqsEvents = new ArrayList<>();
        properties.path("Events").properties().forEach(e -> {
            String name = e.getKey();
            String where = id + ".Events." + name;
            JsonNode event = e.getValue().path("Properties");
            String type = e.getValue().path("Type").asText("");
            switch (type) {
                case "Api" -> apiEvents.add(readApiEvent(name, event, where));
                case "Schedule" -> readSchedule(name, event, where).ifPresent(schedules::add);
                case "SQS" -> readSqsEvent(name, event, where).ifPresent(sqsEvents::add);
                default -> throw fail(where + ": event type " + type
                        + " is not supported by the local stack (supported: Api, Schedule, SQS)");
            }
        });
        // 3 s and 128 MB are Lambda's defaults.
        return new FunctionDef(id, handlerClass, handlerMethod, properties.path("CodeUri").asText(null),
                timeout == null ? 3 : timeout, memory == null ? 128 : memory, environment, apiEvents, schedules, sqsEvents);
    }

    /** A variable whose value is {@code Ref: AWS::NoValue} is not set at all, as on AWS. */
    private static void putVariable(Map<String, Intrinsic> environment, String name, Intrinsic value) {
        if (value instanceof Intrinsic.Ref ref && ref.target().equals("AWS::NoValue")) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
    }

    private ApiEvent readApiEvent(String name, JsonNode event, String where) {
        String path = text(event, "Path", where);
        if (!path.startsWith("/")) {
            throw fail(where + ": Path " + path + " must start with /");
        }
        String method = text(event, "Method", where).toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw fail(where + ": Method " + method.toLowerCase(Locale.ROOT) + " is not an HTTP method or any");
        }
        JsonNode restApiId = event.path("RestApiId");
        if (!restApiId.has("Ref") || !Template.API.equals(resourceTypes.get(restApiId.path("Ref").asText()))) {
            throw fail(where + ": RestApiId must be a Ref to the template's AWS::Serverless::Api"
                    + " (the implicit API is not supported by the local stack)");
        }
        String authorizer = event.path("Auth").path("Authorizer").asText(null);
        return new ApiEvent(name, path, method, authorizer);
    }

    private Optional<ScheduleEvent> readSchedule(String name, JsonNode event, String where) {
        if (!event.path("Enabled").asBoolean(true) || "DISABLED".equals(event.path("State").asText())) {
            return Optional.empty();
        }
        String expression = text(event, "Schedule", where);
        Matcher rate = RATE.matcher(expression.trim());
        if (!rate.matches()) {
            throw fail(where + ": Schedule " + expression
                    + " is not supported by the local stack (only rate(N second|minute|hour|day[s]))");
        }
        long amount = Long.parseLong(rate.group(1));
        if (amount < 1) {
            throw fail(where + ": Schedule " + expression + " must be at least 1");
        }
        Duration period = switch (rate.group(2).replaceAll("s$", "")) {
            case "second" -> Duration.ofSeconds(amount);
            case "minute" -> Duration.ofMinutes(amount);
            case "hour" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        return Optional.of(new ScheduleEvent(name, period));
    }

    private Optional<SqsEvent> readSqsEvent(String name, JsonNode event, String where) {
        if (!event.path("Enabled").asBoolean(true)) {
            return Optional.empty();
        }
        String queue = getAttTarget(event.path("Queue"), "Arn", Template.QUEUE, where + ".Queue");
        Integer batchSize = optionalInt(event.get("BatchSize"), where + ".BatchSize");
        boolean partialFailures = texts(event.path("FunctionResponseTypes")).contains("ReportBatchItemFailures");
        return Optional.of(new SqsEvent(name, queue, batchSize == null ? 10 : batchSize, partialFailures));
    }

    /** The usage plans' throttles by plan id, and the template's API keys on them. */
    private record UsagePlans(Map<String, RateLimiter.Throttle> throttles, List<ApiDef.ApiKeyDef> keys) {
    }

    /**
     * The throttle of each usage plan, and the usage plan each of the template's API keys is on (UsagePlanKey), as
     * API Gateway meters a request on the key the authorizer names. Quotas and per-method throttles are not applied
     * locally.
     */
    private UsagePlans usagePlans(JsonNode resources) {
        Map<String, String> keyValues = new LinkedHashMap<>();
        Map<String, RateLimiter.Throttle> throttles = new LinkedHashMap<>();
        References references = new References(resourceTypes, parameters, queue -> queue);
        resources.properties().forEach(e -> {
            String id = e.getKey();
            JsonNode properties = e.getValue().path("Properties");
            switch (resourceTypes.getOrDefault(id, "")) {
                case Template.API_KEY -> keyValues.put(id, references.resolve(
                        intrinsic(required(properties, "Value", id), id + ".Value"), id + ".Value"));
                case Template.USAGE_PLAN -> throttles.put(id, throttle(properties.path("Throttle"), id + ".Throttle"));
                default -> {
                }
            }
        });
        List<ApiDef.ApiKeyDef> keys = new ArrayList<>();
        resources.properties().forEach(e -> {
            String id = e.getKey();
            if (Template.USAGE_PLAN_KEY.equals(resourceTypes.get(id))) {
                JsonNode properties = e.getValue().path("Properties");
                String key = properties.path("KeyId").path("Ref").asText("");
                String plan = properties.path("UsagePlanId").path("Ref").asText("");
                if (!keyValues.containsKey(key) || !throttles.containsKey(plan)) {
                    throw fail(id + ": KeyId and UsagePlanId must Ref an AWS::ApiGateway::ApiKey and UsagePlan of the template");
                }
                keys.add(new ApiDef.ApiKeyDef(key, keyValues.get(key), plan));
            }
        });
        return new UsagePlans(Map.copyOf(throttles), List.copyOf(keys));
    }

    private RateLimiter.Throttle throttle(JsonNode node, String where) {
        String rate = scalar(required(node, "RateLimit", where), where + ".RateLimit");
        Integer burst = optionalInt(required(node, "BurstLimit", where), where + ".BurstLimit");
        try {
            return new RateLimiter.Throttle(Double.parseDouble(rate), burst);
        } catch (IllegalArgumentException e) {
            throw fail(where + ": " + e.getMessage());
        }
    }

    private ApiDef readApi(String id, JsonNode properties, UsagePlans usagePlans) {
        for (String unsupported : List.of("Cors", "DefinitionBody", "DefinitionUri")) {
            if (properties.has(unsupported)) {
                throw fail(id + ": " + unsupported + " is not supported by the local stack");
            }
        }
        String stage = scalar(properties.get("StageName"), id + ".StageName");
        JsonNode auth = properties.path("Auth");
        Map<String, AuthorizerDef> authorizers = new LinkedHashMap<>();
        auth.path("Authorizers").properties().forEach(e ->
                authorizers.put(e.getKey(), readAuthorizer(e.getKey(), e.getValue(), id + ".Auth.Authorizers." + e.getKey())));
        String defaultAuthorizer = auth.path("DefaultAuthorizer").asText(null);
        if (defaultAuthorizer != null && !authorizers.containsKey(defaultAuthorizer)) {
            throw fail(id + ".Auth.DefaultAuthorizer: " + defaultAuthorizer
                    + " is not one of the API's Authorizers (AWS_IAM and Cognito are not supported locally)");
        }
        Map<String, GatewayResponseDef> responses = new LinkedHashMap<>();
        properties.path("GatewayResponses").properties().forEach(e ->
                responses.put(e.getKey(), readGatewayResponse(e.getValue(), id + ".GatewayResponses." + e.getKey())));
        List<String> binaryMediaTypes = new ArrayList<>();
        for (String escaped : texts(properties.path("BinaryMediaTypes"))) {
            // The template writes "/" as "~1", as API Gateway's patch paths do.
            String mediaType = escaped.replace("~1", "/");
            if (!mediaType.matches("[\\w.+*-]+/[\\w.+*-]+")) {
                throw fail(id + ".BinaryMediaTypes: " + escaped + " is not a media type (type~1subtype)");
            }
            binaryMediaTypes.add(mediaType.toLowerCase(Locale.ROOT));
        }
        boolean apiKeyRequired = auth.path("ApiKeyRequired").asBoolean(false);
        if (apiKeyRequired && !"AUTHORIZER".equals(properties.path("ApiKeySourceType").asText("HEADER"))) {
            throw fail(id + ": only ApiKeySourceType AUTHORIZER (the authorizer's usageIdentifierKey) is supported locally");
        }
        return new ApiDef(id, stage, defaultAuthorizer, authorizers, responses, List.copyOf(binaryMediaTypes),
                apiKeyRequired, usagePlans.throttles(), usagePlans.keys());
    }

    private AuthorizerDef readAuthorizer(String name, JsonNode node, String where) {
        if (!"REQUEST".equals(node.path("FunctionPayloadType").asText())) {
            throw fail(where + ": only Lambda authorizers with FunctionPayloadType REQUEST are supported locally");
        }
        String function = authorizerFunction(node.path("FunctionArn"), where + ".FunctionArn");
        JsonNode identity = node.path("Identity");
        for (String unsupported : List.of("QueryStrings", "StageVariables", "Context")) {
            if (identity.has(unsupported)) {
                throw fail(where + ".Identity: " + unsupported + " identity sources are not supported locally");
            }
        }
        Integer reauthorizeEvery = optionalInt(identity.get("ReauthorizeEvery"), where + ".Identity.ReauthorizeEvery");
        return new AuthorizerDef(name, function, texts(identity.path("Headers")),
                reauthorizeEvery == null ? 300 : reauthorizeEvery);
    }

    /**
     * {@code Ref: Fn.Alias} (SAM's published alias, so SnapStart applies), {@code Fn::Sub} of
     * {@code ${Fn.Arn}} with an optional {@code :alias} (the form {@code sam local start-api} reads), or
     * {@code Fn::GetAtt [Fn, Arn]}.
     */
    private String authorizerFunction(JsonNode arn, String where) {
        JsonNode sub = arn.path("Fn::Sub");
        if (!sub.isMissingNode()) {
            Matcher matcher = FUNCTION_ARN_SUB.matcher((sub.isArray() ? sub.path(0) : sub).asText(""));
            if (!matcher.matches() || !Template.FUNCTION.equals(resourceTypes.get(matcher.group(1)))) {
                throw fail(where + ": a Fn::Sub must be \"${<function>.Arn}\" or \"${<function>.Arn}:<alias>\"");
            }
            return matcher.group(1);
        }
        String ref = arn.path("Ref").asText("");
        if (ref.endsWith(".Alias")) {
            String function = ref.substring(0, ref.length() - ".Alias".length());
            if (!Template.FUNCTION.equals(resourceTypes.get(function))) {
                throw fail(where + ": " + ref + " does not name a function's alias");
            }
            return function;
        }
        return getAttTarget(arn, "Arn", Template.FUNCTION, where);
    }

    private GatewayResponseDef readGatewayResponse(JsonNode node, String where) {
        JsonNode parameters = node.path("ResponseParameters");
        Map<String, String> headers = new LinkedHashMap<>();
        parameters.properties().forEach(e -> {
            if (!e.getKey().equals("Headers")) {
                throw fail(where + ".ResponseParameters: " + e.getKey() + " is not supported locally");
            }
        });
        References references = new References(resourceTypes, this.parameters, queue -> queue);
        parameters.path("Headers").properties().forEach(e -> {
            String header = where + ".ResponseParameters.Headers." + e.getKey();
            String value = references.resolve(intrinsic(e.getValue(), header), header);
            if (value.length() < 2 || !value.startsWith("'") || !value.endsWith("'")) {
                throw fail(where + ".ResponseParameters.Headers." + e.getKey() + ": " + value
                        + " must be a quoted literal like \"'value'\"");
            }
            headers.put(e.getKey(), value.substring(1, value.length() - 1));
        });
        Integer statusCode = optionalInt(node.get("StatusCode"), where + ".StatusCode");
        String template = node.path("ResponseTemplates").path("application/json").asText(null);
        return new GatewayResponseDef(statusCode, headers, template);
    }

    /** Every reference in an environment must resolve now, not at a function's first invocation. */
    private void validate(Template template) {
        References references = new References(template.resourceTypes(), template.parameters(), queue -> queue);
        for (FunctionDef function : template.functions()) {
            function.environment().forEach((name, value) ->
                    references.resolve(value, source + ": " + function.logicalId() + ".Environment." + name));
        }
        template.api().ifPresent(api -> {
            for (FunctionDef function : template.functions()) {
                for (ApiEvent event : function.apiEvents()) {
                    String authorizer = event.authorizer();
                    if (authorizer != null && !authorizer.equals("NONE") && !api.authorizers().containsKey(authorizer)) {
                        throw fail(function.logicalId() + ".Events." + event.name() + ".Auth.Authorizer: "
                                + authorizer + " is not one of the API's Authorizers");
                    }
                }
            }
        });
    }

    private Intrinsic intrinsic(JsonNode node, String where) {
        if (node.isValueNode()) {
            return new Intrinsic.Literal(node.asText());
        }
        if (node.isObject() && node.size() == 1) {
            if (node.has("Ref")) {
                return new Intrinsic.Ref(node.get("Ref").asText());
            }
            if (node.has("Fn::GetAtt")) {
                JsonNode getAtt = node.get("Fn::GetAtt");
                if (getAtt.isArray() && getAtt.size() == 2) {
                    return new Intrinsic.GetAtt(getAtt.get(0).asText(), getAtt.get(1).asText());
                }
                String dotted = getAtt.asText();
                if (dotted.contains(".")) {
                    int dot = dotted.indexOf('.');
                    return new Intrinsic.GetAtt(dotted.substring(0, dot), dotted.substring(dot + 1));
                }
            }
            if (node.has("Fn::Sub") && node.get("Fn::Sub").isTextual()) {
                return new Intrinsic.Sub(node.get("Fn::Sub").asText());
            }
            JsonNode choice = node.get("Fn::If");
            if (choice != null && choice.isArray() && choice.size() == 3) {
                boolean holds = namedCondition(choice.get(0).asText(), where);
                return intrinsic(choice.get(holds ? 1 : 2), where);
            }
        }
        throw fail(where + ": " + node + " is not supported by the local stack"
                + " (use a plain value, Ref, Fn::GetAtt or a Fn::Sub string)");
    }

    /** Fn::Equals of parameters and values, Fn::Not, Fn::And, Fn::Or and named conditions. */
    private boolean condition(JsonNode node, String where) {
        if (node.isObject() && node.size() == 1) {
            String function = node.fieldNames().next();
            JsonNode arguments = node.get(function);
            switch (function) {
                case "Fn::Equals":
                    if (arguments.isArray() && arguments.size() == 2) {
                        return scalar(arguments.get(0), where).equals(scalar(arguments.get(1), where));
                    }
                    break;
                case "Fn::Not":
                    if (arguments.isArray() && arguments.size() == 1) {
                        return !condition(arguments.get(0), where);
                    }
                    break;
                case "Fn::And", "Fn::Or":
                    if (arguments.isArray() && arguments.size() >= 2) {
                        boolean and = function.equals("Fn::And");
                        boolean result = and;
                        for (JsonNode argument : arguments) {
                            result = and ? result && condition(argument, where) : result || condition(argument, where);
                        }
                        return result;
                    }
                    break;
                case "Condition":
                    return namedCondition(arguments.asText(), where);
                default:
                    break;
            }
        }
        throw fail(where + ": " + node + " is not a condition the local stack can evaluate");
    }

    private boolean namedCondition(String name, String where) {
        Boolean value = conditions.get(name);
        if (value == null) {
            throw fail(where + ": no condition " + name + " (conditions must be declared before they are used)");
        }
        return value;
    }

    /** A property given as a plain value or as a Ref to a parameter. */
    private String scalar(JsonNode node, String where) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.isObject() && node.size() == 1 && parameters.containsKey(node.path("Ref").asText())) {
            return parameters.get(node.get("Ref").asText());
        }
        throw fail(where + ": " + node + " must be a plain value or a Ref to a parameter");
    }

    private Integer optionalInt(JsonNode node, String where) {
        String value = scalar(node, where);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw fail(where + ": " + value + " is not a whole number");
        }
    }

    /** The logical id in {@code Fn::GetAtt: [Id, attribute]}, which must name a resource of {@code type}. */
    private String getAttTarget(JsonNode node, String attribute, String type, String where) {
        Intrinsic value = node.isMissingNode() ? null : intrinsic(node, where);
        if (value instanceof Intrinsic.GetAtt getAtt && getAtt.attribute().equals(attribute)
                && type.equals(resourceTypes.get(getAtt.target()))) {
            return getAtt.target();
        }
        throw fail(where + ": must be Fn::GetAtt [<" + type + ">, " + attribute + "]");
    }

    private JsonNode required(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull() || (value.isContainerNode() && value.isEmpty())) {
            throw fail(where + ": " + field + " is missing");
        }
        return value;
    }

    private String text(JsonNode node, String field, String where) {
        JsonNode value = required(node, field, where);
        if (!value.isValueNode()) {
            throw fail(where + ": " + field + " must be a plain value");
        }
        return value.asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private TemplateException fail(String message) {
        return new TemplateException(source + ": " + message);
    }
}
