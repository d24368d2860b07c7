package dev.shirase.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rule for every inbound webhook whose sender can sign: while the flow's secret is unset, requests are refused
 * with 503 naming the setting, unless {@code <flow>.allow-unsigned=true} says the endpoint sits behind something
 * that checks callers. Either way the start-up log says so, once per flow.
 */
final class UnsignedPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(UnsignedPolicy.class);

    private final String flow;
    private final String secretSetting;
    private final String allowSetting;

    UnsignedPolicy(String flow, String secretSetting, String allowSetting) {
        this.flow = flow;
        this.secretSetting = secretSetting;
        this.allowSetting = allowSetting;
    }

    /** At start-up: says how the flow treats unsigned requests when it has no secret. */
    void report(boolean hasSecret, boolean allowUnsigned) {
        if (hasSecret) {
            return;
        }
        if (allowUnsigned) {
            LOG.warn("Flow {} accepts UNSIGNED requests ({}=true): anyone who reaches it can post. Only run it like"
                    + " this behind something that checks callers; otherwise set {}", flow, allowSetting, secretSetting);
        } else {
            LOG.warn("Flow {} refuses every request (503) until {} is set (or {}=true)", flow, secretSetting,
                    allowSetting);
        }
    }

    /** Why every request is refused (the secret unset, unsigned ones not allowed), or null. */
    String refusesAll(boolean hasSecret, boolean allowUnsigned) {
        return hasSecret || allowUnsigned ? null : secretSetting + " is not set";
    }

    /** For a request while the secret is unset: passes only when unsigned requests are allowed. */
    void refuseUnlessAllowed(boolean allowUnsigned) {
        if (!allowUnsigned) {
            throw new RejectedRequest(503, "not configured: set " + secretSetting + " (or " + allowSetting
                    + "=true behind something that checks callers)");
        }
    }
}
