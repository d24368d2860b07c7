package dev.shirase.template;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.github.mustachejava.MustacheException;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.mustache.MustacheEndpoint;

/**
 * At start-up, before any route starts: every template a route renders (each {@code mustache:} endpoint, and those of
 * routes not built because their flow lacks its settings) must be a file under {@code <shirase.templates>/<flow>/},
 * parse, and use only the values of its flow ({@link TemplateValues}). Otherwise the start fails, naming each file and line. Templates are read as UTF-8.
 * A flow of your own (a route file with no Java, its values the fields of a JSON body) has no list of values: its
 * templates must parse and stay out of the component's own model (headers, exchange).
 */
public final class TemplateCheck {

    private TemplateCheck() {
    }

    /** {@code notBuilt}: the templates of routes not built at this start (their flows' settings missing). */
    public static void run(CamelContext context, Path templates, Collection<String> notBuilt) {
        Set<String> resources = new LinkedHashSet<>();
        for (Endpoint endpoint : context.getEndpoints()) {
            if (endpoint instanceof MustacheEndpoint mustache) {
                if (mustache.getEncoding() == null) {
                    mustache.setEncoding(StandardCharsets.UTF_8.name());
                }
                resources.add(mustache.getResourceUri());
            }
        }
        resources.addAll(notBuilt);
        List<String> problems = new ArrayList<>();
        for (String resource : resources) {
            problems.addAll(check(resource, templates));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("templates with problems (see docs/wording.md):\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** The problems of one template resource ({@code file:templates/...}); none when it is fine. */
    public static List<String> check(String resource, Path templates) {
        if (!resource.startsWith("file:")) {
            return List.of(resource + ": a template is a file under " + templates + "/ (file:" + templates + "/...)");
        }
        Path file = Path.of(resource.substring("file:".length()));
        Path folder = templates.toAbsolutePath().normalize();
        Path path = file.toAbsolutePath().normalize();
        String flow = path.startsWith(folder) && folder.relativize(path).getNameCount() > 1
                ? folder.relativize(path).getName(0).toString() : null;
        if (flow == null) {
            return List.of(file + ": a template lives in the folder of its flow, " + templates + "/<flow>/ ("
                    + String.join(", ", TemplateValues.flows()) + ", or a folder of a flow of your own); that folder"
                    + " says which values it may use");
        }
        Class<? extends Record> values = TemplateValues.of(flow);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of(file + ": no such file");
        } catch (IOException e) {
            return List.of(file + ": cannot be read: " + e.getMessage());
        }
        List<TemplateNames.Use> uses;
        try {
            uses = TemplateNames.of(new StringReader(text), file.toString());
        } catch (MustacheException e) {
            String message = e.getMessage().replaceFirst(" @\\[.*]$", "");
            return List.of(file + ":" + (e.getContext() == null ? "" : e.getContext().line() + ":") + " " + message);
        }
        List<String> problems = new ArrayList<>();
        if (values == null) {
            outOfReach(uses, file, problems);
            return problems;
        }
        Deque<Type> scopes = new ArrayDeque<>();
        scopes.push(values);
        names(uses, scopes, file, flow, problems);
        return problems;
    }

    private static void names(List<TemplateNames.Use> uses, Deque<Type> scopes, Path file, String flow,
            List<String> problems) {
        for (TemplateNames.Use use : uses) {
            Type type = use.name().equals(".") ? Object.class : resolve(use.name(), scopes);
            if (type == null) {
                problems.add(file + ":" + use.line() + ": {{" + use.name() + "}} is not a value of " + flow
                        + " here; it may use " + String.join(", ", visible(scopes)));
                continue;
            }
            if (use.section()) {
                scopes.push(element(type));
                names(use.inside(), scopes, file, flow, problems);
                scopes.pop();
            }
        }
    }

    /** The mustache component's own model, which a template of a flow of your own may not reach either. */
    private static final Set<String> MODEL = Set.of("headers", "exchange", "camelContext", "request", "response");

    private static void outOfReach(List<TemplateNames.Use> uses, Path file, List<String> problems) {
        for (TemplateNames.Use use : uses) {
            if (MODEL.contains(use.name().split("\\.")[0])) {
                problems.add(file + ":" + use.line() + ": {{" + use.name() + "}} is out of reach: a template uses its"
                        + " flow's values (the fields of the JSON body for a flow of your own)");
            }
            outOfReach(use.inside(), file, problems);
        }
    }

    /** As Mustache looks a name up: the innermost scope that has its first part, then the rest within it. */
    private static Type resolve(String name, Deque<Type> scopes) {
        String[] parts = name.split("\\.");
        for (Type scope : scopes) {
            Type found = component(scope, parts[0]);
            if (found != null) {
                for (int i = 1; i < parts.length && found != null; i++) {
                    found = component(element(found), parts[i]);
                }
                return found;
            }
        }
        return null;
    }

    private static Type component(Type scope, String name) {
        if (scope instanceof Class<?> type && type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals(name)) {
                    return component.getGenericType();
                }
            }
        }
        return null;
    }

    /** What a section over a value of this type puts in scope: a list's items, or the value itself. */
    private static Type element(Type type) {
        if (type instanceof ParameterizedType list && list.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            return list.getActualTypeArguments()[0];
        }
        return type;
    }

    private static Set<String> visible(Deque<Type> scopes) {
        Set<String> names = new LinkedHashSet<>();
        for (Type scope : scopes) {
            if (scope instanceof Class<?> type && type.isRecord()) {
                names.addAll(Stream.of(type.getRecordComponents()).map(RecordComponent::getName)
                        .collect(Collectors.toList()));
            }
        }
        return names;
    }
}
