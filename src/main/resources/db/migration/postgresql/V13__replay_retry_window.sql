-- A replayed message gets a fresh retry window: shirase.delivery.give-up-after counts from its replay (retry_from),
-- not from when it was first accepted (created_at, still what the console and the counts show).
ALTER TABLE shirase_outbox ADD COLUMN retry_from BIGINT;
