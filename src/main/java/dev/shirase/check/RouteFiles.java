package dev.shirase.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.shirase.settings.Settings;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.WhenDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * routes/*.yaml as Camel's own YAML loader reads them (unknown fields and malformed steps are its errors), and what
 * the check needs from the model it builds: the settings prefixes of templated routes (a KPI's or team's own keys),
 * the kamelets the routes use and the ones declared, and the chats chosen-chat can post to.
 */
final class RouteFiles {

    private static final Pattern CHAT = Pattern.compile("==\\s*'([a-z0-9-]+)'");

    private final List<String> problems = new ArrayList<>();
    private final Set<String> prefixes = new LinkedHashSet<>();
    private final List<String> chats = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    private RouteFiles() {
    }

    static RouteFiles load(Path dir) {
        RouteFiles files = new RouteFiles();
        try (Stream<Path> listed = Files.list(dir.resolve("routes"));
                DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation("file:" + dir.resolve("application.properties"));
            List<Path> routes = listed.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            for (Path route : routes) {
                files.text.append(Files.readString(route)).append('\n');
                try {
                    PluginHelper.getRoutesLoader(context).loadRoutes(
                            ResourceHelper.resolveMandatoryResource(context, "file:" + route));
                } catch (Exception e) {
                    files.problems.add(route + ": " + rootMessage(e));
                }
            }
            files.read((ModelCamelContext) context);
        } catch (IOException e) {
            files.problems.add(dir.resolve("routes") + ": cannot be read: " + e.getMessage());
        }
        return files;
    }

    private void read(ModelCamelContext model) {
        Set<String> declared = new TreeSet<>(Set.of("source", "sink"));
        List<RouteDefinition> routes = new ArrayList<>(model.getRouteDefinitions());
        for (RouteTemplateDefinition template : model.getRouteTemplateDefinitions()) {
            declared.add(template.getId());
            routes.add(template.getRoute());
            if (template.getId().equals("chosen-chat")) {
                for (ChoiceDefinition choice : filter(template.getRoute().getOutputs(), ChoiceDefinition.class)) {
                    for (WhenDefinition when : choice.getWhenClauses()) {
                        Matcher chat = CHAT.matcher(when.getExpression().getExpression());
                        if (chat.find()) {
                            chats.add(chat.group(1));
                        }
                    }
                }
            }
        }
        for (RouteDefinition route : routes) {
            String prefix = Settings.prefixOf(route);
            if (prefix != null) {
                prefixes.add(prefix);
            }
            for (SendDefinition<?> send : filter(route.getOutputs(), SendDefinition.class)) {
                String name = ChannelHandOffs.kamelet(send);
                if (!name.isEmpty() && !declared.contains(name)) {
                    String problem = where(route) + ": kamelet:"
                            + name + " is no channel or route template declared in routes/"
                            + Keys.didYouMean(declared, name);
                    if (!problems.contains(problem)) {
                        problems.add(problem);
                    }
                }
            }
        }
        ChannelHandOffs.problems(model.getRouteTemplateDefinitions(), routes).stream()
                .filter(p -> !problems.contains(p)).forEach(problems::add);
    }

    /** The route file a route was read from. */
    static String where(RouteDefinition route) {
        return route.getResource() != null
                ? route.getResource().getLocation().replaceFirst("^file:", "") : "routes/" + route.getId();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> List<T> filter(List<ProcessorDefinition<?>> outputs, Class<T> type) {
        return new ArrayList<>(ProcessorDefinitionHelper.filterTypeInOutputs((List) outputs, type));
    }

    /** What Camel could not read, kamelets that are no declared channel or template, hand-offs with no destination. */
    List<String> problems() {
        return problems;
    }

    /** The settings prefixes of templated routes (kpi.signups, issue-index.billing). */
    Set<String> prefixes() {
        return prefixes;
    }

    /** The chats a timeline or the ops notices can go to: the branches of chosen-chat in routes/channels. */
    List<String> chats() {
        return chats;
    }

    /** The key as a whole word of a route file ({{github.webhook-secret}}, constant: github.slack-webhook-url). */
    boolean names(String key) {
        return Pattern.compile("(?<![A-Za-z0-9._-])" + Pattern.quote(key) + "(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])")
                .matcher(text).find();
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
}
