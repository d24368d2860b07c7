package dev.shirase;

/** The HTTP port is taken by another process, so the runtime cannot serve webhooks. */
public class PortInUseException extends RuntimeException {

    public PortInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
