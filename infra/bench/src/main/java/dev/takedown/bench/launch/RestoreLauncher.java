package dev.takedown.bench.launch;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A SnapStart restore, approximated in a fresh JVM: builds the handler through its no-argument constructor as
 * Lambda does (so it registers its CRaC resources, here with {@link dev.takedown.bench.launch.crac.Core}), runs
 * their {@code beforeCheckpoint} hooks through {@code org.crac.Core.checkpointRestore()} when primed, then hands it
 * the same event again and again, each time once the harness says the backends are reset, and times each call.
 * It uses nothing but the JDK and reflection, so that the JVM loads only the deployment jar besides it.
 *
 * <p>Arguments: handler class, event file, {@code primed} or {@code unprimed}, invocations. With the system property
 * {@code takedown.output} it writes the last invocation's answer to that file. Prints
 * {@code BENCH PRIMED <ms>}, then {@code BENCH READY <n>} before each invocation, which it starts on a line on
 * standard input, and {@code BENCH INVOKED <n> <ms>} after it.
 */
public final class RestoreLauncher {
    private static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";

    private RestoreLauncher() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.crac.Core.Compat", "dev.takedown.bench.launch.crac");
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        boolean primed = args[2].equals("primed");
        int invocations = Integer.parseInt(args[3]);

        Class<?> type = Class.forName(args[0]);
        Object handler = type.getConstructor().newInstance();
        long start = System.nanoTime();
        if (primed) {
            Class.forName("org.crac.Core").getMethod("checkpointRestore").invoke(null);
        }
        System.out.println("BENCH PRIMED " + (System.nanoTime() - start) / 1e6);

        Class<?> contextType = Class.forName(CONTEXT);
        Method handle = type.getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
        Object context = ColdStartLauncher.context(contextType);
        BufferedReader go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (int i = 1; i <= invocations; i++) {
            System.out.println("BENCH READY " + i);
            System.out.flush();
            if (go.readLine() == null) {
                System.exit(2);
            }
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            long invoked = System.nanoTime();
            try {
                handle.invoke(handler, new ByteArrayInputStream(event), response, context);
            } catch (InvocationTargetException e) {
                e.getCause().printStackTrace();
                System.exit(1);
            }
            System.out.println("BENCH INVOKED " + i + " " + (System.nanoTime() - invoked) / 1e6);
            System.out.flush();
            if (System.getProperty("takedown.output") != null) {
                Files.write(Path.of(System.getProperty("takedown.output")), response.toByteArray());
            }
        }
        System.exit(0);
    }
}
