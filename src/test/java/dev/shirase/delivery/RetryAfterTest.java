package dev.shirase.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.OptionalLong;

import dev.shirase.support.Fixtures;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static HttpOperationFailedException answer(int status, Map<String, String> headers, String body) {
        return new HttpOperationFailedException("http://127.0.0.1/x", status, "", null, headers, body);
    }

    @Test
    void discordsFloatRetryAfterInTheBodyWinsOverTheRoundedHeader() {
        var failure = answer(429, Map.of("Retry-After", "2"), Fixtures.read("discord/discord-429-response.json"));

        assertEquals(OptionalLong.of(1337), RetryAfter.millis(failure));
    }

    @Test
    void retryAfterHeaderInSecondsIsReadWhateverItsCase() {
        assertEquals(OptionalLong.of(3000), RetryAfter.millis(answer(429, Map.of("retry-after", "3"), "")));
        assertEquals(OptionalLong.of(1500), RetryAfter.millis(answer(429, Map.of("RETRY-AFTER", " 1.5 "), "slow")));
    }

    @Test
    void retryAfterHeaderAsHttpDateIsTheTimeUntilThen() {
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));

        long millis = RetryAfter.millis(answer(429, Map.of("Retry-After", inTenSeconds), null)).orElseThrow();

        assertTrue(millis > 8000 && millis <= 10000, String.valueOf(millis));
    }

    @Test
    void nothingToHonourWithoutA429OrAUsableValue() {
        assertEquals(OptionalLong.empty(), RetryAfter.millis(answer(503, Map.of("Retry-After", "5"), "")));
        assertEquals(OptionalLong.empty(), RetryAfter.millis(answer(429, Map.of(), "")));
        assertEquals(OptionalLong.empty(), RetryAfter.millis(answer(429, Map.of("Retry-After", "soon"), "{]")));
        assertEquals(OptionalLong.empty(), RetryAfter.millis(answer(429, Map.of("Retry-After", "-1"), "")));
    }

    @Test
    void backlogAndChatworkAskToWaitUntilTheirWindowResets() {
        long reset = System.currentTimeMillis() / 1000 + 30;
        long backlog = RetryAfter.millis(answer(429, Map.of("X-RateLimit-Reset", String.valueOf(reset)),
                Fixtures.read("uipath/backlog-error-429.json"))).orElseThrow();
        long chatwork = RetryAfter.millis(answer(429, Map.of("x-ratelimit-reset", String.valueOf(reset)),
                Fixtures.read("uipath/chatwork-429-response.json"))).orElseThrow();
        for (long millis : new long[] {backlog, chatwork}) {
            assertTrue(millis > 28_000 && millis <= 30_000, String.valueOf(millis));
        }
        assertEquals(OptionalLong.of(0), RetryAfter.untilReset("1605484860", 1605484870_000L), "a reset passed");
        assertEquals(OptionalLong.of(1500), RetryAfter.untilReset("1605484861.5", 1605484860_000L));
        assertEquals(OptionalLong.empty(), RetryAfter.untilReset("soon", 0));
        assertEquals(OptionalLong.of(2000), RetryAfter.millis(answer(429, Map.of("Retry-After", "2",
                "X-RateLimit-Reset", String.valueOf(reset)), "")), "Retry-After, when both are there");
    }
}
