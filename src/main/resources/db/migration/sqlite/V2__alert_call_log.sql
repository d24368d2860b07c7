-- Every call the alert call placed or is about to place (initial calls and redials), for the hourly call budget.
CREATE TABLE shirase_alert_call_log (
    incident_id VARCHAR(40) NOT NULL,
    number      VARCHAR(20) NOT NULL,
    placed_at   BIGINT      NOT NULL
);
CREATE INDEX shirase_alert_call_log_placed ON shirase_alert_call_log (placed_at);
CREATE INDEX shirase_incident_created ON shirase_incident (created_at);
