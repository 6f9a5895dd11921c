-- @rebuild
-- 023 industry associations (業界団体) host communities and desks too, as the
-- regional types need: a community's type may now be 'association'. SQLite
-- cannot change a CHECK in place, so the table is rebuilt by its documented
-- steps (foreign keys are off while this runs; db_migrate checks them all
-- before it commits): new table, copy, drop, rename. Its members, its
-- prefectures and the desks it hosts keep their rows, which refer to it by id.
CREATE TABLE communities_new (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL CHECK (type IN ('chamber', 'municipality', 'association', 'network', 'vendor', 'university', 'police', 'other')),
  description TEXT NOT NULL DEFAULT '',
  contact     TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL
);
INSERT INTO communities_new(id, name, type, description, contact, created_at)
  SELECT id, name, type, description, contact, created_at FROM communities;
DROP TABLE communities;
ALTER TABLE communities_new RENAME TO communities;

-- A change of a community's type changes the regional types.
CREATE TRIGGER region_community_type AFTER UPDATE OF type ON communities BEGIN
  UPDATE settings SET value = value + 1 WHERE key = 'registry_gen';
END;
