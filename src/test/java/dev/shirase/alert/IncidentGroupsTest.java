package dev.shirase.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import dev.shirase.store.Durability;
import dev.shirase.store.Store;
import dev.shirase.support.RunningShirase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

/**
 * One open incident per alert group, enforced by the store itself (what keeps two notifications at once, or two
 * replicas, from ringing everyone twice), on the embedded store and on PostgreSQL.
 */
class IncidentGroupsTest {

    private static final List<List<String>> TIER = List.of(List.of("+819011110001"));

    @Test
    void aGroupHasOneOpenIncidentOnTheEmbeddedStore() {
        try (Store store = RunningShirase.Builder.freshStore()) {
            oneOpenIncidentPerGroup(new Incidents(store.jdbc()));
        }
    }

    @Test
    void aGroupHasOneOpenIncidentOnPostgreSql() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Store store = Store.open("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres",
                        "", 4, Durability.PROCESS_CRASH)) {
            oneOpenIncidentPerGroup(new Incidents(store.jdbc()));
        }
    }

    private static void oneOpenIncidentPerGroup(Incidents incidents) {
        long now = System.currentTimeMillis();
        assertTrue(incidents.create(incident("INC-1", now), "group-a", true, List.of("fp-1"), TIER, null));
        assertFalse(incidents.create(incident("INC-2", now), "group-a", true, List.of("fp-1"), TIER, null),
                "a second open incident of the group");
        assertTrue(incidents.find("INC-2").isEmpty(), "nothing of the loser is written");
        assertTrue(incidents.create(incident("INC-3", now), "group-b", true, List.of("fp-1"), TIER, null));
        assertTrue(incidents.create(incident("INC-4", now), "message", false, List.of(), TIER, null));
        assertTrue(incidents.create(incident("INC-5", now), "message", false, List.of(), TIER, null),
                "our form's messages are kept apart by the dedupe window, not by the store");

        assertEquals(List.of("fp-2"), incidents.addFingerprints("INC-1", List.of("fp-1", "fp-2")));
        assertEquals(Set.of("fp-1", "fp-2"), incidents.fingerprints("INC-1"));

        assertTrue(incidents.fail("INC-1", "Twilio error 20003: Authenticate", now));
        assertEquals("failed", incidents.find("INC-1").orElseThrow().state());
        assertTrue(incidents.open("group-a").isEmpty(), "a failed incident is no open one");
        assertTrue(incidents.create(incident("INC-6", now + 1), "group-a", true, List.of("fp-1"), TIER, null),
                "the monitor's retry opens the group again");

        assertTrue(incidents.resolve("INC-6", now + 2));
        incidents.hold("INC-6");
        assertEquals("INC-6", incidents.held("group-a").orElseThrow().id());
        assertTrue(incidents.create(incident("INC-7", now + 3), "group-a", true, List.of("fp-9"), TIER, null));
        incidents.release("group-a");
        assertTrue(incidents.held("group-a").isEmpty());
    }

    private static Incidents.Incident incident(String id, long at) {
        return new Incidents.Incident(id, "disk full", "conf-" + id, at);
    }
}
