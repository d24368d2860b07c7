package dev.shirase.scheduled;

/** A scheduled run that must post nothing, with the reason (a missing or unusable number, for instance). */
public class Skipped extends RuntimeException {

    public Skipped(String reason) {
        super(reason, null, false, false);
    }
}
