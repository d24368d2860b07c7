-- A number to call again (it did not answer, or did not join) once due_at has passed: kept in the store so a
-- restart forgets no redial. A replica claims one by deleting its row.
CREATE TABLE shirase_alert_redial (
    incident_id VARCHAR(40) NOT NULL,
    number      VARCHAR(20) NOT NULL,
    attempt     INT         NOT NULL,
    due_at      BIGINT      NOT NULL,
    PRIMARY KEY (incident_id, number, attempt)
);
CREATE INDEX shirase_alert_redial_due ON shirase_alert_redial (due_at);
