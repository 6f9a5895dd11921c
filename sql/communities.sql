-- sql/communities.sql — the statements of src/store/communities.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- @SQL_INSERT
INSERT INTO communities(name, type, description, contact, created_at) VALUES (?, ?, ?, ?, ?)

-- @SQL_ADD_PREF
INSERT OR IGNORE INTO community_prefectures(community_id, prefecture) VALUES (?, ?)

-- @SQL_GET
SELECT id, name, type, description, contact, (SELECT count(*) FROM community_members m WHERE
m.community_id = c.id) FROM communities c WHERE id = ?

-- @SQL_PREFS
SELECT prefecture FROM community_prefectures WHERE community_id = ? ORDER BY prefecture

-- @SQL_OF_EXPERT
SELECT community_id FROM community_members WHERE expert_id = ? ORDER BY community_id LIMIT ?

-- @SQL_JOIN
INSERT INTO community_members(community_id, expert_id, joined_at) VALUES (?, ?, ?)

-- @SQL_LEAVE
DELETE FROM community_members WHERE community_id = ? AND expert_id = ?

-- @SQL_MEMBERS
SELECT m.expert_id FROM community_members m JOIN experts e ON e.account_id = m.expert_id WHERE
m.community_id = ? AND e.hidden = 0 ORDER BY m.joined_at, m.expert_id LIMIT ?
-- Communities of a type (?1, NULL for any) serving a prefecture (?2, NULL for any), north
-- to south (JIS codes run from Hokkaido to Okinawa), then by name: not by character code.
-- @SQL_LIST
SELECT id FROM communities c WHERE (?1 IS NULL OR type = ?1)
  AND (?2 IS NULL OR EXISTS (SELECT 1 FROM community_prefectures p
                             WHERE p.community_id = c.id AND p.prefecture = ?2))
  ORDER BY (SELECT min(prefecture) FROM community_prefectures p WHERE p.community_id = c.id),
           name, id
  LIMIT ?3
