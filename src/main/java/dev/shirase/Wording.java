package dev.shirase;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message wording from {@code messages_<language>.properties} (UTF-8). Texts use named placeholders such as
 * {@code {user}}, filled by {@link #format}. An unsupported language falls back to Japanese with a warning.
 */
public final class Wording {

    public static final String DEFAULT_LANGUAGE = "ja";
    private static final Logger LOG = LoggerFactory.getLogger(Wording.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z][\\w-]*)}");
    private static final Map<String, Wording> LOADED = new ConcurrentHashMap<>();

    private final String language;
    private final Properties texts;

    private Wording(String language, Properties texts) {
        this.language = language;
        this.texts = texts;
    }

    public static Wording of(String language) {
        String wanted = language == null || language.isBlank() ? DEFAULT_LANGUAGE : language.trim().toLowerCase();
        return LOADED.computeIfAbsent(wanted, Wording::load);
    }

    private static Wording load(String language) {
        Properties texts = read("messages_" + language + ".properties");
        if (texts == null) {
            LOG.warn("Language '{}' is not supported (use ja or en); using {}", language, DEFAULT_LANGUAGE);
            return new Wording(DEFAULT_LANGUAGE, read("messages_" + DEFAULT_LANGUAGE + ".properties"));
        }
        return new Wording(language, texts);
    }

    private static Properties read(String resource) {
        try (InputStream in = Wording.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Properties texts = new Properties();
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String language() {
        return language;
    }

    /** The text under {@code key} with each {@code {name}} replaced by {@code values.get(name)}. */
    public String format(String key, Map<String, ?> values) {
        String text = texts.getProperty(key);
        if (text == null) {
            throw new IllegalStateException("messages_" + language + ".properties has no " + key);
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Object value = values.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value.toString()));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
