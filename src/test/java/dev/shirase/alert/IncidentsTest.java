package dev.shirase.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.shirase.store.Store;
import dev.shirase.support.RunningShirase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What is kept of an incident, and for how long, in the embedded store. */
class IncidentsTest {

    private static final long NOW = System.currentTimeMillis();
    private static final long DAY = TimeUnit.DAYS.toMillis(1);
    private static final long RETENTION = 90 * DAY;

    private Store store;
    private Incidents incidents;
    private Redials redials;

    @BeforeEach
    void open() {
        store = RunningShirase.Builder.freshStore();
        incidents = new Incidents(store.jdbc());
        redials = new Redials(store.jdbc());
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** An incident opened at {@code at}, with two tiers, a call made, a redial and the next step to come. */
    private void incident(String id, long at) {
        incidents.create(new Incidents.Incident(id, "disk full", "conf-" + id, at), "key-" + id, true,
                List.of("fp-" + id), List.of(List.of("+819011110001"), List.of("+819011110002")), at + 180_000);
        incidents.calls().record(id, "+819011110001", 1, "CA-" + id, null);
        incidents.calls().log(id, List.of("+819011110001"), at + 60_000); // a redial
        redials.schedule(id, "+819011110001", 2, at + 120_000);
    }

    @Test
    void anIncidentKeepsEveryCallOfItsTimelineLongAfterTheHourTheBudgetCounts() {
        incident("old-day", NOW - 2 * DAY);

        assertEquals(0, incidents.forgetOpenedBefore(NOW - RETENTION));

        assertEquals(List.of(new IncidentCalls.PlacedCall("+819011110001", NOW - 2 * DAY),
                new IncidentCalls.PlacedCall("+819011110001", NOW - 2 * DAY + 60_000)), incidents.calls().placed("old-day"));
        assertEquals(0, incidents.calls().placedSince(NOW - TimeUnit.HOURS.toMillis(1)), "the budget counts the last hour only");
    }

    @Test
    void anIncidentPastItsRetentionGoesWithAllItsRowsAndANewerOneStays() {
        incident("past", NOW - RETENTION - DAY);
        incident("kept", NOW - RETENTION + DAY);

        assertEquals(1, incidents.forgetOpenedBefore(NOW - RETENTION));

        assertTrue(incidents.find("past").isEmpty());
        assertEquals(List.of(), incidents.calls().placed("past"));
        assertEquals(List.of(), incidents.calls().of("past"));
        assertEquals(List.of(), incidents.tiers("past"));
        assertTrue(incidents.find("kept").isPresent());
        assertEquals(2, incidents.calls().placed("kept").size());
        assertEquals(1, incidents.calls().of("kept").size());
        assertEquals(2, incidents.tiers("kept").size());
        // the escalation steps and redials left are the kept incident's only
        assertEquals(List.of(new Incidents.Step("kept", 2)), incidents.claimDueSteps(NOW));
        assertEquals(List.of(new Redials.Redial("kept", "+819011110001", 2)), redials.claimDue(NOW));
    }
}
