package dev.shirase.http;

import java.io.IOException;

/** A service's answer was bigger than shirase.http.max-answer-bytes: it was not read (or not read further). */
public final class AnswerTooLarge extends IOException {

    private final int status;
    private final long limit;

    public AnswerTooLarge(int status, long limit) {
        super("the answer (HTTP " + status + ") is larger than " + limit + " bytes (shirase.http.max-answer-bytes)");
        this.status = status;
        this.limit = limit;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    public long limit() {
        return limit;
    }
}
