package dev.shirase.store;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Start-up work that can run beside the building of the routes: on a daemon thread of its own, named. */
public final class InBackground {

    private InBackground() {
    }

    /** Runs {@code work} on thread {@code shirase-<name>}; the future holds its result, or what it threw. */
    public static <T> CompletableFuture<T> start(String name, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, "shirase-" + name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }
}
