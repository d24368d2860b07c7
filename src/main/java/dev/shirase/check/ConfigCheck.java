package dev.shirase.check;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.shirase.settings.Settings;
import dev.shirase.template.TemplateCheck;

/**
 * {@code bin/shirase check [dir]}: application.properties, routes/ and templates/ checked offline, one line per
 * problem: unknown keys (with a did-you-mean), values ({@link ValueCheck}), a flow that is set up but lacks its
 * secret, templates, and the route files as Camel's own YAML loader reads them ({@link RouteFiles}). Values come
 * from the file, overridden by the environment as at run time.
 */
public final class ConfigCheck {

    private final Path dir;
    private final Map<String, String> env;
    private final Properties settings = new Properties();
    private final List<String> problems = new ArrayList<>();

    ConfigCheck(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.env = env;
    }

    /** Runs the check and prints each problem; 0 when there is none. */
    public static int run(String directory) {
        List<String> problems = new ConfigCheck(Path.of(directory), System.getenv()).check();
        problems.forEach(System.out::println);
        System.out.println(problems.isEmpty() ? "shirase check: no problems" : "shirase check: " + problems.size()
                + " problem(s)");
        return problems.isEmpty() ? 0 : 1;
    }

    List<String> check() {
        Path file = dir.resolve("application.properties");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            settings.load(reader);
        } catch (IOException e) {
            problems.add(file + ": cannot be read: " + e.getMessage());
            return problems;
        }
        RouteFiles routes = RouteFiles.load(dir);
        keys(routes);
        new ValueCheck(dir, this::value, routes.chats(), problems).check(settings.stringPropertyNames());
        secrets();
        templates();
        routes.problems().stream().filter(p -> !problems.contains(p)).forEach(problems::add);
        return problems;
    }

    /**
     * Every key is one Shirase or Camel knows, one of a KPI's or team's own prefix, or one a route file names (a
     * flow of your own: {{github.webhook-secret}}, constant: github.slack-webhook-url).
     */
    private void keys(RouteFiles routes) {
        Set<String> known = Keys.shipped();
        for (String key : new TreeSet<>(settings.stringPropertyNames())) {
            if (known.contains(key) || Keys.OPEN_KEYS.stream().anyMatch(p -> p.matcher(key).matches())
                    || Keys.ownPrefix(key, routes.prefixes(), known) || routes.names(key)) {
                continue;
            }
            problems.add("application.properties: unknown key " + key + Keys.didYouMean(known, key));
        }
        Set<String> keys = new TreeSet<>(known);
        keys.addAll(settings.stringPropertyNames());
        problems.addAll(Keys.unmatchedVariables(env, keys, routes.prefixes()));
    }

    /** A flow that is set up to run but whose secret is missing would refuse every request (503). */
    private void secrets() {
        if (!value("clockify.discord-webhook-url").isEmpty() && value("clockify.webhook-signature").isEmpty()
                && !Boolean.parseBoolean(value("clockify.allow-unsigned"))) {
            problems.add("application.properties: clockify.webhook-signature is empty, so every Clockify webhook gets"
                    + " 503 (or set clockify.allow-unsigned=true behind something that checks callers)");
        }
        boolean uipath = Stream.of("uipath.slack-webhook-url", "uipath.google-chat-webhook-url", "uipath.chatwork.room-id",
                "uipath.backlog.base-url", "uipath.teams-webhook-url", "uipath.email-to")
                .anyMatch(k -> !value(k).isEmpty());
        if (uipath && value("uipath.webhook-secret").isEmpty()
                && !Boolean.parseBoolean(value("uipath.webhook.allow-unsigned"))) {
            problems.add("application.properties: uipath.webhook-secret is empty, so every UiPath webhook gets 503 (or"
                    + " set uipath.webhook.allow-unsigned=true behind something that checks callers)");
        }
        if (!value("twilio.account-sid").isEmpty()) {
            for (String key : List.of("twilio.auth-token", "alert.token", "alert.public-base-url")) {
                if (value(key).isEmpty()) {
                    problems.add("application.properties: " + key + " is empty while twilio.account-sid is set: the"
                            + " alert call answers 503");
                }
            }
        }
    }

    private void templates() {
        Path templates = dir.resolve(value("shirase.templates").isEmpty() ? "templates" : value("shirase.templates"));
        try (Stream<Path> files = Files.walk(templates)) {
            for (Path template : files.filter(p -> p.toString().endsWith(".mustache")).sorted().toList()) {
                problems.addAll(TemplateCheck.check("file:" + template, templates));
            }
        } catch (IOException e) {
            problems.add(templates + ": cannot be read: " + e.getMessage());
        }
    }

    /** The value at run time: the environment's override (Camel's rule), else the file's. */
    private String value(String key) {
        String override = env.get(Settings.envName(key));
        return (override != null ? override : settings.getProperty(key, "")).trim();
    }
}
