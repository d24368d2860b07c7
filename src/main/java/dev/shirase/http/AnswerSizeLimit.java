package dev.shirase.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * Every answer the http component reads (a scheduled flow's fetch, a channel's reply) is at most
 * {@code shirase.http.max-answer-bytes}, counted after decompression: a bigger one fails with
 * {@link AnswerTooLarge} instead of filling the heap, which would stop the whole process. An answer that says its
 * length is refused before it is read; one that does not is cut off where it passes the limit.
 */
public final class AnswerSizeLimit implements HttpClientConfigurer {

    private final long limit;

    public AnswerSizeLimit(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("shirase.http.max-answer-bytes must be a positive number of bytes, not "
                    + limit);
        }
        this.limit = limit;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder client) {
        // first in the chain, so outside its decompression: the limit counts the bytes the answer expands to
        client.addExecInterceptorFirst("shirase-answer-size-limit", (request, scope, chain) -> {
            ClassicHttpResponse response = chain.proceed(request, scope);
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                return response;
            }
            int status = response.getCode();
            // over the limit the connection is dropped, not drained: closing the answer would read it to its end
            Runnable drop = scope.execRuntime::discardEndpoint;
            if (entity.getContentLength() > limit) {
                drop.run();
                throw new AnswerTooLarge(status, limit);
            }
            response.setEntity(new HttpEntityWrapper(entity) {
                @Override
                public InputStream getContent() throws IOException {
                    return new Bounded(super.getContent(), status, limit, drop);
                }

                @Override
                public boolean isRepeatable() {
                    return false;
                }
            });
            return response;
        });
    }

    /** Reads through until more than {@code limit} bytes have come, then fails. */
    private static final class Bounded extends FilterInputStream {

        private final int status;
        private final long limit;
        private final Runnable drop;
        private long read;

        Bounded(InputStream in, int status, long limit, Runnable drop) {
            super(in);
            this.status = status;
            this.limit = limit;
            this.drop = drop;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long n) throws AnswerTooLarge {
            read += n;
            if (read > limit) {
                drop.run();
                throw new AnswerTooLarge(status, limit);
            }
        }
    }
}
