package dev.shirase.webhook;

/**
 * A step in front of a flow that can tell, without a request, that it refuses every one (its secret or a setting
 * it needs is unset): the flow is "refusing", not "running", on the console, and this says why.
 */
public interface RefusesAll {

    /** Why every request is refused ("alert.token is not set"), or null when requests can pass. */
    String refusesAll();
}
