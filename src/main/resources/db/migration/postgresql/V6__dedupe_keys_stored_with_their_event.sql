-- A dedupe key is now written in the same transaction as the messages of its event, so a stored key always
-- means a stored event. Keys left unconfirmed by the old two-step acceptance belong to events that may never
-- have been stored: forget them, so the sender's next retry is accepted.
DELETE FROM shirase_dedupe WHERE confirmed = FALSE;
ALTER TABLE shirase_dedupe DROP COLUMN confirmed;
