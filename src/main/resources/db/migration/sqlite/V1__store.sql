-- The embedded store (SQLite). The same tables as the PostgreSQL migrations, in SQLite's dialect.
-- Times are epoch milliseconds (UTC).

-- Every outbound message, from the moment a flow accepts it until it is sent or dead. AUTOINCREMENT: an id is
-- never reused, so an id seen in the admin API never names another message later.
CREATE TABLE shirase_outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    channel         VARCHAR(32)      NOT NULL,
    -- the setting that holds the target (webhook URL...), never the target itself
    destination     VARCHAR(200)     NOT NULL,
    flow            VARCHAR(100)     NOT NULL,
    payload         TEXT             NOT NULL,
    summary         VARCHAR(2000)    NOT NULL,
    status          VARCHAR(16)      NOT NULL,
    attempts        INT              NOT NULL,
    created_at      BIGINT           NOT NULL,
    next_attempt_at BIGINT           NOT NULL,
    claimed_by      VARCHAR(100),
    claimed_until   BIGINT,
    sent_at         BIGINT,
    last_error      VARCHAR(500)
);
CREATE INDEX shirase_outbox_lane ON shirase_outbox (status, channel, destination, id);
CREATE INDEX shirase_outbox_created ON shirase_outbox (created_at);

-- One row per destination: when it may be sent to next (rate limit).
CREATE TABLE shirase_lane (
    channel      VARCHAR(32)  NOT NULL,
    destination  VARCHAR(200) NOT NULL,
    next_send_at BIGINT       NOT NULL,
    PRIMARY KEY (channel, destination)
);

-- Events accepted (Clockify entry + start/stop, UiPath EventId, job + final state), each written in the same
-- transaction as the messages of its event.
CREATE TABLE shirase_dedupe (
    dedupe_key VARCHAR(300) PRIMARY KEY,
    created_at BIGINT       NOT NULL
);

-- What a scheduled flow remembers between runs (the issue index's last posted score per team).
CREATE TABLE shirase_state (
    state_key   VARCHAR(200)  PRIMARY KEY,
    state_value VARCHAR(2000) NOT NULL,
    updated_at  BIGINT        NOT NULL
);

-- Alert calls: one incident per alert, one row per number called in it.
CREATE TABLE shirase_incident (
    id          VARCHAR(40)   PRIMARY KEY,
    message_key VARCHAR(64)   NOT NULL,
    message     VARCHAR(1000) NOT NULL,
    conference  VARCHAR(200)  NOT NULL,
    created_at  BIGINT        NOT NULL
);
CREATE INDEX shirase_incident_message ON shirase_incident (message_key, created_at);

CREATE TABLE shirase_incident_call (
    incident_id VARCHAR(40)  NOT NULL,
    number      VARCHAR(20)  NOT NULL,
    attempts    INT          NOT NULL,
    call_sid    VARCHAR(64),
    status      VARCHAR(20)  NOT NULL,
    answered    BOOLEAN      NOT NULL,
    joined      BOOLEAN      NOT NULL,
    error       VARCHAR(500),
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (incident_id, number)
);
