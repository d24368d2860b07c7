package dev.shirase.delivery;

import java.util.List;

import dev.shirase.store.Jdbc;

/** Claiming a run of one lane's messages: which messages go in, and the compare-and-set updates that claim them. */
final class RunClaim {

    private RunClaim() {
    }

    /**
     * Which of a lane's messages, in order, go into a run: each one due and within {@link Outbox#RUN_MAX_CHARS} with those
     * before it (the head always), up to the first that is not; a message left out is not read.
     */
    static final class Budget {
        private long chars;
        private boolean ended;

        boolean admits(boolean due, long payloadChars) {
            ended = ended || !due || (chars > 0 && chars + payloadChars > Outbox.RUN_MAX_CHARS);
            chars += payloadChars;
            return !ended;
        }
    }

    /** Claims a run's head, then the rest of it; only the head when the rest changed meanwhile. */
    static List<Outbox.Claimed> claim(java.sql.Connection c, String node, long now, long leaseUntil, List<Outbox.Claimed> run)
            throws java.sql.SQLException {
        // "status NOT IN (sent, dead)" rather than "status = pending": keeps the lookup on the primary key whatever
        // the table's statistics (a planner could pick the (status, ...) index and scan every pending row)
        String claim = "UPDATE shirase_outbox SET claimed_by = ?, claimed_until = ? WHERE (claimed_until IS NULL"
                + " OR claimed_until < ?) AND status NOT IN ('sent', 'dead') AND id IN ";
        if (Jdbc.execute(c, claim + "(?)", node, leaseUntil, now, run.get(0).id()) != 1) {
            return List.of();
        }
        List<Outbox.Claimed> rest = run.subList(1, run.size());
        if (rest.isEmpty() || Jdbc.execute(c, claim + "(" + marks(rest) + ")", ids(rest, node, leaseUntil, now))
                == rest.size()) {
            return run;
        }
        Jdbc.execute(c, "UPDATE shirase_outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?"
                + " AND claimed_until = ? AND id IN (" + marks(rest) + ")", ids(rest, node, leaseUntil));
        return run.subList(0, 1);
    }

    static String marks(List<?> items) {
        return String.join(", ", java.util.Collections.nCopies(items.size(), "?"));
    }

    /** The arguments {@code before}, then each message's id (for an {@code id IN (...)} after them). */
    static Object[] ids(List<Outbox.Claimed> messages, Object... before) {
        List<Object> args = new java.util.ArrayList<>(List.of(before));
        messages.forEach(m -> args.add(m.id()));
        return args.toArray();
    }
}
