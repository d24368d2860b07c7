package dev.shirase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.shirase.support.ShiraseProcess;
import dev.shirase.support.TempDirs;
import org.junit.jupiter.api.Test;

/**
 * The container image, built without a Docker engine: the Dockerfile is read, each stage's file system is a folder
 * of its own, every COPY is done as it says (so a file the build needs and no COPY brings in fails here), the build
 * stage's RUN commands run in its folder, then the image stage's `bin/shirase check` runs and the runtime starts to
 * health from the staged /app. What Docker alone does (the base images, apt-get, useradd, chown, the AOT training)
 * is left out; the image's user, health check and AOT training stay as the Dockerfile has them.
 */
class DockerfileIT {

    /** One instruction of the Dockerfile, continuation lines joined. */
    private record Instruction(String keyword, String arguments) {
    }

    @Test
    void theImageBuildsFromWhatItsCopyLinesBringAndStartsToHealth() throws Exception {
        Path repo = Path.of(System.getProperty("user.dir"));
        Path stages = TempDirs.create("shirase-docker");
        try {
            Map<String, Path> roots = new HashMap<>();
            Path root = null;
            Path workdir = null;
            Map<String, String> env = new HashMap<>();
            List<String> imageRuns = new ArrayList<>();
            String stage = null;
            for (Instruction i : instructions(Files.readString(repo.resolve("Dockerfile"), StandardCharsets.UTF_8))) {
                switch (i.keyword()) {
                    case "FROM" -> {
                        String[] words = i.arguments().split("\\s+");
                        stage = words.length >= 3 && words[1].equalsIgnoreCase("AS") ? words[2] : "image";
                        root = Files.createDirectories(stages.resolve(stage));
                        roots.put(stage, root);
                        workdir = root;
                    }
                    case "WORKDIR" -> workdir = Files.createDirectories(inside(root, i.arguments().strip()));
                    case "COPY" -> copy(i.arguments(), repo, roots, root, workdir);
                    case "ENV" -> env.putAll(variables(i.arguments(), root));
                    case "RUN" -> {
                        if (!"image".equals(stage)) {
                            run(i.arguments(), workdir, env);
                        } else {
                            imageRuns.add(i.arguments());
                        }
                    }
                    default -> { } // USER, EXPOSE, HEALTHCHECK, ENTRYPOINT: Docker's own
                }
            }
            Path app = roots.get("image").resolve("app");
            assertTrue(Files.isRegularFile(app.resolve("shirase.jar")), "the image has no jar");

            // the image stage's check, as its RUN line runs it (the rest of that line is Docker's: AOT, chown)
            assertTrue(imageRuns.stream().anyMatch(r -> r.startsWith("bin/shirase check")), imageRuns.toString());
            Map<String, String> runtimeEnv = new HashMap<>(env);
            runtimeEnv.put("JAVA", ShiraseProcess.testJava());
            String check = run("bin/shirase check", app, runtimeEnv);
            assertTrue(check.contains("no problems"), check);

            try (ShiraseProcess shirase = ShiraseProcess.startIn(app, List.of(), runtimeEnv)) {
                assertEquals(200, shirase.awaitHealthy().statusCode(), shirase.log());
                assertTrue(shirase.stop(java.time.Duration.ofSeconds(30)), "did not stop on SIGTERM");
            }
        } finally {
            TempDirs.delete(stages);
        }
    }

    private static List<Instruction> instructions(String dockerfile) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String raw : dockerfile.split("\n")) {
            if (raw.strip().startsWith("#") || (raw.isBlank() && line.isEmpty())) {
                continue;
            }
            if (raw.endsWith("\\")) {
                line.append(raw, 0, raw.length() - 1).append(' ');
                continue;
            }
            line.append(raw);
            String[] parts = line.toString().strip().split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""));
            line.setLength(0);
        }
        return instructions;
    }

    /** COPY [--from=stage] source... destination: from the context (the repository) or an earlier stage. */
    private static void copy(String arguments, Path repo, Map<String, Path> roots, Path root, Path workdir) {
        List<String> words = new ArrayList<>(List.of(arguments.strip().split("\\s+")));
        Path from = repo;
        if (words.get(0).startsWith("--from=")) {
            from = roots.get(words.remove(0).substring("--from=".length()));
        }
        String destination = words.remove(words.size() - 1);
        Path to = (destination.startsWith("/") ? inside(root, destination) : workdir.resolve(destination)).normalize();
        boolean intoFolder = destination.endsWith("/") || destination.equals(".");
        for (String source : words) {
            Path path = source.startsWith("/") ? inside(from, source) : from.resolve(source);
            assertTrue(Files.exists(path), "COPY " + source + ": not there (" + path + ")");
            Path target = Files.isDirectory(path) || !intoFolder ? to : to.resolve(path.getFileName());
            if (Files.isDirectory(path)) {
                TempDirs.copyTree(path, target);
            } else {
                try {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
    }

    /** ENV a=b c=d, with the stage's absolute paths moved into its folder. */
    private static Map<String, String> variables(String arguments, Path root) {
        Map<String, String> env = new HashMap<>();
        for (String pair : arguments.strip().split("\\s+")) {
            String[] kv = pair.split("=", 2);
            env.put(kv[0], kv[1].startsWith("/") ? inside(root, kv[1]).toString() : kv[1]);
        }
        return env;
    }

    private static Path inside(Path root, String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /** A RUN command in its folder; its output, or a failure with it. */
    private static String run(String command, Path directory, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(directory.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "RUN " + command + " did not end");
        assertEquals(0, process.exitValue(), "RUN " + command + " failed in " + directory + ":\n" + output);
        return output;
    }
}
