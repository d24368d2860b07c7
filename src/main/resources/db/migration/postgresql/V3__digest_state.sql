-- What a scheduled flow remembers between runs (the issue index's last posted score per team).
CREATE TABLE shirase_state (
    state_key   VARCHAR(200)  PRIMARY KEY,
    state_value VARCHAR(2000) NOT NULL,
    updated_at  BIGINT        NOT NULL
);
