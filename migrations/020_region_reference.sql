-- 020 a reference count per prefecture that an admin uploads (for example the
-- number of establishments in the Economic Census, as e-Stat publishes it), so
-- the map can show figures per 10,000 of it. One reference at a time; its label
-- says what it is.
CREATE TABLE region_reference (
  pref  TEXT PRIMARY KEY REFERENCES prefectures(code),
  value INTEGER NOT NULL CHECK (value > 0)
);
INSERT INTO settings(key, value) VALUES ('region_reference_label', '');

-- A prefecture's requests of the last year (the skills its companies asked for).
CREATE INDEX requests_filed ON requests(filed_in, created_at);

-- Communities and desks change the registry's figures and the regional types, which the
-- dashboard caches by the registry's generation, not by the activity's.
DROP TRIGGER region_community_i;
DROP TRIGGER region_community_d;
DROP TRIGGER region_desk_i;
CREATE TRIGGER region_community_i AFTER INSERT ON community_prefectures BEGIN
  UPDATE settings SET value = value + 1 WHERE key = 'registry_gen';
END;
CREATE TRIGGER region_community_d AFTER DELETE ON community_prefectures BEGIN
  UPDATE settings SET value = value + 1 WHERE key = 'registry_gen';
END;
CREATE TRIGGER region_desk_i AFTER INSERT ON desks BEGIN
  UPDATE settings SET value = value + 1 WHERE key = 'registry_gen';
END;
CREATE TRIGGER region_desk_u AFTER UPDATE OF community_id, prefecture ON desks BEGIN
  UPDATE settings SET value = value + 1 WHERE key = 'registry_gen';
END;
CREATE TRIGGER region_company_i AFTER INSERT ON companies BEGIN
  UPDATE settings SET value = value + 1 WHERE key = 'registry_gen';
END;
CREATE TRIGGER region_company_u AFTER UPDATE OF industry, prefecture ON companies BEGIN
  UPDATE settings SET value = value + 1 WHERE key = 'registry_gen';
END;
