package dev.shirase.delivery;

import java.util.List;

import dev.shirase.store.Jdbc;

/**
 * The outbox table: every outbound message from acceptance until sent or dead. A destination's messages form a
 * lane: only the oldest pending message of a lane may be sent, so they go out in the order accepted; claims are
 * compare-and-set updates with a lease, so two replicas never send the same row and a dead replica's rows come
 * free after the lease.
 */
public class Outbox {

    public static final String PENDING = "pending";
    public static final String SENT = "sent";
    public static final String DEAD = "dead";

    /** A message claimed for one delivery attempt. */
    public record Claimed(long id, String channel, String destination, String flow, String payload, String summary,
            int attempts, long createdAt) {
    }

    /** A claimed message's columns; its "createdAt" is where its retry window starts (its replay, if replayed). */
    private static final String COLUMNS = "id, channel, destination, flow, payload, summary, attempts,"
            + " COALESCE(retry_from, created_at)";

    private final Jdbc jdbc;

    public Outbox(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public long enqueue(String channel, String destination, String flow, String payload, String summary, long now) {
        Acceptance.Message message = new Acceptance.Message(null, channel, destination, flow, payload, summary);
        long id = jdbc.write(c -> insert(c, message, now));
        registeredLanes.add(lane(message));
        return id;
    }

    /**
     * Keeps an inbound event that could not be read as a dead message, with its raw body and the reason, so it can
     * be seen and replayed (through {@code direct:<channel>-send}) once the cause is fixed.
     */
    public long keepDead(String channel, String destination, String flow, String payload, String summary,
            String reason, long now) {
        Acceptance.Message message = new Acceptance.Message(null, channel, destination, flow, payload, summary);
        long id = jdbc.write(c -> {
            long inserted = insert(c, message, now);
            Jdbc.execute(c, "UPDATE shirase_outbox SET status = 'dead', last_error = ? WHERE id = ?", cut(reason, 500),
                    inserted);
            return inserted;
        });
        registeredLanes.add(lane(message));
        return id;
    }

    /**
     * Stores an event's keys and messages in one transaction. A key stored already (the event, or that part of
     * it, was accepted before) is skipped with the messages staged under it. False when the event had keys and
     * none of them was new: the whole event is a duplicate and nothing was written.
     */
    public boolean store(Acceptance.Staged event, long now) {
        List<String> lanes = new java.util.ArrayList<>();
        boolean stored = jdbc.write(c -> {
            java.util.Set<String> fresh = new java.util.HashSet<>();
            for (String key : event.keys()) {
                if (Jdbc.execute(c, "INSERT INTO shirase_dedupe (dedupe_key, created_at) VALUES (?, ?)"
                        + " ON CONFLICT DO NOTHING", key, now) == 1) {
                    fresh.add(key);
                }
            }
            for (Acceptance.Message message : event.messages()) {
                if (message.key() == null || fresh.contains(message.key())) {
                    insert(c, message, now);
                    lanes.add(lane(message));
                }
            }
            return event.keys().isEmpty() || !fresh.isEmpty();
        });
        registeredLanes.addAll(lanes);
        return stored;
    }

    /** Whether an event key is stored (its event was accepted). */
    public boolean isStored(String key) {
        return jdbc.count("SELECT COUNT(*) FROM shirase_dedupe WHERE dedupe_key = ?", key) > 0;
    }

    /** Forgets event keys older than the retention, so the table does not grow forever. */
    public int forgetKeysBefore(long before) {
        return jdbc.update("DELETE FROM shirase_dedupe WHERE created_at < ?", before);
    }

    private long insert(java.sql.Connection c, Acceptance.Message message, long now) throws java.sql.SQLException {
        if (!registeredLanes.contains(lane(message))) {
            Jdbc.execute(c, "INSERT INTO shirase_lane (channel, destination, next_send_at) VALUES (?, ?, 0)"
                    + " ON CONFLICT DO NOTHING", message.channel(), message.destination());
        }
        return Jdbc.insertReturningId(c, "INSERT INTO shirase_outbox (channel, destination, flow, payload, summary,"
                + " status, attempts, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
                message.channel(), message.destination(), message.flow(), message.payload(),
                cut(message.summary(), 2000), now, now);
    }

    private static String lane(Acceptance.Message message) {
        return message.channel() + "\n" + message.destination();
    }

    /**
     * The oldest pending message of each lane that is due, not claimed and not held back by the lane's rate.
     * Walks the lanes (one row per destination) and takes each lane's head through the index on
     * (status, channel, destination, id), so a claim costs the same with ten or a hundred thousand messages waiting.
     */
    public List<Claimed> claimDue(String node, long now, long leaseUntil, int max) {
        return claimRuns(node, now, leaseUntil, max, channel -> 1).stream().map(run -> run.get(0)).toList();
    }

    /**
     * The most payload text (characters) a run holds in memory, its head whatever its size: runs of replayed raw
     * webhooks (up to the 1 MB intake limit each) would otherwise hold the run length times that on a 64 MB heap.
     */
    static final long RUN_MAX_CHARS = 1 << 20;

    /**
     * Like {@link #claimDue}, but with each lane's head up to {@code runLength.apply(channel)} due messages behind
     * it, in order and within {@link #RUN_MAX_CHARS} of payload: a run one worker sends one after the other. Whoever
     * holds a lane's head holds the lane (others only ever claim a head), so the run's order is the lane's order, on
     * any number of replicas.
     */
    public List<List<Claimed>> claimRuns(String node, long now, long leaseUntil, int maxLanes,
            java.util.function.Function<String, Integer> runLength) {
        List<String[]> lanes = jdbc.query("SELECT channel, destination FROM shirase_lane WHERE next_send_at <= ?"
                + " ORDER BY channel, destination", rs -> new String[] {rs.getString(1), rs.getString(2)}, now);
        List<List<Claimed>> runs = new java.util.ArrayList<>();
        int start = lanes.isEmpty() ? 0 : Math.floorMod(nextLane, lanes.size());
        int examined = 0;
        for (; examined < lanes.size() && runs.size() < maxLanes; examined++) {
            String[] lane = lanes.get((start + examined) % lanes.size());
            RunClaim.Budget budget = new RunClaim.Budget();
            List<Claimed> due = jdbc.query("SELECT " + COLUMNS + ", next_attempt_at, claimed_until, length(payload)"
                    // ordered as the index is, so the head is read off the index instead of sorting the lane
                    + " FROM shirase_outbox WHERE status = 'pending' AND channel = ? AND destination = ?"
                    + " ORDER BY status, channel, destination, id LIMIT ?",
                    rs -> budget.admits(rs.getLong(9) <= now
                            && (Jdbc.nullableLong(rs, 10) == null || rs.getLong(10) < now), rs.getLong(11))
                            ? claimed(rs) : null,
                    lane[0], lane[1], Math.max(1, runLength.apply(lane[0])));
            int free = due.indexOf(null); // the run ends at the first message not due (or claimed)
            List<Claimed> run = free < 0 ? due : due.subList(0, free);
            if (!run.isEmpty()) {
                List<Claimed> claimed = jdbc.write(c -> RunClaim.claim(c, node, now, leaseUntil, run));
                if (!claimed.isEmpty()) {
                    runs.add(claimed);
                }
            }
        }
        // a claim that ran out of free workers before the last lane: the next one starts after the lanes it looked at
        nextLane = examined < lanes.size() ? start + examined : 0;
        return runs;
    }

    /**
     * Where the next claim starts in the list of lanes, so that with more busy lanes than workers each lane takes its
     * turn instead of the first ones in the list being served first every time. Claims are made by one thread (the
     * dispatcher).
     */
    private int nextLane;

    /** Records a run's messages (one lane's, in order) as sent, in one write. */
    public void markSent(List<Claimed> messages, long now, long nextSendAt) {
        Claimed last = messages.get(messages.size() - 1);
        // hold the lane first: the moment this message stops being pending, the next one is the lane's head
        if (nextSendAt > now) {
            holdLane(last.channel(), last.destination(), nextSendAt);
        }
        jdbc.update("UPDATE shirase_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1,"
                + " claimed_by = NULL, claimed_until = NULL, last_error = NULL WHERE id IN (" + RunClaim.marks(messages) + ")",
                RunClaim.ids(messages, now));
    }

    /** Gives back claimed messages not attempted (the run stopped before them): they stay pending, in line. */
    public void release(List<Claimed> messages) {
        if (!messages.isEmpty()) {
            jdbc.update("UPDATE shirase_outbox SET claimed_by = NULL, claimed_until = NULL WHERE id IN ("
                    + RunClaim.marks(messages) + ") AND status = 'pending'", RunClaim.ids(messages));
        }
    }

    public void retryAt(Claimed message, long nextAttemptAt, String error) {
        jdbc.update("UPDATE shirase_outbox SET attempts = attempts + 1, next_attempt_at = ?, claimed_by = NULL,"
                + " claimed_until = NULL, last_error = ? WHERE id = ?", nextAttemptAt, cut(error, 500), message.id());
    }

    public void markDead(Claimed message, String error) {
        jdbc.update("UPDATE shirase_outbox SET status = 'dead', attempts = attempts + 1, claimed_by = NULL,"
                + " claimed_until = NULL, last_error = ? WHERE id = ?", cut(error, 500), message.id());
    }

    /** Lanes this process knows are registered (committed), so registering costs a statement once per lane. */
    private final java.util.Set<String> registeredLanes = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A lane (registered when its first message was accepted) may be sent to again only from {@code until} on. */
    private void holdLane(String channel, String destination, long until) {
        jdbc.update("UPDATE shirase_lane SET next_send_at = ? WHERE channel = ? AND destination = ?", until, channel,
                destination);
    }

    /** Frees every claim: only safe when no other replica shares the store. */
    public int releaseAllClaims() {
        return jdbc.update("UPDATE shirase_outbox SET claimed_by = NULL, claimed_until = NULL"
                + " WHERE status = 'pending' AND claimed_by IS NOT NULL");
    }

    private static Claimed claimed(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7), rs.getLong(8));
    }

    static String cut(String text, int max) {
        if (text == null) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
