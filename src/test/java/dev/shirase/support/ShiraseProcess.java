package dev.shirase.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The README's run command in its own JVM: {@code bin/shirase} (the start command, with its JVM settings) from the
 * repo root on the java running the tests, configured through environment variables only, on a free port, with its store in a fresh temporary directory unless
 * SHIRASE_STORE_URL is given.
 */
public final class ShiraseProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private volatile Process process;
    private final Path output;
    private volatile int port;
    private final Path temp;
    /** How it was started, to start it again on another port (null when the caller chose the port). */
    private final ProcessBuilder restart;

    private ShiraseProcess(Process process, Path output, int port, Path temp, ProcessBuilder restart) {
        this.temp = temp;
        this.process = process;
        this.output = output;
        this.port = port;
        this.restart = restart;
    }

    public static String freshStoreUrl() {
        return RunningShirase.Builder.freshStoreUrl();
    }

    /** The java running the tests: the one bin/shirase is started with unless a test names another. */
    public static String testJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static ShiraseProcess start(Map<String, String> env, String... jvmArgs) {
        return startWith(List.of(), env, jvmArgs);
    }

    /** Runs bin/shirase through a wrapper command (e.g. one that mounts a small file system first). */
    public static ShiraseProcess startWith(List<String> wrapper, Map<String, String> env, String... jvmArgs) {
        return startIn(Path.of(System.getProperty("user.dir")), wrapper, env, jvmArgs);
    }

    /** Runs {@code directory}/bin/shirase in {@code directory} (a staged container layout, say). */
    public static ShiraseProcess startIn(Path directory, List<String> wrapper, Map<String, String> env,
            String... jvmArgs) {
        try {
            int port = FreePort.find();
            Path output = Files.createTempFile("shirase-process", ".log");
            List<String> command = new java.util.ArrayList<>(wrapper);
            command.add("bin/shirase");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            Map<String, String> all = new HashMap<>();
            all.put("JAVA", testJava());
            // a temp directory of its own: what it leaves there is its own, and nothing another program puts in the
            // machine's /tmp can be taken for it
            Path temp = TempDirs.create("shirase-jvm");
            List<String> options = new java.util.ArrayList<>(List.of("-Djava.io.tmpdir=" + temp));
            options.addAll(List.of(jvmArgs)); // on top of bin/shirase's JVM settings
            all.put("JAVA_TOOL_OPTIONS", String.join(" ", options));
            all.put("PORT", String.valueOf(port));
            all.put("SHIRASE_STORE_URL", freshStoreUrl());
            all.putAll(env);
            builder.environment().putAll(all);
            return new ShiraseProcess(builder.start(), output, Integer.parseInt(all.get("PORT")), temp,
                    env.containsKey("PORT") ? null : builder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The process's own temp directory (java.io.tmpdir), removed when it is closed. */
    public Path tempDirectory() {
        return temp;
    }

    public Process process() {
        return process;
    }

    public String log() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> awaitHealthy() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int restarts = 0;
        while (System.nanoTime() < deadline && (process.isAlive() || restarts < 3 && portTaken())) {
            if (!process.isAlive()) {
                restarts++;
                startAgainOnAnotherPort();
            }
            try {
                HttpResponse<String> health = get("/observe/health");
                if (health.statusCode() == 200) {
                    return health;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never healthy; output:\n" + log());
    }

    /** It ended because its port was taken (and the test let it choose the port). */
    private boolean portTaken() {
        return restart != null && !process.isAlive() && log().contains("cannot listen on");
    }

    /**
     * Another program took the free port between the test choosing it and the runtime binding it: the runtime is
     * started again on another one, and the test's output says so (CI is not red for what another program did).
     */
    private void startAgainOnAnotherPort() {
        int taken = port;
        int next = FreePort.find();
        System.err.println("ShiraseProcess: port " + taken + " was taken by another program before the runtime"
                + " bound it; starting it again on port " + next);
        restart.environment().put("PORT", String.valueOf(next));
        try {
            process = restart.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = next;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build());
    }

    public HttpResponse<String> postJson(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed on the way out. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the process to end; false if it did not within the time. */
    public boolean stop(Duration wait) throws InterruptedException {
        process.destroy();
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        TempDirs.delete(temp);
        try {
            Files.deleteIfExists(output);
        } catch (IOException e) {
            // a temp file: leave it
        }
    }
}
