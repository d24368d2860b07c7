package dev.shirase.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DiscordPayloadTest {

    @Test
    void contentWithNoMentionParsing() throws Exception {
        assertEquals("{\"content\":\"hi @here \\\"quoted\\\"\",\"allowed_mentions\":{\"parse\":[]}}",
                new DiscordPayload().render("hi @here \"quoted\""));
    }

    @Test
    void textAtTheLimitIsKept() {
        String text = "a".repeat(2000);
        assertEquals(text, Truncate.to(text, 2000));
    }

    @Test
    void longTextIsCutWithAnEllipsisWithoutSplittingAnEmoji() {
        String text = "a".repeat(1998) + "😀" + "tail";

        String cut = Truncate.to(text, 2000);

        assertEquals("a".repeat(1998) + "…", cut);
        assertEquals(1999, cut.length());
    }
}
