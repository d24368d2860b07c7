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
