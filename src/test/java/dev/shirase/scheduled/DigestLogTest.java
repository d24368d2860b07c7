package dev.shirase.scheduled;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A skipped run's reason is in words and carries no secret a library put in its message. */
class DigestLogTest {

    @Test
    void aLibrarysMessageKeepsOnlyTheSchemeAndHostOfAUrl() {
        RuntimeException failure = new RuntimeException("wrapped", new IllegalStateException(
                "GET https://user:secret-pass@metrics.example.com/v1/paid?token=secret-token failed: closed"));

        assertEquals("metrics.example.com failed: GET https://metrics.example.com failed: closed",
                DigestLog.reason(failure, "https://metrics.example.com/v1/paid?token=secret-token", null));
    }
}
