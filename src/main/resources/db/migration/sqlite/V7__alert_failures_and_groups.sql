-- An alert group has one open incident at a time, enforced here (open_key: its group's key while it is open, NULL
-- once it ended), so two notifications of one group at once, or two replicas, open one incident. An incident
-- whose first calls could not be placed is failed (failed_at, failure: why); an operator's resolve holds for its
-- group (held) until the monitoring tool says resolved or a new alert joins. The alerts (fingerprints) in each
-- incident, and what answered each call (AnsweredBy: human, machine_start, fax...).
ALTER TABLE shirase_incident ADD COLUMN open_key VARCHAR(64);
CREATE UNIQUE INDEX shirase_incident_open_key ON shirase_incident (open_key);
ALTER TABLE shirase_incident ADD COLUMN failed_at BIGINT;
ALTER TABLE shirase_incident ADD COLUMN failure VARCHAR(500);
ALTER TABLE shirase_incident ADD COLUMN held BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE shirase_incident_call ADD COLUMN answered_by VARCHAR(30);
CREATE TABLE shirase_incident_alert (
    incident_id VARCHAR(40) NOT NULL,
    fingerprint VARCHAR(64) NOT NULL,
    PRIMARY KEY (incident_id, fingerprint)
);
