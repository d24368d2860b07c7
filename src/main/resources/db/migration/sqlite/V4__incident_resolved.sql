-- An incident opened by a monitoring tool (Alertmanager, Grafana) ends when the tool says it is resolved.
ALTER TABLE shirase_incident ADD COLUMN resolved_at BIGINT;
