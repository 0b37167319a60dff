package dev.takedown.local;

/** Which function's handler runs on the current thread, for attributing AWS calls outside this package. */
public final class RunningFunction {
    private RunningFunction() {
    }

    /** The function's logical id, or null when no handler runs on this thread (a poller, the harness). */
    public static String name() {
        return Functions.currentFunction();
    }
}
