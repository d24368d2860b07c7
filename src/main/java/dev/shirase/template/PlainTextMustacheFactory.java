package dev.shirase.template;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

/**
 * The Mustache factory of the {@code mustache} component (camel.component.mustache.mustache-factory), for message
 * templates in plain text:
 * <ul>
 * <li>values are written as they are: each channel escapes for its own payload (JSON, Slack's &amp;lt;, TwiML, a
 * form body), so a template author never escapes and a value is never escaped twice;</li>
 * <li>the message body (the flow's values) is the template's top scope, so a template says {@code {{user}}}, not
 * the component's {@code {{body.user}}}; the rest of the component's model (headers, exchange) is out of reach
 * of names the start-up check accepts.</li>
 * </ul>
 */
public class PlainTextMustacheFactory extends DefaultMustacheFactory {

    @Override
    public void encode(String value, Writer writer) {
        try {
            writer.write(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template inside a {{#body}} section, opened on its first line so line numbers stay the file's. */
    @Override
    public Mustache compile(Reader reader, String file, String sm, String em) {
        return super.compile(new StringReader(sm + "#body" + em + read(reader) + sm + "/body" + em), file, sm, em);
    }

    static String read(Reader reader) {
        try (reader) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[4096];
            for (int n; (n = reader.read(buffer)) > 0;) {
                text.append(buffer, 0, n);
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
