package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.shirase.support.Fixtures;
import dev.shirase.support.FreePort;
import dev.shirase.support.StandInServer;
import dev.shirase.support.TempDirs;
import org.junit.jupiter.api.Test;

/**
 * The routes load in Camel's own tooling: `camel run routes/*.yaml` with Camel JBang 4.17.0 (its own class path,
 * resolved by Maven in a scratch project), the project's jar as its one dependency (from a file repository, its
 * own dependencies resolved by JBang from Maven Central), and the shipped application.properties. A Clockify
 * event then reaches the Discord stand-in as it does under java -jar.
 */
class CamelJBangIT {

    private static final String VERSION = "0.0.0-jbang-" + System.currentTimeMillis();

    @Test
    void camelJBangRunsTheRoutesWithTheProjectJarAsItsDependency() throws Exception {
        Path scratch = TempDirs.create("shirase-jbang");
        Path ownRepoEntry = Path.of(System.getProperty("user.home"), ".m2", "repository", "dev", "shirase", "shirase",
                VERSION);
        try (StandInServer discord = StandInServer.start()) {
            String classpath = jbangClasspath(scratch.resolve("jbang"));
            Path repo = fileRepository(scratch.resolve("repo"));
            Path work = Files.createDirectories(scratch.resolve("work"));
            TempDirs.copyTree(Path.of("routes"), work.resolve("routes"));
            TempDirs.copyTree(Path.of("templates"), work.resolve("templates"));
            Files.copy(Path.of("application.properties"), work.resolve("application.properties"));
            Path runner = work.resolve("RunCamelJBang.java");
            Files.writeString(runner, "public class RunCamelJBang { public static void main(String[] a) throws Exception {"
                    + " Class.forName(\"org.apache.camel.dsl.jbang.core.commands.CamelJBangMain\")"
                    + ".getMethod(\"run\", String[].class).invoke(null, (Object) a); } }\n");

            List<String> command = new ArrayList<>(List.of(javaBin(), "-cp", classpath, runner.toString(), "run"));
            try (Stream<Path> routes = Files.list(work.resolve("routes"))) {
                routes.map(p -> "routes/" + p.getFileName()).sorted().forEach(command::add);
            }
            command.addAll(List.of("--properties=application.properties", "--repos=" + repo.toUri(),
                    "--dep=dev.shirase:shirase:" + VERSION, "--max-seconds=60"));
            int port = FreePort.find();
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(work.resolve("jbang.log").toFile());
            builder.environment().put("PORT", String.valueOf(port));
            builder.environment().put("CAMEL_SERVER_HOST", "127.0.0.1");
            builder.environment().put("SHIRASE_STORE_URL", "jdbc:sqlite:" + work.resolve("shirase.db"));
            builder.environment().put("CLOCKIFY_DISCORD_WEBHOOK_URL", discord.url("/api/webhooks/5/jbang"));
            builder.environment().put("CLOCKIFY_ALLOW_UNSIGNED", "true");
            Process jbang = builder.start();
            try {
                HttpResponse<String> accepted = postWhenUp(port, Fixtures.read("clockify/clockify-timer-started.json"),
                        jbang, work.resolve("jbang.log"));
                assertEquals(202, accepted.statusCode(), accepted.body());
                assertEquals("{\"content\":\"Hanako Yamada が Acme - Website Weekly report を開始しました.\","
                        + "\"allowed_mentions\":{\"parse\":[]}}",
                        discord.awaitRequests(1, Duration.ofSeconds(20)).get(0).body());
            } finally {
                jbang.destroy();
                jbang.waitFor(30, TimeUnit.SECONDS);
                jbang.destroyForcibly();
            }
            String log = Files.readString(work.resolve("jbang.log"), StandardCharsets.UTF_8);
            assertTrue(log.contains("Apache Camel (JBang) 4.17.0"), log);
            assertTrue(log.contains("Routes startup (total:"), log);
            assertFalse(log.contains(" ERROR "), log);
        } finally {
            TempDirs.delete(scratch);
            TempDirs.delete(ownRepoEntry); // JBang copied the jar into the local repository under this run's version
        }
    }

    /** Camel JBang 4.17.0 and what it needs, resolved by Maven in a scratch project of its own. */
    private static String jbangClasspath(Path project) throws Exception {
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">"
                + "<modelVersion>4.0.0</modelVersion><groupId>scratch</groupId><artifactId>jbang</artifactId>"
                + "<version>1</version><dependencies><dependency><groupId>org.apache.camel</groupId>"
                + "<artifactId>camel-jbang-core</artifactId><version>4.17.0</version></dependency></dependencies>"
                + "</project>\n");
        Process mvn = new ProcessBuilder("mvn", "-q", "-B", "-ntp", "dependency:build-classpath",
                "-Dmdep.outputFile=cp.txt").directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(project.resolve("mvn.log").toFile()).start();
        assertTrue(mvn.waitFor(5, TimeUnit.MINUTES), "resolving Camel JBang took too long");
        assertEquals(0, mvn.exitValue(), Files.readString(project.resolve("mvn.log")));
        return Files.readString(project.resolve("cp.txt")).trim();
    }

    /** A file repository holding target/shirase.jar under this run's version, with its pom and checksums. */
    private static Path fileRepository(Path repo) throws Exception {
        Path dir = Files.createDirectories(repo.resolve("dev/shirase/shirase/" + VERSION));
        Path jar = dir.resolve("shirase-" + VERSION + ".jar");
        Path pom = dir.resolve("shirase-" + VERSION + ".pom");
        Files.copy(Path.of("target/shirase.jar"), jar);
        Files.writeString(pom, Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8)
                .replaceFirst("<version>[^<]+</version>", "<version>" + VERSION + "</version>"), StandardCharsets.UTF_8);
        for (Path file : List.of(jar, pom)) {
            Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file))));
        }
        return repo;
    }

    private static HttpResponse<String> postWhenUp(int port, String body, Process jbang, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/clockify"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(jbang.isAlive(), () -> "Camel JBang stopped:\n" + read(log));
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/observe/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return http.send(post, HttpResponse.BodyHandlers.ofString());
                }
            } catch (IOException notYet) {
                // still starting (JBang downloads the jar's dependencies first)
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Camel JBang did not come up:\n" + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
