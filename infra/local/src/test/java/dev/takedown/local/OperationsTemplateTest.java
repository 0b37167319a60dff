package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.takedown.core.testing.Events;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml can be operated from the AWS console: its data outlives mistakes, its logs are kept for a known time,
 * every alarm reaches people, and the dashboard shows what the alarms watch. Read from the template as written; the
 * local stack ignores these resources.
 */
class OperationsTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The retention periods CloudWatch Logs accepts, in days. */
    private static final List<String> RETENTION_DAYS = List.of("1", "3", "5", "7", "14", "30", "60", "90", "120",
            "150", "180", "365", "400", "545", "731", "1096", "1827", "2192", "2557", "2922", "3288", "3653");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}!]*)}");

    private static JsonNode template;

    @BeforeAll
    static void readTemplate() throws Exception {
        template = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Events.projectRoot().resolve("template.yaml")));
    }

    private static Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        template.path("Resources").properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals(type)) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    private static JsonNode ref(String target) {
        return JSON.createObjectNode().put("Ref", target);
    }

    private static JsonNode parameter(String name) {
        JsonNode parameter = template.path("Parameters").path(name);
        assertThat(parameter.isObject()).as("parameter " + name).isTrue();
        return parameter;
    }

    // ------------------------------------------------------------------------------------------- data and logs

    /** A deleted stack or a replaced table must not take the notices, decisions and audit trail with it. */
    @Test
    void everyTableIsRetainedAndDeletionProtectedUnlessTheStackTurnsProtectionOff() {
        assertThat(resources("AWS::Serverless::SimpleTable"))
                .as("a SimpleTable cannot be deletion-protected; declare an AWS::DynamoDB::Table").isEmpty();
        Map<String, JsonNode> tables = resources("AWS::DynamoDB::Table");
        assertThat(tables).hasSizeGreaterThanOrEqualTo(11);
        tables.forEach((id, table) -> {
            assertThat(table.path("DeletionPolicy").asText()).as(id + " DeletionPolicy").isEqualTo("Retain");
            assertThat(table.path("UpdateReplacePolicy").asText()).as(id + " UpdateReplacePolicy").isEqualTo("Retain");
            assertThat(table.path("Properties").path("DeletionProtectionEnabled")).as(id + " DeletionProtectionEnabled")
                    .isEqualTo(ref("TableDeletionProtection"));
        });
        JsonNode protection = parameter("TableDeletionProtection");
        assertThat(protection.path("Default").asText()).isEqualTo("true");
        assertThat(protection.path("AllowedValues")).extracting(JsonNode::asText).containsExactlyInAnyOrder("true", "false");
    }

    /** Lambda's own log groups never expire; each function writes to one of the stack's, kept LogRetentionDays. */
    @Test
    void everyFunctionLogsToItsOwnLogGroupKeptForTheRetentionParameter() {
        JsonNode retention = parameter("LogRetentionDays");
        assertThat(retention.path("AllowedValues")).extracting(JsonNode::asText).containsExactlyElementsOf(RETENTION_DAYS);
        assertThat(RETENTION_DAYS).contains(retention.path("Default").asText());
        assertThat(template.path("Globals").path("Function").path("LoggingConfig").path("LogFormat").asText())
                .isEqualTo("JSON");

        Map<String, JsonNode> logGroups = resources("AWS::Logs::LogGroup");
        Set<String> used = new TreeSet<>();
        resources("AWS::Serverless::Function").forEach((id, function) -> {
            String group = function.path("Properties").path("LoggingConfig").path("LogGroup").path("Ref").asText();
            assertThat(logGroups).as(id + " LoggingConfig.LogGroup").containsKey(group);
            assertThat(used.add(group)).as(id + " shares " + group).isTrue();
            assertThat(logGroups.get(group).path("Properties").path("LogGroupName").path("Fn::Sub").asText())
                    .isEqualTo("/aws/lambda/${AWS::StackName}-" + id);
        });
        logGroups.forEach((id, group) -> {
            assertThat(group.path("Properties").path("RetentionInDays")).as(id).isEqualTo(ref("LogRetentionDays"));
            assertThat(group.path("DeletionPolicy").asText()).as(id + " DeletionPolicy").isNotEmpty();
            assertThat(group.path("UpdateReplacePolicy").asText()).as(id + " UpdateReplacePolicy").isNotEmpty();
        });
    }

    /** One JSON line per request naming the caller and the outcome, never a header (so never an API key). */
    @Test
    void theApiWritesJsonAccessLogsToItsOwnLogGroup() throws Exception {
        JsonNode accessLog = template.path("Resources").path("TakedownApi").path("Properties").path("AccessLogSetting");
        assertThat(accessLog.path("DestinationArn").path("Fn::Sub").asText()).endsWith(":log-group:${ApiAccessLogGroup}");
        assertThat(template.path("Resources").path("ApiAccessLogGroup").path("Properties").path("RetentionInDays"))
                .isEqualTo(ref("LogRetentionDays"));

        String format = accessLog.path("Format").asText();
        JsonNode line = JSON.readTree(format);
        Map<String, String> expected = Map.of("requestId", "$context.requestId", "ip", "$context.identity.sourceIp",
                "principalId", "$context.authorizer.principalId", "httpMethod", "$context.httpMethod",
                "resourcePath", "$context.resourcePath", "status", "$context.status",
                "responseLatency", "$context.responseLatency", "integrationLatency", "$context.integrationLatency",
                "errorMessage", "$context.error.message");
        expected.forEach((field, variable) -> assertThat(line.path(field).asText()).as(field).isEqualTo(variable));
        assertThat(format).doesNotContainIgnoringCase("authorization").doesNotContain("header", "apiKey", "$input");
    }

    /** Without an OpenAPI version SAM also deploys a stage called "Stage" beside StageName. */
    @Test
    void samDeploysOnlyTheNamedStage() {
        assertThat(template.path("Globals").path("Api").path("OpenApiVersion").asText()).startsWith("3.");
    }

    /** A secret with a default would be the same, well-known value on every stack that forgot to set it. */
    @Test
    void noSecretHasADefaultAndTheLocalStackMakesUpEach() {
        Pattern secretLike = Pattern.compile("(?i).*(secret|signingkey|password|token|apikey).*");
        List<String> secrets = new ArrayList<>();
        template.path("Parameters").properties().forEach(e -> {
            if (secretLike.matcher(e.getKey()).matches() || e.getValue().path("NoEcho").asBoolean()) {
                secrets.add(e.getKey());
                assertThat(e.getValue().path("NoEcho").asBoolean()).as(e.getKey() + " NoEcho").isTrue();
                assertThat(e.getValue().has("Default")).as(e.getKey() + " has a Default").isFalse();
            }
        });
        assertThat(secrets).contains("CursorSigningKey");
        Map<String, String> local = ProjectTemplate.load(Map.of()).parameters();
        secrets.forEach(name -> assertThat(local.get(name)).as(name).hasSizeGreaterThanOrEqualTo(32));
    }

    // ------------------------------------------------------------------------------------------- alarms

    @Test
    void everyAlarmTellsTheAlarmTopicWhenItFiresAndWhenItClears() {
        assertThat(template.path("Resources").path("AlarmTopic").path("Type").asText()).isEqualTo("AWS::SNS::Topic");
        Map<String, JsonNode> alarms = resources("AWS::CloudWatch::Alarm");
        assertThat(alarms).hasSizeGreaterThan(10);
        alarms.forEach((id, alarm) -> {
            JsonNode properties = alarm.path("Properties");
            assertThat(properties.path("AlarmActions")).as(id + " AlarmActions").containsExactly(ref("AlarmTopic"));
            assertThat(properties.path("OKActions")).as(id + " OKActions").containsExactly(ref("AlarmTopic"));
            assertThat(properties.path("TreatMissingData").asText()).as(id + " TreatMissingData")
                    .isIn("breaching", "notBreaching", "ignore", "missing");
        });
    }

    /** An e-mail address is subscribed only when one is given. */
    @Test
    void theAlarmEmailIsSubscribedOnlyWhenGiven() {
        assertThat(parameter("AlarmEmail").path("Default").asText()).isEmpty();
        JsonNode subscription = template.path("Resources").path("AlarmEmailSubscription");
        assertThat(subscription.path("Type").asText()).isEqualTo("AWS::SNS::Subscription");
        assertThat(subscription.path("Properties").path("TopicArn")).isEqualTo(ref("AlarmTopic"));
        assertThat(subscription.path("Properties").path("Protocol").asText()).isEqualTo("email");
        assertThat(subscription.path("Properties").path("Endpoint")).isEqualTo(ref("AlarmEmail"));

        assertThat(ProjectTemplate.load(Map.of()).resourceTypes()).doesNotContainKey("AlarmEmailSubscription");
        assertThat(ProjectTemplate.load(Map.of("AlarmEmail", "ops@example.com")).resourceTypes())
                .containsEntry("AlarmEmailSubscription", "AWS::SNS::Subscription");
    }

    @Test
    void theApiAlarmsWatchTheShareOf5xxAndTheP99Latency() {
        assertThat(template.path("Resources").path("TakedownApi").path("Properties").path("Name"))
                .as("the ApiName the alarms and the dashboard use").isEqualTo(ref("AWS::StackName"));
        Map<String, JsonNode> apiDimensions = Map.of("ApiName", ref("AWS::StackName"), "Stage", ref("StageName"));

        JsonNode errorRate = singleAlarmOn("AWS/ApiGateway", "5XXError");
        Map<String, String> ids = metricIds(errorRate);
        assertThat(ids).containsValues("5XXError", "Count");
        statMetrics(errorRate).forEach(metric -> assertThat(dimensions(metric)).isEqualTo(apiDimensions));
        assertThat(returnedExpression(errorRate)).contains(idOf(ids, "5XXError"), idOf(ids, "Count"), "/");

        JsonNode latency = singleAlarmOn("AWS/ApiGateway", "Latency");
        assertThat(latency.path("ExtendedStatistic").asText()).isEqualTo("p99");
        assertThat(dimensions(latency)).isEqualTo(apiDimensions);
    }

    @Test
    void theAgeOfTheOldestMessageOnEveryQueueIsWatched() {
        Set<String> watched = new TreeSet<>();
        alarmsOn("AWS/SQS", "ApproximateAgeOfOldestMessage").forEach(alarm -> {
            JsonNode queue = dimensions(alarm).get("QueueName");
            assertThat(queue.path("Fn::GetAtt").path(1).asText()).isEqualTo("QueueName");
            watched.add(queue.path("Fn::GetAtt").path(0).asText());
        });
        assertThat(watched).containsExactlyInAnyOrderElementsOf(resources("AWS::SQS::Queue").keySet());
    }

    /** The backlog's age is in seconds; the alarm turns it into hours to compare it with the target itself. */
    @Test
    void theReviewBacklogAlarmFiresPastTheDecisionTargetOrWhenItIsNoLongerMeasured() {
        assertThat(parameter("ReviewDecisionTargetHours").path("Default").asText()).isEqualTo("24");
        JsonNode alarm = singleAlarmOn("Takedown", "ReviewBacklogOldestAge");
        String age = idOf(metricIds(alarm), "ReviewBacklogOldestAge");
        assertThat(returnedExpression(alarm).replace(" ", "")).isEqualTo(age + "/3600");
        assertThat(alarm.path("Threshold")).isEqualTo(ref("ReviewDecisionTargetHours"));
        assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
        assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("breaching");
        statMetrics(alarm).forEach(metric -> assertThat(dimensions(metric)).isEmpty());
    }

    @Test
    void theWebhookAlarmWatchesTheShareOfDeliveriesThatFailedForGood() {
        JsonNode alarm = singleAlarmOn("Takedown", "WebhookDeliveries");
        String failed = null;
        String all = null;
        for (JsonNode metric : statMetrics(alarm)) {
            Map<String, JsonNode> dimensions = dimensions(metric);
            if (dimensions.isEmpty()) {
                all = metric.path("Id").asText();
            } else if (dimensions.equals(Map.of("Outcome", JSON.getNodeFactory().textNode("FAILED")))) {
                failed = metric.path("Id").asText();
            }
        }
        assertThat(failed).as("WebhookDeliveries with Outcome FAILED").isNotNull();
        assertThat(all).as("WebhookDeliveries of every outcome").isNotNull();
        String expression = returnedExpression(alarm);
        assertThat(expression.indexOf(failed)).isNotNegative().isLessThan(expression.indexOf("/"));
        assertThat(expression.substring(expression.indexOf("/"))).contains(all);
    }

    /** Alarms on namespace/metric, whether a plain metric or one in metric math. */
    private static List<JsonNode> alarmsOn(String namespace, String metricName) {
        List<JsonNode> found = new ArrayList<>();
        resources("AWS::CloudWatch::Alarm").values().forEach(alarm -> {
            JsonNode properties = alarm.path("Properties");
            boolean plain = properties.path("Namespace").asText().equals(namespace)
                    && properties.path("MetricName").asText().equals(metricName);
            boolean inMath = statMetrics(properties).stream().anyMatch(m -> m.path("MetricStat").path("Metric")
                    .path("Namespace").asText().equals(namespace)
                    && m.path("MetricStat").path("Metric").path("MetricName").asText().equals(metricName));
            if (plain || inMath) {
                found.add(properties);
            }
        });
        return found;
    }

    private static JsonNode singleAlarmOn(String namespace, String metricName) {
        List<JsonNode> alarms = alarmsOn(namespace, metricName);
        assertThat(alarms).as("alarms on " + namespace + " " + metricName).hasSize(1);
        return alarms.get(0);
    }

    private static List<JsonNode> statMetrics(JsonNode alarm) {
        List<JsonNode> metrics = new ArrayList<>();
        alarm.path("Metrics").forEach(m -> {
            if (m.has("MetricStat")) {
                metrics.add(m);
            }
        });
        return metrics;
    }

    /** Metric math id -> metric name. */
    private static Map<String, String> metricIds(JsonNode alarm) {
        Map<String, String> ids = new LinkedHashMap<>();
        statMetrics(alarm).forEach(m -> ids.put(m.path("Id").asText(),
                m.path("MetricStat").path("Metric").path("MetricName").asText()));
        return ids;
    }

    private static String idOf(Map<String, String> ids, String metricName) {
        return ids.entrySet().stream().filter(e -> e.getValue().equals(metricName)).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    private static String returnedExpression(JsonNode alarm) {
        List<JsonNode> returned = new ArrayList<>();
        alarm.path("Metrics").forEach(m -> {
            if (m.path("ReturnData").asBoolean(true) && m.has("Expression")) {
                returned.add(m);
            }
        });
        assertThat(returned).as("the one expression the alarm compares").hasSize(1);
        assertThat(alarm.path("Metrics")).filteredOn(m -> m.has("MetricStat"))
                .allSatisfy(m -> assertThat(m.path("ReturnData").asBoolean(true)).isFalse());
        return returned.get(0).path("Expression").asText();
    }

    /** A plain alarm's, or a metric math MetricStat's, dimensions by name. */
    private static Map<String, JsonNode> dimensions(JsonNode alarmOrMetric) {
        JsonNode list = alarmOrMetric.has("MetricStat")
                ? alarmOrMetric.path("MetricStat").path("Metric").path("Dimensions")
                : alarmOrMetric.path("Dimensions");
        Map<String, JsonNode> dimensions = new LinkedHashMap<>();
        list.forEach(d -> dimensions.put(d.path("Name").asText(), d.path("Value")));
        return dimensions;
    }

    // ------------------------------------------------------------------------------------------- dashboard

    /** Every ${name} in the body names a parameter, a resource (a queue's QueueName) or the stack's region or name. */
    @Test
    void theDashboardBodyResolvesEveryName() {
        String body = dashboardSource();
        Matcher placeholder = PLACEHOLDER.matcher(body);
        List<String> unknown = new ArrayList<>();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            boolean known = name.equals("AWS::Region") || name.equals("AWS::StackName")
                    || (!name.contains(".") && template.path("Parameters").has(name))
                    || (name.contains(".") ? attributeOf(name, "QueueName", "AWS::SQS::Queue")
                            || attributeOf(name, "Arn", "AWS::Serverless::Function")
                            : template.path("Resources").has(name));
            if (!known) {
                unknown.add(name);
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void theDashboardShowsTheApiDecisionsBacklogQueuesWebhooksErrorsAndColdStarts() throws Exception {
        JsonNode widgets = dashboard().path("widgets");
        List<List<String>> metrics = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        widgets.forEach(widget -> metricRows(widget.path("properties"), metrics, expressions));

        for (String name : List.of("Count", "4XXError", "5XXError", "Latency")) {
            assertThat(metrics).as("API " + name).contains(List.of("AWS/ApiGateway", name, "ApiName", "local", "Stage", "prod"));
        }
        assertThat(widgetWith(widgets, "AWS/ApiGateway", "Latency").path("properties").path("stat").asText()).isEqualTo("p99");

        assertThat(expressions).anySatisfy(e -> assertThat(e).startsWith("SEARCH(")
                .contains("{Takedown,", "DecidedBy", "Status", "MetricName=\"ItemsDecided\""));
        assertThat(metrics).contains(List.of("Takedown", "ReviewBacklog"), List.of("Takedown", "ReviewBacklogOldestAge"));
        JsonNode oldest = widgetWith(widgets, "Takedown", "ReviewBacklogOldestAge");
        assertThat(oldest.path("properties").path("annotations").path("horizontal"))
                .anySatisfy(a -> assertThat(a.path("value").asDouble()).isEqualTo(24.0));
        assertThat(expressionsOf(oldest)).anySatisfy(e -> assertThat(e.replace(" ", "")).endsWith("/3600"));

        resources("AWS::SQS::Queue").forEach((id, queue) -> {
            assertThat(metrics).as(id + " depth")
                    .contains(List.of("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", id));
            if (queue.path("Properties").has("RedrivePolicy")) {
                assertThat(metrics).as(id + " age of oldest message")
                        .contains(List.of("AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", id));
            }
        });

        assertThat(metrics).contains(List.of("Takedown", "WebhookDeliveries", "Outcome", "FAILED"),
                List.of("Takedown", "WebhookDeliveries"));
        assertThat(expressionsOf(widgetWith(widgets, "Takedown", "WebhookDeliveries"))).hasSize(1);

        Set<String> functions = resources("AWS::Serverless::Function").keySet();
        functions.forEach(id -> assertThat(metrics).as(id + " errors")
                .contains(List.of("AWS/Lambda", "Errors", "FunctionName", id)));

        List<JsonNode> logWidgets = new ArrayList<>();
        widgets.forEach(w -> {
            if (w.path("type").asText().equals("log")) {
                logWidgets.add(w);
            }
        });
        assertThat(logWidgets).singleElement().satisfies(widget -> {
            String query = widget.path("properties").path("query").asText();
            functions.forEach(id -> assertThat(query).contains("SOURCE '" + id + "LogGroup'"));
            assertThat(query).contains("platform.report", "record.metrics.restoreDurationMs",
                    "record.metrics.initDurationMs");
        });
    }

    @Test
    void theDashboardCarriesTheReviewQueueAndTheOpenComplaintsAsCustomWidgetsOfTheWidgetFunction() throws Exception {
        List<JsonNode> custom = new ArrayList<>();
        dashboard().path("widgets").forEach(widget -> {
            if (widget.path("type").asText().equals("custom")) {
                custom.add(widget.path("properties"));
            }
        });

        assertThat(custom).extracting(properties -> properties.path("params").path("queue").asText())
                .containsExactly("review", "complaints");
        assertThat(custom).allSatisfy(properties -> {
            // The published alias: the widget starts from its SnapStart snapshot, as the authorizer does.
            assertThat(properties.path("endpoint").asText()).isEqualTo("ReviewWidgetFunction.Arn:live");
            // A refresh would wipe a reason being typed into the widget's form.
            assertThat(properties.path("updateOn").path("refresh").asBoolean(true)).isFalse();
        });
    }

    /** Whether {@code name} is {@code <resource>.<attribute>} of a resource of that type. */
    private static boolean attributeOf(String name, String attribute, String type) {
        String resource = name.substring(0, name.indexOf('.'));
        return name.equals(resource + "." + attribute)
                && template.path("Resources").path(resource).path("Type").asText().equals(type);
    }

    /** The body as CloudFormation hands it over: names resolved as the local stack would name them. */
    private static JsonNode dashboard() throws Exception {
        Matcher placeholder = PLACEHOLDER.matcher(dashboardSource());
        StringBuilder body = new StringBuilder();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            String value = switch (name) {
                case "AWS::Region" -> References.REGION;
                case "AWS::StackName" -> "local";
                default -> template.path("Parameters").has(name)
                        ? template.path("Parameters").path(name).path("Default").asText()
                        : name.replaceAll("\\.QueueName$", "");
            };
            placeholder.appendReplacement(body, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(body);
        return JSON.readTree(body.toString());
    }

    private static String dashboardSource() {
        Map<String, JsonNode> dashboards = resources("AWS::CloudWatch::Dashboard");
        assertThat(dashboards).hasSize(1);
        JsonNode body = dashboards.values().iterator().next().path("Properties").path("DashboardBody").path("Fn::Sub");
        assertThat(body.isTextual()).as("DashboardBody is a Fn::Sub string").isTrue();
        return body.asText();
    }

    /** Each metric row as namespace, name and dimension pairs ("." repeats the row above), and the expressions. */
    private static void metricRows(JsonNode properties, List<List<String>> metrics, List<String> expressions) {
        List<String> previous = List.of();
        for (JsonNode row : properties.path("metrics")) {
            if (row.path(0).isObject()) {
                expressions.add(row.path(0).path("expression").asText());
                continue;
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < row.size() && !row.get(i).isObject(); i++) {
                String value = row.get(i).asText();
                values.add(value.equals(".") && i < previous.size() ? previous.get(i) : value);
            }
            metrics.add(values);
            previous = values;
        }
    }

    private static JsonNode widgetWith(JsonNode widgets, String namespace, String metricName) {
        return IntStream.range(0, widgets.size()).mapToObj(widgets::get).filter(widget -> {
            List<List<String>> metrics = new ArrayList<>();
            metricRows(widget.path("properties"), metrics, new ArrayList<>());
            return metrics.stream().anyMatch(m -> m.size() >= 2 && m.get(0).equals(namespace) && m.get(1).equals(metricName));
        }).findFirst().orElseThrow(() -> new AssertionError("no widget shows " + namespace + " " + metricName));
    }

    private static List<String> expressionsOf(JsonNode widget) {
        List<String> expressions = new ArrayList<>();
        metricRows(widget.path("properties"), new ArrayList<>(), expressions);
        return expressions;
    }
}
