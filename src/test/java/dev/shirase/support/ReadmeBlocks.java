package dev.shirase.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The code blocks of one documentation page, as a reader copies them: tests run the recipes as written. */
public final class ReadmeBlocks {

    private final String section;

    private ReadmeBlocks(String section) {
        this.section = section;
    }

    /** A whole page, docs/flow-of-your-own.md. */
    public static ReadmeBlocks page(String path) {
        try {
            return new ReadmeBlocks("\n" + Files.readString(Path.of(path), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The section's one block fenced as {@code ```language}. */
    public String block(String language) {
        Matcher blocks = Pattern.compile("\n```" + Pattern.quote(language) + "\n(.*?)\n```\n", Pattern.DOTALL)
                .matcher(section);
        if (!blocks.find()) {
            throw new AssertionError("the page has no ```" + language + " block");
        }
        String block = blocks.group(1) + "\n";
        if (blocks.find()) {
            throw new AssertionError("the page has more than one ```" + language + " block");
        }
        return block;
    }
}
