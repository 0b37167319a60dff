package dev.takedown.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The template's functions, each one handler instance built on first use with the environment the template
 * declares plus the local endpoints, and invoked with its timeout like Lambda would.
 */
final class Functions implements AutoCloseable {

    /** What one invocation gave: the handler's output, or the error Lambda would report. */
    record Invocation(String requestId, byte[] output, String errorType, String errorMessage, List<String> stackTrace) {
        boolean failed() {
            return errorType != null;
        }
    }

    /**
     * The function whose handler runs on this thread, so that tests can attribute its AWS calls; inherited by
     * the threads a handler starts for parallel requests.
     */
    private static final ThreadLocal<String> CURRENT = new InheritableThreadLocal<>();
    /** The request id of the invocation running on this thread, so that tests can tell invocations apart. */
    private static final ThreadLocal<String> CURRENT_REQUEST = new InheritableThreadLocal<>();

    private final Map<String, FunctionDef> definitions = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();
    private final Map<String, RequestStreamHandler> handlers = new ConcurrentHashMap<>();
    private final ExecutorService invocations;
    private final Clock clock;

    /** @param clock given to the handlers that take one (see {@link LocalStack.Options#clock()}); null for none */
    Functions(Template template, References references, Map<String, String> localEnvironment, Clock clock) {
        this.clock = clock;
        for (FunctionDef function : template.functions()) {
            definitions.put(function.logicalId(), function);
            Map<String, String> environment = new LinkedHashMap<>();
            function.environment().forEach((name, value) ->
                    environment.put(name, references.resolve(value, function.logicalId() + ".Environment." + name)));
            environment.putAll(localEnvironment);
            environment.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
            environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySizeMb()));
            environments.put(function.logicalId(), Map.copyOf(environment));
        }
        AtomicInteger threads = new AtomicInteger();
        invocations = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "lambda-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    static String currentFunction() {
        return CURRENT.get();
    }

    static String currentRequestId() {
        return CURRENT_REQUEST.get();
    }

    /** The environment the function's handler is built with: the template's variables plus the local endpoints. */
    Map<String, String> environment(String functionId) {
        return environments.get(functionId);
    }

    boolean exists(String functionId) {
        return definitions.containsKey(functionId);
    }

    FunctionDef definition(String functionId) {
        FunctionDef function = definitions.get(functionId);
        if (function == null) {
            throw new IllegalArgumentException("no function " + functionId + " in the template");
        }
        return function;
    }

    /** Handler classes that are not on the classpath: their functions fail on every invocation. */
    List<String> missingHandlers() {
        return definitions.values().stream()
                .filter(f -> !loadable(f.handlerClass()))
                .map(f -> f.logicalId() + " (" + f.handlerClass() + ")")
                .toList();
    }

    Invocation invoke(String functionId, byte[] event) {
        FunctionDef function = definition(functionId);
        String requestId = UUID.randomUUID().toString();
        long deadline = System.currentTimeMillis() + function.timeoutSeconds() * 1000L;
        Future<byte[]> result = invocations.submit(() -> {
            CURRENT.set(functionId);
            CURRENT_REQUEST.set(requestId);
            try {
                RequestStreamHandler handler = handlers.computeIfAbsent(functionId, id -> instantiate(function));
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                handler.handleRequest(new ByteArrayInputStream(event), output, new LambdaContext(requestId, function, deadline));
                return output.toByteArray();
            } finally {
                CURRENT.remove();
                CURRENT_REQUEST.remove();
            }
        });
        try {
            return new Invocation(requestId, result.get(function.timeoutSeconds(), TimeUnit.SECONDS), null, null, List.of());
        } catch (TimeoutException e) {
            result.cancel(true);
            String message = "Task timed out after " + function.timeoutSeconds() + ".00 seconds";
            log(functionId, requestId, message);
            return new Invocation(requestId, null, "TimeoutError", message, List.of());
        } catch (ExecutionException e) {
            Throwable error = e.getCause() instanceof FunctionSetupException setup ? setup.getCause() : e.getCause();
            log(functionId, requestId, "failed: " + error);
            error.printStackTrace();
            return new Invocation(requestId, null, error.getClass().getName(), error.getMessage(),
                    Arrays.stream(error.getStackTrace()).map(StackTraceElement::toString).toList());
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            return new Invocation(requestId, null, "Interrupted", "the local stack is stopping", List.of());
        }
    }

    private RequestStreamHandler instantiate(FunctionDef function) {
        String where = function.logicalId() + ": handler " + function.handlerClass();
        try {
            Class<?> type = Class.forName(function.handlerClass(), true, Functions.class.getClassLoader());
            if (!RequestStreamHandler.class.isAssignableFrom(type)) {
                throw new IllegalStateException(where + " does not implement RequestStreamHandler");
            }
            Map<String, String> environment = environments.get(function.logicalId());
            if (clock != null && takesClock(type)) {
                return (RequestStreamHandler) type.getConstructor(Map.class, Clock.class).newInstance(environment, clock);
            }
            Constructor<?> constructor = type.getConstructor(Map.class);
            return (RequestStreamHandler) constructor.newInstance(environment);
        } catch (ClassNotFoundException e) {
            throw new FunctionSetupException(new IllegalStateException(where + " is not on the classpath", e));
        } catch (NoSuchMethodException e) {
            throw new FunctionSetupException(new IllegalStateException(
                    where + " has no public constructor taking its environment (Map<String, String>)", e));
        } catch (InvocationTargetException e) {
            throw new FunctionSetupException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new FunctionSetupException(new IllegalStateException(where + " cannot be built: " + e, e));
        }
    }

    private static boolean takesClock(Class<?> type) {
        try {
            type.getConstructor(Map.class, Clock.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, Functions.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static void log(String functionId, String requestId, String message) {
        System.err.println(functionId + " | invocation " + requestId + " " + message);
    }

    @Override
    public void close() {
        invocations.shutdownNow();
    }

    /** Carries a failure to build the handler out of computeIfAbsent, so the next invocation tries again. */
    private static final class FunctionSetupException extends RuntimeException {
        FunctionSetupException(Throwable cause) {
            super(cause);
        }
    }
}
