package dev.shirase.support;

import java.nio.charset.StandardCharsets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of a body with a webhook secret, as the senders of signed webhooks compute it; each test encodes it. */
public final class HmacSha256 {

    private HmacSha256() {
    }

    public static byte[] of(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] of(String secret, String body) {
        return of(secret, body.getBytes(StandardCharsets.UTF_8));
    }
}
