package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.takedown.local.testing.KeyAuthorizer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiGatewayTest {
    private static final String TEMPLATE = """
            Parameters:
              StageName:
                Type: String
                Default: test
            Globals:
              Function:
                Timeout: 2
                Environment:
                  Variables:
                    GLOBAL_VAR: from-globals
                    SHADOWED: from-globals
            Resources:
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName:
                    Ref: StageName
                  BinaryMediaTypes: ["image~1*", "application~1octet-stream"]
                  Auth:
                    DefaultAuthorizer: KeyAuth
                    Authorizers:
                      KeyAuth:
                        FunctionArn:
                          Fn::GetAtt: [AuthFunction, Arn]
                        FunctionPayloadType: REQUEST
                        Identity:
                          Headers: [Authorization]
                          ReauthorizeEvery: 0
                  GatewayResponses:
                    UNAUTHORIZED:
                      StatusCode: 401
                      ResponseParameters:
                        Headers:
                          Content-Type: "'application/problem+json'"
                          WWW-Authenticate: "'Bearer'"
                      ResponseTemplates:
                        application/json: '{"title":"Unauthorized","status":401}'
                    MISSING_AUTHENTICATION_TOKEN:
                      StatusCode: 404
                      ResponseParameters:
                        Headers:
                          Content-Type: "'application/problem+json'"
                      ResponseTemplates:
                        application/json: '{"title":"Not Found","status":404}'
                    DEFAULT_4XX:
                      ResponseTemplates:
                        application/json: '{"error":$context.error.messageString}'
              AuthFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.takedown.local.testing.KeyAuthorizer::handleRequest
              EchoFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.takedown.local.testing.EchoHandler::handleRequest
                  Environment:
                    Variables:
                      SHADOWED: from-function
                      TABLE:
                        Ref: ItemsTable
                      QUEUE_URL:
                        Ref: WorkQueue
                      QUEUE_ARN:
                        Fn::GetAtt: [WorkQueue, Arn]
                      STAGE:
                        Ref: StageName
                  Events:
                    ListItems:
                      Type: Api
                      Properties:
                        RestApiId:
                          Ref: Api
                        Path: /items
                        Method: get
                    ItemsOther:
                      Type: Api
                      Properties:
                        RestApiId:
                          Ref: Api
                        Path: /items
                        Method: any
                    Item:
                      Type: Api
                      Properties:
                        RestApiId:
                          Ref: Api
                        Path: /items/{id}
                        Method: get
                    Files:
                      Type: Api
                      Properties:
                        RestApiId:
                          Ref: Api
                        Path: /files/{path+}
                        Method: get
                    Echo:
                      Type: Api
                      Properties:
                        RestApiId:
                          Ref: Api
                        Path: /echo
                        Method: post
                    Public:
                      Type: Api
                      Properties:
                        RestApiId:
                          Ref: Api
                        Path: /public/{what}
                        Method: get
                        Auth:
                          Authorizer: NONE
              ItemsTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  AttributeDefinitions:
                    - AttributeName: id
                      AttributeType: S
                  KeySchema:
                    - AttributeName: id
                      KeyType: HASH
              WorkQueue:
                Type: AWS::SQS::Queue
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static LocalStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
        stack = LocalStack.start(LocalStack.Options.forTemplate(template));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void passesTheProxyEventWithTheAuthorizerContext() throws Exception {
        HttpResponse<String> response = send(request("/items/a%20b?tag=x&tag=y+z&single=1")
                .header("Authorization", "Bearer good").header("X-Custom-Header", "v1"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.headers().allValues("X-Multi")).containsExactly("one", "two");
        JsonNode event = JSON.readTree(response.body());
        assertThat(event.path("resource").asText()).isEqualTo("/items/{id}");
        assertThat(event.path("path").asText()).isEqualTo("/items/a b");
        assertThat(event.path("httpMethod").asText()).isEqualTo("GET");
        assertThat(event.path("pathParameters").path("id").asText()).isEqualTo("a b");
        assertThat(event.path("queryStringParameters").path("tag").asText()).isEqualTo("y z");
        assertThat(event.path("multiValueQueryStringParameters").path("tag")).extracting(JsonNode::asText)
                .containsExactly("x", "y z");
        assertThat(event.path("headers").path("X-Custom-Header").asText()).isEqualTo("v1");
        assertThat(event.path("multiValueHeaders").path("Authorization").get(0).asText()).isEqualTo("Bearer good");
        assertThat(event.path("stageVariables").isNull()).isTrue();
        assertThat(event.path("body").isNull()).isTrue();
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
        JsonNode context = event.path("requestContext");
        assertThat(context.path("resourcePath").asText()).isEqualTo("/items/{id}");
        assertThat(context.path("path").asText()).isEqualTo("/test/items/a b");
        assertThat(context.path("stage").asText()).isEqualTo("test");
        assertThat(context.path("requestId").asText()).isEqualTo(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
        assertThat(context.path("requestTimeEpoch").asLong()).isPositive();
        assertThat(context.path("identity").path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(context.path("authorizer").path("rightholderId").asText()).isEqualTo("acme");
        assertThat(context.path("authorizer").path("weight").asText()).isEqualTo("3");
        assertThat(context.path("authorizer").path("principalId").asText()).isEqualTo("user-1");
    }

    @Test
    void givesTheAuthorizerARequestEvent() throws Exception {
        send(request("/items/42?q=1").header("Authorization", "Bearer good"));
        JsonNode event = KeyAuthorizer.lastEvent;
        assertThat(event.path("type").asText()).isEqualTo("REQUEST");
        assertThat(event.path("methodArn").asText())
                .isEqualTo("arn:aws:execute-api:us-east-1:000000000000:local/test/GET/items/42");
        assertThat(event.path("resource").asText()).isEqualTo("/items/{id}");
        assertThat(event.path("pathParameters").path("id").asText()).isEqualTo("42");
        assertThat(event.path("queryStringParameters").path("q").asText()).isEqualTo("1");
        assertThat(event.path("requestContext").path("stage").asText()).isEqualTo("test");
    }

    @Test
    void givesFunctionsTheirResolvedEnvironment() throws Exception {
        assertThat(header("GLOBAL_VAR")).isEqualTo("from-globals");
        assertThat(header("SHADOWED")).isEqualTo("from-function");
        assertThat(header("TABLE")).isEqualTo("ItemsTable");
        assertThat(header("QUEUE_URL")).isEqualTo(stack.queueUrl("WorkQueue")).endsWith("/WorkQueue");
        assertThat(header("QUEUE_ARN")).isEqualTo("arn:aws:sqs:us-east-1:000000000000:WorkQueue");
        assertThat(header("STAGE")).isEqualTo("test");
        assertThat(header("AWS_ENDPOINT_URL_DYNAMODB")).isEqualTo(stack.dynamoEndpoint().toString());
        assertThat(header("AWS_ENDPOINT_URL_SQS")).isEqualTo(stack.sqsEndpoint().toString());
        assertThat(header("AWS_LAMBDA_FUNCTION_NAME")).isEqualTo("EchoFunction");
        assertThat(header("ALLOW_PRIVATE_CALLBACKS")).isEqualTo("true");
    }

    private String header(String variable) throws Exception {
        return send(request("/items?env=" + variable).header("Authorization", "Bearer good"))
                .headers().firstValue("X-Env").orElseThrow();
    }

    @Test
    void refusesMissingOrUnknownKeysWithTheUnauthorizedResponse() throws Exception {
        int calls = KeyAuthorizer.CALLS.get();
        HttpResponse<String> missing = send(request("/items"));
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(missing.body()).isEqualTo("{\"title\":\"Unauthorized\",\"status\":401}");
        assertThat(KeyAuthorizer.CALLS.get()).as("authorizer not called without the header").isEqualTo(calls);

        assertThat(send(request("/items").header("Authorization", "Bearer wrong")).statusCode()).isEqualTo(401);
        assertThat(KeyAuthorizer.CALLS.get()).isEqualTo(calls + 1);
    }

    @Test
    void deniesWhenThePolicyDoesNotAllowTheMethod() throws Exception {
        HttpResponse<String> denied = send(request("/items").header("Authorization", "Bearer deny"));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).isEqualTo(
                "{\"error\":\"User is not authorized to access this resource with an explicit deny\"}");
        HttpResponse<String> elsewhere = send(request("/items").header("Authorization", "Bearer elsewhere"));
        assertThat(elsewhere.statusCode()).isEqualTo(403);
    }

    @Test
    void answers500WhenTheAuthorizerFails() throws Exception {
        for (String key : new String[] {"Bearer broken", "Bearer nested"}) {
            HttpResponse<String> response = send(request("/items").header("Authorization", key));
            assertThat(response.statusCode()).as(key).isEqualTo(500);
            assertThat(response.body()).as(key).isEqualTo("{\"message\":null}");
        }
    }

    @Test
    void skipsTheAuthorizerOnOpenRoutes() throws Exception {
        HttpResponse<String> response = send(request("/public/hello"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("requestContext").has("authorizer")).isFalse();
    }

    @Test
    void answersTheMissingTokenResponseForUnknownRoutesAndMethods() throws Exception {
        HttpResponse<String> unknown = send(request("/nothing/here").header("Authorization", "Bearer good"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"title\":\"Not Found\",\"status\":404}");
        HttpResponse<String> wrongMethod = send(request("/items/1").header("Authorization", "Bearer good")
                .DELETE());
        assertThat(wrongMethod.statusCode()).isEqualTo(404);
        HttpResponse<String> viaAny = send(request("/items").header("Authorization", "Bearer good").DELETE());
        assertThat(viaAny.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(viaAny.body()).path("resource").asText()).isEqualTo("/items");
    }

    /** Base64 for the binary media types, matched on Content-Type; text, decoded as UTF-8, for the others. */
    @Test
    void passesBodiesAsTextOrBase64AsTheBinaryMediaTypesSay() throws Exception {
        HttpResponse<String> text = send(request("/echo").header("Authorization", "Bearer good")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"ä\":1}")));
        JsonNode event = JSON.readTree(text.body());
        assertThat(event.path("body").asText()).isEqualTo("{\"ä\":1}");
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();

        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe};
        for (String contentType : new String[] {"image/png", "IMAGE/webp", "application/octet-stream; x=y"}) {
            HttpResponse<String> binary = send(request("/echo").header("Authorization", "Bearer good")
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(notUtf8)));
            event = JSON.readTree(binary.body());
            assertThat(event.path("body").asText()).as(contentType).isEqualTo("//4=");
            assertThat(event.path("isBase64Encoded").asBoolean()).as(contentType).isTrue();
        }
        for (String contentType : new String[] {"text/plain", "application/json", null}) {
            HttpRequest.Builder request = request("/echo").header("Authorization", "Bearer good");
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            event = JSON.readTree(send(request.POST(HttpRequest.BodyPublishers.ofByteArray(notUtf8))).body());
            assertThat(event.path("body").asText()).as(contentType).isEqualTo("\ufffd\ufffd");
            assertThat(event.path("isBase64Encoded").asBoolean()).as(contentType).isFalse();
        }
    }

    @Test
    void refusesBodiesOverTenMebibytes() throws Exception {
        HttpResponse<String> response = send(request("/echo").header("Authorization", "Bearer good")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[ApiGateway.MAX_BODY_BYTES + 1])));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"error\":\"Request Too Long\"}");
    }

    @Test
    void matchesGreedyPaths() throws Exception {
        HttpResponse<String> response = send(request("/files/a/b/c.txt").header("Authorization", "Bearer good"));
        assertThat(JSON.readTree(response.body()).path("pathParameters").path("path").asText()).isEqualTo("a/b/c.txt");
    }

    @Test
    void mapsFunctionFailuresTo502() throws Exception {
        for (String path : new String[] {"/files/throw", "/files/malformed", "/files/slow"}) {
            HttpResponse<String> response = send(request(path).header("Authorization", "Bearer good"));
            assertThat(response.statusCode()).as(path).isEqualTo(502);
            assertThat(response.body()).as(path).isEqualTo("{\"message\": \"Internal server error\"}");
        }
    }

    @Test
    void decodesBase64ResponseBodies() throws Exception {
        HttpResponse<byte[]> response = http.send(request("/files/binary").header("Authorization", "Bearer good")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.body()).containsExactly((byte) 0xff, 0, 1);
    }

    @Test
    void servesTheLambdaInvokeApi() throws Exception {
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(
                        stack.lambdaUrl().resolve("/2015-03-31/functions/EchoFunction/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"/x\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).path("statusCode").asInt()).isEqualTo(200);

        HttpResponse<String> failed = http.send(HttpRequest.newBuilder(
                        stack.lambdaUrl().resolve("/2015-03-31/functions/EchoFunction/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"/throw\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.headers().firstValue("X-Amz-Function-Error")).hasValue("Unhandled");
        assertThat(JSON.readTree(failed.body()).path("errorMessage").asText()).isEqualTo("failing on purpose");

        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(
                        stack.lambdaUrl().resolve("/2015-03-31/functions/NoSuchFunction/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
    }

    /** A web page's cross-origin request, even a "simple" text/plain POST, never reaches a function. */
    @Test
    void theLambdaInvokeApiRefusesRequestsFromBrowsers() throws Exception {
        for (String origin : new String[] {"https://evil.example", "null", "http://127.0.0.1:3000"}) {
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(
                            stack.lambdaUrl().resolve("/2015-03-31/functions/EchoFunction/invocations"))
                    .header("Origin", origin).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"/throw\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(origin).isEqualTo(403);
            assertThat(refused.headers().firstValue("X-Amz-Function-Error")).isEmpty();
            assertThat(refused.body()).doesNotContain("failing on purpose");
        }
        // The REST API stays as API Gateway is: an Origin header changes nothing there.
        HttpResponse<String> api = send(request("/echo").header("Authorization", "Bearer good")
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(api.statusCode()).isEqualTo(200);
    }

    @Test
    void withoutATestClockThereIsNoClockRoute() throws Exception {
        HttpResponse<String> clock = http.send(HttpRequest.newBuilder(stack.lambdaUrl().resolve("/local/clock")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(clock.statusCode()).isEqualTo(404);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(stack.apiUrl() + pathAndQuery));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
