-- Escalation: an incident's tiers (called in order until someone presses 1), when it was acknowledged and by
-- whom, or when it ended unanswered; and its next escalation step, kept so a restart or another replica carries on.
ALTER TABLE shirase_incident ADD COLUMN acked_at BIGINT;
ALTER TABLE shirase_incident ADD COLUMN acked_by VARCHAR(100);
ALTER TABLE shirase_incident ADD COLUMN unanswered_at BIGINT;
CREATE TABLE shirase_alert_tier (
    incident_id VARCHAR(40)  NOT NULL,
    tier        INT          NOT NULL,
    numbers     VARCHAR(400) NOT NULL,
    PRIMARY KEY (incident_id, tier)
);
CREATE TABLE shirase_alert_escalation (
    incident_id VARCHAR(40) NOT NULL,
    step        INT         NOT NULL,
    due_at      BIGINT      NOT NULL,
    PRIMARY KEY (incident_id, step)
);
CREATE INDEX shirase_alert_escalation_due ON shirase_alert_escalation (due_at);
