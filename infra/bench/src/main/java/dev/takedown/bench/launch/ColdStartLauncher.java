package dev.takedown.bench.launch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Starts one function the way Lambda's Java runtime does on a cold start: builds the handler through its
 * no-argument constructor (its configuration comes from the environment) and hands it one event. It uses
 * nothing but the JDK, so that the JVM loads only the deployment jar besides this class.
 *
 * <p>Arguments: handler class, event file. Prints {@code RESPONSE <bytes>} once the handler has returned.
 */
public final class ColdStartLauncher {
    private static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";

    private ColdStartLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName(args[0]);
        Object handler = type.getConstructor().newInstance();
        Class<?> contextType = Class.forName(CONTEXT);
        Method handle = type.getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try {
            handle.invoke(handler, new ByteArrayInputStream(Files.readAllBytes(Path.of(args[1]))), response,
                    context(contextType));
        } catch (InvocationTargetException e) {
            e.getCause().printStackTrace();
            System.exit(1);
        }
        System.out.println("RESPONSE " + response.size());
        System.out.flush();
        System.err.println(response.toString(StandardCharsets.UTF_8));
        System.exit(0);
    }

    /** A Lambda context with the values the runtime would give; the logger writes to standard error. */
    static Object context(Class<?> contextType) {
        String requestId = UUID.randomUUID().toString();
        long deadline = System.currentTimeMillis() + 30_000;
        return Proxy.newProxyInstance(contextType.getClassLoader(), new Class<?>[] {contextType}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "getAwsRequestId" -> requestId;
                    case "getFunctionName" -> System.getenv("AWS_LAMBDA_FUNCTION_NAME");
                    case "getFunctionVersion" -> "$LATEST";
                    case "getMemoryLimitInMB" -> Integer.parseInt(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));
                    case "getRemainingTimeInMillis" -> (int) (deadline - System.currentTimeMillis());
                    case "getLogger" -> logger(method.getReturnType());
                    case "toString" -> "ColdStartContext";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    private static Object logger(Class<?> loggerType) {
        return Proxy.newProxyInstance(loggerType.getClassLoader(), new Class<?>[] {loggerType}, (proxy, method, args) -> {
            if (method.getName().equals("log") && args != null && args.length > 0) {
                System.err.println(args[0] instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : args[0]);
            }
            return null;
        });
    }
}
