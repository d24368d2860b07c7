package dev.shirase.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The code blocks of one README section, as a reader copies them: tests run the README's recipes as written. */
public final class ReadmeBlocks {

    private final String section;

    private ReadmeBlocks(String section) {
        this.section = section;
    }

    /** The section under the {@code ## heading} (up to the next {@code ## }). */
    public static ReadmeBlocks of(String heading) {
        String readme;
        try {
            readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = readme.indexOf("\n## " + heading + "\n");
        if (start < 0) {
            throw new AssertionError("README.md has no section ## " + heading);
        }
        int end = readme.indexOf("\n## ", start + 1);
        return new ReadmeBlocks(readme.substring(start, end < 0 ? readme.length() : end));
    }

    /** The section's one block fenced as {@code ```language}. */
    public String block(String language) {
        Matcher blocks = Pattern.compile("\n```" + Pattern.quote(language) + "\n(.*?)\n```\n", Pattern.DOTALL)
                .matcher(section);
        if (!blocks.find()) {
            throw new AssertionError("the README section has no ```" + language + " block");
        }
        String block = blocks.group(1) + "\n";
        if (blocks.find()) {
            throw new AssertionError("the README section has more than one ```" + language + " block");
        }
        return block;
    }
}
