-- A new appeal, its contact and its creation event, written by one statement: atomic by itself, so a
-- creation without photos needs no BEGIN / COMMIT round trips (with photos the caller wraps it and the
-- photo rows in one transaction). Every NOT NULL column is written here: a new column without a database
-- default must be added to this file (tests/appeals/test_intake.py files appeals through it).
-- Params: kind, status text; category_id bigint; text, address, author_public_name, source text;
--         area_id bigint|null (district); author_id int|null (the signed-in resident, also the event's actor);
--         created_at, due_at timestamptz; h3 bigint (res-15 cell); lon, lat float8 (degrees, EPSG:4326);
--         contact_name, contact_email, contact_phone text ('' when not given).
-- SRID: the point is stored in EPSG:4326, (lon, lat).
-- Output: one row (appeal_id bigint, event_id bigint).
WITH appeal AS (
  INSERT INTO appeals_appeal (
    kind, category_id, status, text, address, area_id, author_id, author_public_name, source, source_id,
    supports_count, escalation_level, created_at, updated_at, due_at, h3, geom)
  VALUES (
    %(kind)s, %(category_id)s, %(status)s, %(text)s, %(address)s, %(area_id)s, %(author_id)s,
    %(author_public_name)s, %(source)s, '', 0, 0, %(created_at)s, %(created_at)s, %(due_at)s, %(h3)s,
    ST_SetSRID(ST_MakePoint(%(lon)s::float8, %(lat)s::float8), 4326))
  RETURNING id
),
contact AS (
  INSERT INTO appeals_appealcontact (appeal_id, name, email, phone, original_text)
  SELECT appeal.id, %(contact_name)s, %(contact_email)s, %(contact_phone)s, '' FROM appeal
),
event AS (
  INSERT INTO appeals_appealevent (appeal_id, actor_id, from_status, to_status, public_response, internal_note, at)
  SELECT appeal.id, %(author_id)s, '', %(status)s, '', '', %(created_at)s FROM appeal
  RETURNING id
)
SELECT appeal.id, event.id FROM appeal, event;
