-- Claims up to `batch` public appeal events whose e-mails are not sent yet (the outbox of
-- appeals.notifications.notify_pending), oldest first, created at or after `since`: marks them notified
-- and returns their ids. SKIP LOCKED: a sweep running beside this one claims other rows, never these.
-- "Public" as appeals.events.is_public_event: a public response, or a real status change.
-- Index: appeals_event_pending_idx (id) WHERE notified_at IS NULL AND public.
-- Params: since timestamptz, batch int.
UPDATE appeals_appealevent e
SET notified_at = now()
WHERE e.id IN (
  SELECT p.id FROM appeals_appealevent p
  WHERE p.notified_at IS NULL
    AND (p.public_response <> '' OR (p.to_status <> '' AND p.to_status <> p.from_status))
    AND p.at >= %(since)s
  ORDER BY p.id
  LIMIT %(batch)s
  FOR UPDATE SKIP LOCKED
)
RETURNING e.id
