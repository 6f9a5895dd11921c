-- 021 the self-assessments in the regional figures: a generation number that
-- changes whenever a company's figures start or stop counting (consent, a new
-- assessment, a move, a deletion), so the cached shares of weak companies per
-- prefecture know when they are stale.
INSERT INTO settings(key, value) VALUES ('assess_gen', 0);
CREATE TRIGGER region_assessment_u AFTER UPDATE OF counted_in ON assessments BEGIN
  UPDATE settings SET value = value + 1 WHERE key = 'assess_gen';
END;
CREATE TRIGGER region_assessment_d AFTER DELETE ON assessments WHEN OLD.counted_in IS NOT NULL BEGIN
  UPDATE settings SET value = value + 1 WHERE key = 'assess_gen';
END;
CREATE TRIGGER region_assessment_i AFTER INSERT ON assessments WHEN NEW.counted_in IS NOT NULL BEGIN
  UPDATE settings SET value = value + 1 WHERE key = 'assess_gen';
END;
