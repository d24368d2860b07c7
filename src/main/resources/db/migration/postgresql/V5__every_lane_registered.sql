-- Every destination with messages has a lane row from now on (claims walk the lanes, not the messages):
-- register the lanes of messages accepted before this version.
INSERT INTO shirase_lane (channel, destination, next_send_at)
SELECT DISTINCT o.channel, o.destination, 0 FROM shirase_outbox o
WHERE NOT EXISTS (SELECT 1 FROM shirase_lane l WHERE l.channel = o.channel AND l.destination = o.destination);
