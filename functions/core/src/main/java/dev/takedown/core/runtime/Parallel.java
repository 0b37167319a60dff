package dev.takedown.core.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs independent pieces of work side by side: requests that wait on the network, not the CPU, so a few
 * threads pay off even on a one-vCPU function. Threads are made per call (cheap next to a network round
 * trip), so they start with the caller's inheritable context and none outlive the request.
 */
public final class Parallel {
    private static final int THREADS = 8;

    private Parallel() {
    }

    /** Applies {@code action} to every task and returns when all are done; the first failure is rethrown. */
    public static <T> void run(List<T> tasks, Consumer<T> action) {
        map(tasks, task -> {
            action.accept(task);
            return null;
        });
    }

    /** {@code function} of every task, in the tasks' order, once all are done; the first failure is rethrown. */
    public static <T, R> List<R> map(List<T> tasks, Function<T, R> function) {
        if (tasks.size() <= 1) {
            return tasks.stream().map(function).toList();
        }
        ExecutorService executor = Executors.newFixedThreadPool(Math.min(THREADS, tasks.size()));
        try {
            List<CompletableFuture<R>> running = new ArrayList<>(tasks.size());
            for (T task : tasks) {
                running.add(CompletableFuture.supplyAsync(() -> function.apply(task), executor));
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
            return running.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        } finally {
            executor.shutdown();
        }
    }
}
