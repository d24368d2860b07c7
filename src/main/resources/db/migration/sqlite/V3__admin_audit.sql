-- What operators did through the admin API: who (the token's name), what, when, to how many messages.
CREATE TABLE shirase_audit (
    at       BIGINT       NOT NULL,
    who      VARCHAR(100) NOT NULL,
    action   VARCHAR(50)  NOT NULL,
    detail   VARCHAR(500) NOT NULL,
    messages INT          NOT NULL
);
CREATE INDEX shirase_audit_at ON shirase_audit (at);
