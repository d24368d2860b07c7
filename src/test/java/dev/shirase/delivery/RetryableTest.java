package dev.shirase.delivery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shirase.http.AnswerTooLarge;
import org.junit.jupiter.api.Test;

class RetryableTest {

    @Test
    void anAnswerTooLargeCountsByItsStatus() {
        assertFalse(Retryable.isRetryable(true, new AnswerTooLarge(200, 10)), "a 2xx may have posted it");
        assertFalse(Retryable.isRetryable(true, new AnswerTooLarge(404, 10)), "a 404 comes again");
        assertTrue(Retryable.isRetryable(true, new AnswerTooLarge(502, 10)), "a proxy's large error page");
        assertTrue(Retryable.isRetryable(true, new AnswerTooLarge(429, 10)));
    }
}
