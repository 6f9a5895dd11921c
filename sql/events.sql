-- sql/events.sql — the statements of src/store/events.c (see sql/accounts.sql for the form).

-- @SQL_INSERT
INSERT INTO events(title, kind, audience, starts_at, ends_at, prefecture, venue, online, capacity,
  community_id, desk_id, cpd_points, description, created_by, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)

-- @SQL_UPDATE
UPDATE events SET title = ?2, kind = ?3, audience = ?4, starts_at = ?5, ends_at = ?6,
  prefecture = ?7, venue = ?8, online = ?9, capacity = ?10, cpd_points = ?11, description = ?12,
  updated_at = ?13 WHERE id = ?1

-- @SQL_CANCEL
UPDATE events SET status = 'cancelled', updated_at = ?2 WHERE id = ?1 AND status = 'scheduled'

-- @SQL_GET
SELECT id, title, kind, audience, starts_at, ends_at, prefecture, venue, online, capacity,
  coalesce(community_id, 0), coalesce(desk_id, 0), cpd_points, description, status, registered,
  waiting, coalesce(created_by, 0),
  coalesce((SELECT name FROM communities c WHERE c.id = e.community_id), ''),
  coalesce((SELECT name FROM desks d WHERE d.id = e.desk_id), '')
FROM events e WHERE id = ?

-- @SQL_SKILLS
SELECT skill FROM event_skills WHERE event_id = ? ORDER BY skill
-- @SQL_SKILLS_DEL
DELETE FROM event_skills WHERE event_id = ?1
-- @SQL_SKILLS_ADD
INSERT OR IGNORE INTO event_skills(event_id, skill) VALUES (?1, ?2)

-- The filters of a list: events not over at ?1 (a range of the index events_upcoming),
-- starting on or after ?2 and before ?3 (NULL: any), of kind ?4, covering skill ?5, in prefecture ?6, of
-- community ?7 (NULL: any), giving at least ?8 CPD points.
-- @EVENTS_WHERE
e.status = 'scheduled' AND e.ends_at > ?1
  AND (?2 IS NULL OR e.starts_at >= ?2) AND (?3 IS NULL OR e.starts_at < ?3)
  AND (?4 IS NULL OR e.kind = ?4)
  AND (?5 IS NULL OR EXISTS (SELECT 1 FROM event_skills s WHERE s.event_id = e.id AND s.skill = ?5))
  AND (?6 IS NULL OR e.prefecture = ?6) AND (?7 IS NULL OR e.community_id = ?7)
  AND e.cpd_points >= ?8

-- Upcoming first, nearest first when ?9 names the caller's prefecture: that prefecture,
-- then online events and the neighbours ?10 (a JSON list), then the rest of its block ?11,
-- then the rest of Japan; within a tier by start. ?12 rows after ?13.
-- @SQL_LIST
SELECT e.id, CASE WHEN ?9 IS NULL OR e.prefecture = ?9 THEN 0
  WHEN e.online = 1 OR e.prefecture IN (SELECT value FROM json_each(?10)) THEN 1
  WHEN e.prefecture IN (SELECT value FROM json_each(?11)) THEN 2 ELSE 3 END AS tier
FROM events e WHERE {EVENTS_WHERE}
ORDER BY tier, e.starts_at, e.id LIMIT ?12 OFFSET ?13

-- @SQL_COUNT
SELECT count(*) FROM events e WHERE {EVENTS_WHERE}

-- An account's registration of an event.
-- @SQL_REG_GET
SELECT status, seq, attended FROM event_registrations WHERE event_id = ?1 AND account_id = ?2

-- @SQL_REG_PUT
INSERT INTO event_registrations(event_id, account_id, status, seq, created_at, updated_at)
VALUES (?1, ?2, ?3, (SELECT coalesce(max(seq), 0) + 1 FROM event_registrations WHERE event_id = ?1),
        ?4, ?4)
ON CONFLICT(event_id, account_id) DO UPDATE SET status = excluded.status, seq = excluded.seq,
  attended = 0, updated_at = excluded.updated_at

-- @SQL_REG_STATUS
UPDATE event_registrations SET status = ?3, updated_at = ?4 WHERE event_id = ?1 AND account_id = ?2

-- The first on the waiting list.
-- @SQL_REG_FIRST_WAITING
SELECT account_id FROM event_registrations WHERE event_id = ?1 AND status = 'waitlisted'
ORDER BY seq LIMIT 1

-- The places taken and the waiting list, counted again from the registrations.
-- @SQL_RECOUNT
UPDATE events SET
  registered = (SELECT count(*) FROM event_registrations r WHERE r.event_id = events.id
                AND r.status = 'registered'),
  waiting = (SELECT count(*) FROM event_registrations r WHERE r.event_id = events.id
             AND r.status = 'waitlisted')
WHERE id = ?1

-- The position on the waiting list of a waitlisted account (1 = next).
-- @SQL_REG_POSITION
SELECT count(*) FROM event_registrations WHERE event_id = ?1 AND status = 'waitlisted'
  AND seq <= (SELECT seq FROM event_registrations WHERE event_id = ?1 AND account_id = ?2)

-- Everyone registered or waiting, in order: places first, then the waiting list.
-- @SQL_REGISTRANTS
SELECT r.account_id, a.display_name, a.role, r.status, r.seq, r.attended, r.created_at
FROM event_registrations r JOIN accounts a ON a.id = r.account_id
WHERE r.event_id = ?1 AND r.status <> 'cancelled'
ORDER BY r.status = 'waitlisted', r.seq LIMIT ?2

-- @SQL_ATTEND
UPDATE event_registrations SET attended = ?3, updated_at = ?4
WHERE event_id = ?1 AND account_id = ?2 AND status = 'registered'

-- CPD for an attended event: verified, once per expert and event.
-- @SQL_CPD_GRANT
INSERT INTO cpd_activities(expert_id, kind, hours_tenths, points, date, note, created_at, event_id)
SELECT ?2, 'event', ?3, ?4, ?5, ?6, ?7, ?1 WHERE EXISTS (SELECT 1 FROM experts WHERE account_id = ?2)
ON CONFLICT DO NOTHING
-- @SQL_CPD_REVOKE
DELETE FROM cpd_activities WHERE event_id = ?1 AND expert_id = ?2

-- An account's events (registered or waiting), soonest first, from ?2 on.
-- @SQL_OF_ACCOUNT
SELECT r.event_id FROM event_registrations r JOIN events e ON e.id = r.event_id
WHERE r.account_id = ?1 AND r.status <> 'cancelled' AND e.ends_at > ?2
ORDER BY e.starts_at, e.id LIMIT ?3

-- Events starting within the next day that have not been reminded of, and who to remind.
-- @SQL_DUE_REMINDERS
SELECT id FROM events WHERE status = 'scheduled' AND reminded_at IS NULL
  AND starts_at > ?1 AND starts_at <= ?1 + 86400 ORDER BY starts_at LIMIT ?2
-- @SQL_REMINDED
UPDATE events SET reminded_at = ?2 WHERE id = ?1
-- @SQL_PEOPLE
SELECT account_id FROM event_registrations WHERE event_id = ?1 AND status <> 'cancelled'
ORDER BY seq LIMIT ?2

-- Organisers: members of a community an admin marked.
-- @SQL_IS_ORGANISER
SELECT count(*) FROM community_members WHERE community_id = ?1 AND expert_id = ?2 AND organiser = 1
-- @SQL_SET_ORGANISER
UPDATE community_members SET organiser = ?3 WHERE community_id = ?1 AND expert_id = ?2
-- @SQL_IS_OPERATOR
SELECT count(*) FROM desk_operators WHERE desk_id = ?1 AND account_id = ?2

-- The secret of an account's calendar feed.
-- @SQL_SECRET_GET
SELECT secret FROM calendar_secrets WHERE account_id = ?1
-- @SQL_SECRET_PUT
INSERT INTO calendar_secrets(account_id, secret, created_at) VALUES (?1, ?2, ?3)
ON CONFLICT(account_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at
-- @SQL_SECRET_OWNER
SELECT account_id FROM calendar_secrets WHERE secret = ?1

-- The communities an account organises.
-- @SQL_ORGANISED
SELECT community_id FROM community_members WHERE expert_id = ?1 AND organiser = 1
ORDER BY community_id LIMIT ?2

-- The course modules an event's session covers.
-- @SQL_MODULES
SELECT module FROM event_modules WHERE event_id = ? ORDER BY module
-- @SQL_MODULES_DEL
DELETE FROM event_modules WHERE event_id = ?1
-- @SQL_MODULES_ADD
INSERT OR IGNORE INTO event_modules(event_id, module) VALUES (?1, ?2)

-- An expert who attended completes the modules the session covers; unmarked, loses them.
-- @SQL_MODULES_GRANT
INSERT OR IGNORE INTO module_completions(account_id, module, event_id, completed_at)
SELECT ?2, m.module, ?1, ?3 FROM event_modules m
WHERE m.event_id = ?1 AND EXISTS (SELECT 1 FROM experts WHERE account_id = ?2)
-- @SQL_MODULES_REVOKE
DELETE FROM module_completions WHERE event_id = ?1 AND account_id = ?2

-- Upcoming events for companies (or everyone) that cover one of the skills ?2 (a JSON list),
-- near ?3: that prefecture, then online events and the neighbours ?4, then its block ?5;
-- nothing further away. ?6 rows. Read from the skills' index (event_skills_skill): 2 ms at
-- 10,000 events against 7 ms walking every event to come (it is on every self-check result).
-- @SQL_FOR_SKILLS
SELECT id FROM (
  SELECT e.id, e.starts_at, CASE WHEN e.prefecture = ?3 THEN 0
    WHEN e.online = 1 OR e.prefecture IN (SELECT value FROM json_each(?4)) THEN 1
    WHEN e.prefecture IN (SELECT value FROM json_each(?5)) THEN 2 ELSE 3 END AS tier
  FROM event_skills s JOIN events e ON e.id = s.event_id
  WHERE s.skill IN (SELECT value FROM json_each(?2))
    AND e.status = 'scheduled' AND e.starts_at > ?1 AND e.audience <> 'experts'
  GROUP BY e.id)
WHERE tier < 3 ORDER BY tier, starts_at, id LIMIT ?6

-- A community's organisers.
-- @SQL_ORGANISERS
SELECT expert_id FROM community_members WHERE community_id = ?1 AND organiser = 1
ORDER BY expert_id LIMIT ?2

-- A calendar feed: what its entries show, of the events the list's filters ?1..?8 give,
-- soonest first; ?9 rows.
-- @SQL_FEED
SELECT e.id, e.title, e.starts_at, e.ends_at, e.venue, e.online, e.description, e.status
FROM events e WHERE {EVENTS_WHERE} ORDER BY e.starts_at, e.id LIMIT ?9

-- The same for an account's own events (registered or waiting), cancelled ones included.
-- @SQL_FEED_OF_ACCOUNT
SELECT e.id, e.title, e.starts_at, e.ends_at, e.venue, e.online, e.description, e.status
FROM event_registrations r JOIN events e ON e.id = r.event_id
WHERE r.account_id = ?1 AND r.status <> 'cancelled' AND e.ends_at > ?2
ORDER BY e.starts_at, e.id LIMIT ?3

-- The same in the prefecture ?3 alone, soonest first, from its own index (events_pref):
-- when it fills the ?6 rows, the wider search is not needed.
-- @SQL_FOR_SKILLS_HERE
SELECT e.id FROM events e WHERE e.prefecture = ?3 AND e.starts_at > ?1
  AND e.status = 'scheduled' AND e.audience <> 'experts'
  AND EXISTS (SELECT 1 FROM event_skills s WHERE s.event_id = e.id
              AND s.skill IN (SELECT value FROM json_each(?2)))
ORDER BY e.starts_at, e.id LIMIT ?6
