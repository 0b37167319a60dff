package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.takedown.core.ports.NoticeStore;
import dev.takedown.core.testing.Events;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml is the one source of truth: every handler it names exists and is built by the module its
 * CodeUri names, and every environment variable a function reads is set there (and every one set is read).
 * {@link TemplatePolicyTest} checks the policies against the AWS calls the functions really make.
 */
class TemplateConsistencyTest {
    /** Set by Lambda itself, not by the template. */
    static final Set<String> RUNTIME_VARIABLES = Set.of("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
    /** Set only by the local stack, to reach its own backends. */
    static final Set<String> LOCAL_ONLY_VARIABLES = Set.of("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB",
            "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_APIGATEWAY", "ALLOW_PRIVATE_CALLBACKS");
    /** Read by the JVM, not by our code. */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");
    /**
     * Declared for every function and unset on AWS, so that sam local can point them at local backends: a function
     * that sends nothing to SQS never reads the SQS one.
     */
    static final Set<String> ENDPOINT_VARIABLES = Set.of("AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS",
            "AWS_ENDPOINT_URL_APIGATEWAY");
    /** The env-vars file of {@code sam local invoke} and {@code sam local start-api} (README, SAM local). */
    static final String SAM_ENV = "infra/local/sam-env.json";

    private static JsonNode template;
    private static Path root;

    @BeforeAll
    static void readTemplate() throws Exception {
        root = Events.projectRoot();
        template = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(root.resolve("template.yaml")));
    }

    static Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        template.path("Resources").properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals(type)) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    static Map<String, JsonNode> functions() {
        return resources("AWS::Serverless::Function");
    }

    /** Globals then the function's own variables, as Lambda merges them. */
    static Map<String, JsonNode> declaredVariables(JsonNode function) {
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        template.path("Globals").path("Function").path("Environment").path("Variables").properties()
                .forEach(e -> variables.put(e.getKey(), e.getValue()));
        function.path("Properties").path("Environment").path("Variables").properties()
                .forEach(e -> variables.put(e.getKey(), e.getValue()));
        return variables;
    }

    /** Lambda refuses a function whose description is longer, failing the deployment. */
    @Test
    void everyFunctionsDescriptionFitsLambdasLimit() {
        functions().forEach((id, function) -> assertThat(function.path("Properties").path("Description").asText())
                .as(id).hasSizeLessThanOrEqualTo(256));
    }

    /**
     * The API requires a key (metered per usage plan) on every route; an open route must waive it, or API Gateway
     * refuses every call with 403 since no authorizer names a key. The OpenAPI document is such a route.
     */
    @Test
    void everyRouteWithoutAnAuthorizerWaivesTheApiKey() {
        List<String> openRoutes = new ArrayList<>();
        functions().forEach((id, function) -> function.path("Properties").path("Events").properties().forEach(e -> {
            JsonNode auth = e.getValue().path("Properties").path("Auth");
            if (e.getValue().path("Type").asText().equals("Api") && auth.path("Authorizer").asText().equals("NONE")) {
                assertThat(auth.path("ApiKeyRequired").isBoolean() && !auth.path("ApiKeyRequired").asBoolean())
                        .as(id + ".Events." + e.getKey() + " has no authorizer, so it must say ApiKeyRequired: false")
                        .isTrue();
                openRoutes.add(e.getValue().path("Properties").path("Method").asText() + " "
                        + e.getValue().path("Properties").path("Path").asText());
            }
        }));
        assertThat(openRoutes).containsExactlyInAnyOrder("get /openapi.json", "any /openapi.json");
    }

    @Test
    void theTemplateUsesLongFormIntrinsicsOnly() throws Exception {
        assertThat(Files.readAllLines(root.resolve("template.yaml")))
                .as("short-form tags like !Ref cannot be read by the local stack")
                .noneMatch(line -> line.matches(".*:\\s+!\\w+.*") || line.matches("\\s*-\\s+!\\w+.*"));
    }

    @Test
    void everyFunctionHasAHandlerClassBuiltByTheModuleItsCodeUriNames() throws Exception {
        assertThat(functions()).isNotEmpty();
        for (var entry : functions().entrySet()) {
            JsonNode properties = entry.getValue().path("Properties");
            String handler = properties.path("Handler").asText();
            assertThat(handler).as(entry.getKey() + " Handler").matches("[\\w.]+::handleRequest");
            String className = handler.substring(0, handler.indexOf("::"));
            Class<?> type = Class.forName(className);
            assertThat(RequestStreamHandler.class).as(className).isAssignableFrom(type);
            assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).isTrue();
            assertThat(Modifier.isPublic(type.getConstructor(Map.class).getModifiers())).isTrue();

            String codeUri = properties.path("CodeUri").asText();
            assertThat(codeUri).as(entry.getKey() + " CodeUri").matches("functions/([a-z-]+)/target/\\1\\.jar");
            Path module = root.resolve(codeUri).getParent().getParent();
            assertThat(module.resolve("pom.xml")).exists();
            assertThat(module.resolve("src/main/java").resolve(className.replace('.', '/') + ".java"))
                    .as(className + " lives in " + module).exists();
            assertThat(entry.getValue().path("Metadata").path("SkipBuild").asBoolean())
                    .as(entry.getKey() + " is built by Maven, so sam build must skip it").isTrue();
        }
    }

    @Test
    void everyVariableAFunctionReadsIsSetInTheTemplateAndEverySetOneIsRead() throws Exception {
        List<String> problems = new ArrayList<>();
        for (var entry : functions().entrySet()) {
            Map<String, JsonNode> declared = declaredVariables(entry.getValue());
            RecordingEnvironment environment = new RecordingEnvironment();
            declared.forEach((name, value) -> environment.put(name, sampleValue(value)));

            String handler = entry.getValue().path("Properties").path("Handler").asText();
            Constructor<?> constructor = Class.forName(handler.substring(0, handler.indexOf("::"))).getConstructor(Map.class);
            constructor.newInstance(environment);

            Set<String> undeclared = new TreeSet<>(environment.read);
            undeclared.removeAll(declared.keySet());
            undeclared.removeAll(RUNTIME_VARIABLES);
            undeclared.removeAll(LOCAL_ONLY_VARIABLES);
            if (!undeclared.isEmpty()) {
                problems.add(entry.getKey() + " reads " + undeclared + " but template.yaml does not set them");
            }
            Set<String> unused = new TreeSet<>(declared.keySet());
            unused.removeAll(environment.read);
            unused.removeAll(JVM_VARIABLES);
            unused.removeAll(ENDPOINT_VARIABLES);
            if (!unused.isEmpty()) {
                problems.add(entry.getKey() + " is given " + unused + " in template.yaml but never reads them");
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * sam local sets only the variables a function declares, so the env-vars file names, for every function, exactly
     * those: each table by the local stack's name for it (its logical id), each queue and backend on the host the
     * functions' containers reach (host.docker.internal), each parameter as its default.
     */
    @Test
    void theSamLocalEnvVarsFileGivesEveryFunctionExactlyItsVariablesPointingAtTheLocalStack() throws Exception {
        JsonNode file = new ObjectMapper().readTree(root.resolve(SAM_ENV).toFile());
        assertThat(names(file)).isEqualTo(new TreeSet<>(functions().keySet()));
        List<String> problems = new ArrayList<>();
        functions().forEach((id, function) -> {
            Map<String, JsonNode> declared = declaredVariables(function);
            JsonNode given = file.path(id);
            if (!names(given).equals(new TreeSet<>(declared.keySet()))) {
                problems.add(id + " declares " + new TreeSet<>(declared.keySet()) + " but " + SAM_ENV + " gives "
                        + names(given));
            }
            declared.forEach((name, value) -> {
                String local = localValue(name, value);
                if (local != null && !local.equals(given.path(name).asText(null))) {
                    problems.add(id + "." + name + " is " + given.path(name) + ", not " + local);
                }
            });
        });
        assertThat(problems).isEmpty();
    }

    /**
     * The authorizer is the published alias SnapStart restores from, named so that sam local start-api finds its
     * function: SAM CLI reads a Lambda ARN, or {@code ${Function.Arn}} in a Fn::Sub, but not {@code Ref:
     * Function.Alias}, whose authorizer it skips.
     */
    @Test
    void theAuthorizerIsThePublishedAliasInAFormSamLocalReads() {
        JsonNode arn = resources("AWS::Serverless::Api").get("TakedownApi")
                .at("/Properties/Auth/Authorizers/ApiKeyAuthorizer/FunctionArn/Fn::Sub");
        String alias = template.path("Globals").path("Function").path("AutoPublishAlias").asText();

        assertThat(alias).isNotEmpty();
        assertThat(arn.path(0).asText()).isEqualTo("${AuthorizerFunction.Arn}:" + alias);
        assertThat(arn.path(1).path("Alias").path("Ref").asText())
                .as("the alias, created before the permission to invoke it").isEqualTo("AuthorizerFunction.Alias");
    }

    @Test
    void intakeEndsBeforeTheLeaseOnANoticeItIsWritingRunsOut() {
        // A retry takes a half-written notice over once the lease runs out: by then its first writer must be gone.
        int timeout = functions().get("IntakeFunction").path("Properties").path("Timeout").asInt();
        assertThat(timeout).isPositive().isLessThan((int) NoticeStore.WRITE_LEASE.toSeconds());
    }

    /** What the env-vars file must give a variable; null where any value will do (a secret). */
    private static String localValue(String name, JsonNode value) {
        switch (name) {
            case "AWS_ENDPOINT_URL_DYNAMODB":
                return "http://host.docker.internal:8000";
            case "AWS_ENDPOINT_URL_SQS":
                return "http://host.docker.internal:9324";
            case "AWS_ENDPOINT_URL_APIGATEWAY":
                return "http://host.docker.internal:3003";
            case "ALLOW_PRIVATE_CALLBACKS":
                return "true";
            default:
                break;
        }
        if (value.has("Fn::If")) {
            return localValue(name, value.path("Fn::If").path(1));
        }
        String ref = value.path("Ref").asText(null);
        if (ref != null && template.path("Resources").path(ref).path("Type").asText().equals("AWS::SQS::Queue")) {
            return "http://host.docker.internal:9324/000000000000/" + ref;
        }
        boolean secret = ref != null && template.path("Parameters").path(ref).path("NoEcho").asBoolean();
        return secret ? null : sampleValue(value).replace("${AWS::StackName}", "local");
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * A plausible value for a declared variable: the parameter's default (a secret without one: any value of its
     * least length), or the referenced resource's name; of a Fn::If, its first choice's.
     */
    private static String sampleValue(JsonNode value) {
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.has("Fn::If")) {
            return sampleValue(value.path("Fn::If").path(1));
        }
        if (value.has("Fn::Sub") && value.path("Fn::Sub").isTextual()) {
            return value.path("Fn::Sub").asText();
        }
        String ref = value.path("Ref").asText(null);
        if (ref != null) {
            JsonNode parameter = template.path("Parameters").path(ref);
            if (!parameter.isMissingNode()) {
                return parameter.has("Default") ? parameter.get("Default").asText()
                        : "s".repeat(Math.max(1, parameter.path("MinLength").asInt()));
            }
            String type = template.path("Resources").path(ref).path("Type").asText();
            return type.equals("AWS::SQS::Queue") ? "http://127.0.0.1:1/000000000000/" + ref : ref;
        }
        return "sample";
    }

    /** The environment handed to a handler, remembering every name the code asked for. */
    static final class RecordingEnvironment extends HashMap<String, String> {
        final Set<String> read = new TreeSet<>();

        @Override
        public String get(Object key) {
            read.add(String.valueOf(key));
            return super.get(key);
        }

        @Override
        public String getOrDefault(Object key, String fallback) {
            read.add(String.valueOf(key));
            return super.getOrDefault(key, fallback);
        }

        @Override
        public boolean containsKey(Object key) {
            read.add(String.valueOf(key));
            return super.containsKey(key);
        }
    }
}
