package dev.shirase.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.shirase.template.TemplateCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.quartz.CronExpression;

/**
 * {@code bin/shirase check [dir]}: application.properties, routes/ and templates/ checked offline, one line per
 * problem: unknown keys (with a did-you-mean), cron expressions, E.164 numbers, URLs, sizes in bytes, a flow that
 * is set up but lacks its secret, templates, and the route files as Camel's own YAML parser reads them. Values come
 * from the file, overridden by the environment as at run time.
 */
public final class ConfigCheck {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
    /** The chats a timeline or the ops notices can go to. */
    private static final List<String> CHANNELS = List.of("slack", "discord", "google-chat", "teams", "chatwork");
    private static final Pattern SETTINGS_PARAMETER = Pattern.compile(
            "- name: settings\\s*\\n\\s*value: ([A-Za-z0-9.-]+)");
    /** Keys whose names are open: a channel's rate, a tier, a priority's weight, Camel's own, the mail account. */
    private static final List<Pattern> OPEN_KEYS = List.of(Pattern.compile("camel\\..+"),
            Pattern.compile("shirase\\.delivery\\.rate\\.[a-z0-9-]+"), Pattern.compile("alert\\.tiers\\.\\d+"),
            Pattern.compile("issue-index\\.weights\\.[a-z0-9-]+"), Pattern.compile("shirase\\.mail\\.(username|password)"));

    /** The language settings and the template folder of the flow each names (templates/&lt;flow&gt;/&lt;language&gt;/). */
    private static final Map<String, String> LANGUAGE_FOLDERS = Map.of("clockify.language", "clockify-discord",
            "kpi.language", "kpi-progress", "issue-index.language", "issue-index", "uipath.language", "uipath-jobs",
            "alert.language", "alert-call", "shirase.ops.language", "ops");
    /** The keys whose shipped value is a duration (10m, 5s, 90d): a value there must be one too. */
    private static final Set<String> SHIPPED_DURATIONS = durations();

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
        // the check's own lines only: Camel and the beans the route files declare log at INFO and WARN
        System.setProperty("shirase.quiet", "ERROR");
        dev.shirase.LogLines.configure();
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
        keys();
        values();
        secrets();
        templates();
        routes();
        return problems;
    }

    /**
     * Every key is one Shirase or Camel knows, one of a KPI's or team's own prefix, or one a route file names (a
     * flow of your own: {{github.webhook-secret}}, destination=github.slack-webhook-url).
     */
    private void keys() {
        Set<String> known = shippedKeys();
        Set<String> prefixes = new LinkedHashSet<>();
        StringBuilder routeFiles = new StringBuilder();
        try (Stream<Path> routes = Files.list(dir.resolve("routes"))) {
            for (Path route : routes.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(route, StandardCharsets.UTF_8);
                routeFiles.append(text).append('\n');
                Matcher m = SETTINGS_PARAMETER.matcher(text);
                while (m.find()) {
                    prefixes.add(m.group(1));
                }
            }
        } catch (IOException e) {
            problems.add(dir.resolve("routes") + ": cannot be read: " + e.getMessage());
        }
        for (String key : new TreeSet<>(settings.stringPropertyNames())) {
            if (known.contains(key) || OPEN_KEYS.stream().anyMatch(p -> p.matcher(key).matches())
                    || ownPrefix(key, prefixes, known) || namedIn(routeFiles, key)) {
                continue;
            }
            String nearest = known.stream().min(Comparator.comparingInt(k -> distance(k, key))).orElse("");
            problems.add("application.properties: unknown key " + key
                    + (distance(nearest, key) <= 3 ? " (did you mean " + nearest + "?)" : ""));
        }
        Set<String> keys = new TreeSet<>(known);
        keys.addAll(settings.stringPropertyNames());
        problems.addAll(unmatchedVariables(env, keys, prefixes));
    }

    /** Variables of bin/shirase itself, which read like settings but are not. */
    private static final Set<String> SCRIPT_VARIABLES = Set.of("SHIRASE_JAR", "SHIRASE_AOT_CACHE",
            "SHIRASE_AOT_TRAINING");

    /**
     * The environment variables that look like a Shirase setting (they start as one of the keys does: KPI_,
     * CLOCKIFY_, ISSUE_INDEX_, ...) but set none: no key reads as them by Camel's rule, and none of the families
     * whose names the user makes up (a priority's weight, a channel's rate, a tier, a KPI's or team's own key) takes
     * them. Silently ignored otherwise: a typo in a container's environment would change nothing and say nothing.
     * Used by bin/shirase check and at start.
     */
    public static List<String> unmatchedVariables(Map<String, String> env, Set<String> keys, Set<String> prefixes) {
        Set<String> envKeys = new java.util.HashSet<>();
        Set<String> starts = new TreeSet<>();
        for (String key : keys) {
            envKeys.add(dev.shirase.settings.Settings.envName(key));
            String first = key.split("\\.")[0];
            if (!first.equals("camel")) {
                starts.add(dev.shirase.settings.Settings.envName(first) + "_");
            }
        }
        List<String> unmatched = new ArrayList<>();
        for (String name : new TreeSet<>(env.keySet())) {
            if (starts.stream().noneMatch(name::startsWith) || envKeys.contains(name) || SCRIPT_VARIABLES.contains(name)
                    || OPEN_VARIABLES.stream().anyMatch(p -> p.matcher(name).matches())
                    || ownPrefixVariable(name, prefixes, envKeys)) {
                continue;
            }
            String nearest = envKeys.stream().min(Comparator.comparingInt(k -> distance(k, name))).orElse("");
            unmatched.add("environment: " + name + " sets no setting"
                    + (distance(nearest, name) <= 3 ? " (did you mean " + nearest + "?)" : ""));
        }
        return unmatched;
    }

    /** The open key families, as environment variables. */
    private static final List<Pattern> OPEN_VARIABLES = List.of(Pattern.compile("SHIRASE_DELIVERY_RATE_[A-Z0-9_]+"),
            Pattern.compile("ALERT_TIERS_\\d+"), Pattern.compile("ISSUE_INDEX_WEIGHTS_[A-Z0-9_]+"),
            Pattern.compile("SHIRASE_MAIL_(USERNAME|PASSWORD)"));

    /** KPI_SIGNUPS_LABEL for a KPI whose prefix is kpi.signups; ISSUE_INDEX_BILLING_WEIGHTS_HIGH for a team. */
    private static boolean ownPrefixVariable(String name, Set<String> prefixes, Set<String> envKeys) {
        for (String prefix : prefixes) {
            String start = dev.shirase.settings.Settings.envName(prefix) + "_";
            if (name.startsWith(start)) {
                String rest = name.substring(start.length());
                if (envKeys.contains("KPI_" + rest) || envKeys.contains("ISSUE_INDEX_" + rest)
                        || envKeys.contains("ISSUE_INDEX_CUSTOMER_" + rest) || rest.startsWith("WEIGHTS_")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The key as a whole word of a route file: not a part of a longer key. */
    private static boolean namedIn(CharSequence routeFiles, String key) {
        return Pattern.compile("(?<![A-Za-z0-9._-])" + Pattern.quote(key) + "(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])")
                .matcher(routeFiles).find();
    }

    /** kpi.signups.label for a KPI whose prefix is kpi.signups; issue-index.billing.schedule for a team. */
    private static boolean ownPrefix(String key, Set<String> prefixes, Set<String> known) {
        for (String prefix : prefixes) {
            if (key.startsWith(prefix + ".")) {
                String rest = key.substring(prefix.length() + 1);
                if (known.contains("kpi." + rest) || known.contains("issue-index." + rest)
                        || known.contains("issue-index.customer." + rest) || rest.startsWith("weights.")) {
                    return true;
                }
            }
        }
        return false;
    }

    private void values() {
        for (String key : new TreeSet<>(settings.stringPropertyNames())) {
            String value = value(key);
            if (value.isEmpty() || value.contains("{{")) {
                continue;
            }
            if (key.endsWith(".schedule") && !CronExpression.isValidExpression(value)) {
                problems.add("application.properties: " + key + " is not a Quartz cron expression (second minute hour"
                        + " day-of-month month day-of-week): " + value);
            }
            if (key.endsWith("-bytes") && !value.matches("\\d+")) {
                problems.add("application.properties: " + key + " is " + value + ", not a whole number of bytes"
                        + " (2097152 for 2 MiB)");
            }
            if ((key.equals("alert.timeline.channel") || key.equals("shirase.ops.channel"))
                    && !CHANNELS.contains(value)) {
                problems.add("application.properties: " + key + " is " + value + ", not one of " + CHANNELS);
            }
            if (key.equals("shirase.store.url")) {
                if (!value.startsWith("jdbc:sqlite:") && !value.startsWith("jdbc:postgresql:")) {
                    problems.add("application.properties: shirase.store.url is neither jdbc:sqlite: nor"
                            + " jdbc:postgresql: (the URL may hold a password, so it is not printed)");
                }
            } else if ((key.endsWith("-url") || key.endsWith(".url")) && !key.endsWith("allow-token-in-url")
                    && !httpUrl(value)) {
                // the value is not printed: a webhook URL carries its token
                problems.add("application.properties: " + key + " is not an http(s) URL (https://host/...)");
            }
            if (SHIPPED_DURATIONS.contains(key) || key.endsWith(".every")) {
                try {
                    dev.shirase.settings.Durations.parse(key, value);
                } catch (IllegalArgumentException e) {
                    problems.add("application.properties: " + e.getMessage());
                }
            }
            if (key.equals("shirase.delivery.retry-schedule") || key.equals("shirase.delivery.give-up-after")) {
                try {
                    dev.shirase.delivery.RetrySchedule.parse(value("shirase.delivery.retry-schedule"),
                            value("shirase.delivery.give-up-after"));
                } catch (RuntimeException e) {
                    String problem = "application.properties: " + e.getMessage();
                    if (!problems.contains(problem)) {
                        problems.add(problem);
                    }
                }
            }
            String flow = LANGUAGE_FOLDERS.get(key);
            if (flow != null && !Files.isDirectory(dir.resolve("templates").resolve(flow).resolve(value))) {
                problems.add("application.properties: " + key + " is " + value + ", but there is no templates/" + flow
                        + "/" + value + "/ (the wording in that language)");
            }
            if (key.equals("alert.numbers") || key.equals("alert.allowed-numbers") || key.startsWith("alert.tiers.")
                    || key.equals("twilio.from-number")) {
                for (String number : value.split(",")) {
                    if (!number.isBlank() && !E164.matcher(number.trim()).matches()) {
                        problems.add("application.properties: " + key + " has " + number.trim()
                                + ", not an E.164 number (+ and the country code, e.g. +819012345678)");
                    }
                }
            }
        }
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

    /** Each route file as Camel's YAML DSL reads it (unknown fields and malformed steps are errors there). */
    private static final Pattern KAMELET = Pattern.compile("kamelet:([A-Za-z0-9-]+)");

    /** Every kamelet a route uses is a channel or route template declared in routes/ (or Kamelet's own source). */
    private void kamelets(List<Path> routes, DefaultCamelContext context) throws IOException {
        Set<String> declared = new TreeSet<>(Set.of("source", "sink"));
        ((org.apache.camel.model.ModelCamelContext) context).getRouteTemplateDefinitions()
                .forEach(template -> declared.add(template.getId()));
        for (Path route : routes) {
            Matcher used = KAMELET.matcher(Files.readString(route, StandardCharsets.UTF_8));
            while (used.find()) {
                String name = used.group(1);
                if (!declared.contains(name)) {
                    String nearest = declared.stream().min(Comparator.comparingInt(k -> distance(k, name))).orElse("");
                    String problem = route + ": kamelet:" + name + " is no channel or route template declared in"
                            + " routes/" + (distance(nearest, name) <= 3 ? " (did you mean " + nearest + "?)" : "");
                    if (!problems.contains(problem)) {
                        problems.add(problem);
                    }
                }
            }
        }
    }

    private void routes() {
        try (Stream<Path> files = Files.list(dir.resolve("routes"));
                DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation("file:" + dir.resolve("application.properties"));
            List<Path> routes = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            for (Path route : routes) {
                try {
                    PluginHelper.getRoutesLoader(context).loadRoutes(
                            ResourceHelper.resolveMandatoryResource(context, "file:" + route));
                } catch (Exception e) {
                    problems.add(route + ": " + rootMessage(e));
                }
            }
            kamelets(routes, context);
        } catch (IOException e) {
            problems.add(dir.resolve("routes") + ": cannot be read: " + e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        StringBuilder message = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !message.toString().contains(t.getMessage())) {
                message.append(message.isEmpty() ? "" : ": ").append(t.getMessage().replaceAll("\\s+", " "));
            }
        }
        return message.toString();
    }

    /** The value at run time: the environment's override (Camel's rule), else the file's. */
    private String value(String key) {
        String override = env.get(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        return (override != null ? override : settings.getProperty(key, "")).trim();
    }

    private static boolean httpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    /** The keys of the application.properties this jar was built with. */
    private static Set<String> durations() {
        Set<String> durations = new java.util.HashSet<>();
        Properties shipped = shipped();
        for (String key : shipped.stringPropertyNames()) {
            if (shipped.getProperty(key).trim().matches("\\d+\\s*(ms|s|m|h|d)") && !key.endsWith("language")) {
                durations.add(key);
            }
        }
        return durations;
    }

    /** The keys Shirase knows (the shipped application.properties, as the build listed them). */
    public static Set<String> shippedKeys() {
        return shipped().stringPropertyNames();
    }

    private static Properties shipped() {
        Properties shipped = new Properties();
        try (InputStream in = ConfigCheck.class.getResourceAsStream("/shirase/application.properties")) {
            if (in != null) {
                shipped.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return shipped;
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                current[j] = Math.min(Math.min(current[j - 1], previous[j]) + 1,
                        previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
