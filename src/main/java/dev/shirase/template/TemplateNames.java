package dev.shirase.template;

import java.io.Reader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;

/**
 * The names a Mustache template uses, with their lines and the names used inside each section, read by
 * Mustache's own parser without rendering anything. A template that does not parse throws Mustache's exception,
 * which names the file and line.
 */
final class TemplateNames {

    /** One {{name}}, {{#name}}...{{/name}} or {{^name}}...{{/name}}; {@code inside} is a section's content. */
    record Use(String name, int line, boolean section, List<Use> inside) {
    }

    private TemplateNames() {
    }

    static List<Use> of(Reader reader, String file) {
        Recorder recorder = new Recorder();
        Mustache top = recorder.compile(reader, file);
        return recorder.uses.getOrDefault(top, List.of());
    }

    /** Compiles as usual, keeping what each level of the template (top, each section) named. */
    private static final class Recorder extends DefaultMustacheFactory {
        private final Map<Mustache, List<Use>> uses = new IdentityHashMap<>();

        @Override
        public MustacheVisitor createMustacheVisitor() {
            List<Use> level = new ArrayList<>();
            return new DefaultMustacheVisitor(this) {
                @Override
                public Mustache mustache(TemplateContext tc) {
                    Mustache compiled = super.mustache(tc);
                    uses.put(compiled, level);
                    return compiled;
                }

                @Override
                public void value(TemplateContext tc, String variable, boolean encoded) {
                    level.add(new Use(variable, tc.line(), false, List.of()));
                    super.value(tc, variable, encoded);
                }

                @Override
                public void iterable(TemplateContext tc, String variable, Mustache mustache) {
                    level.add(new Use(variable, tc.line(), true, uses.getOrDefault(mustache, List.of())));
                    super.iterable(tc, variable, mustache);
                }

                @Override
                public void notIterable(TemplateContext tc, String variable, Mustache mustache) {
                    level.add(new Use(variable, tc.line(), true, uses.getOrDefault(mustache, List.of())));
                    super.notIterable(tc, variable, mustache);
                }

                @Override
                public void partial(TemplateContext tc, String variable, String indent) {
                    throw unsupported(tc, "{{>" + variable + "}} (a partial)");
                }

                @Override
                public void name(TemplateContext tc, String variable, Mustache mustache) {
                    throw unsupported(tc, "{{$" + variable + "}} (a block)");
                }

                @Override
                public void checkName(TemplateContext tc, String variable, Mustache mustache) {
                    throw unsupported(tc, "{{?" + variable + "}} (a block check)");
                }

                @Override
                public void dynamicPartial(TemplateContext tc, String variable, String indent) {
                    throw unsupported(tc, "{{>*" + variable + "}} (a dynamic partial)");
                }

                @Override
                public void extend(TemplateContext tc, String variable, Mustache mustache) {
                    throw unsupported(tc, "{{<" + variable + "}} (template inheritance)");
                }
            };
        }

        private static MustacheException unsupported(TemplateContext tc, String what) {
            return new MustacheException(what + " is not supported: a message template is one file", tc);
        }
    }
}
