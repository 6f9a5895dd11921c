-- 007 a generation number for the registry: every change to what the directory
-- search reads bumps it, so cached search results (in every server process) know
-- when they are stale.
INSERT INTO settings(key, value) VALUES ('registry_gen', 0);

CREATE TRIGGER experts_gen_i AFTER INSERT ON experts BEGIN UPDATE settings SET value = value + 1 WHERE key = 'registry_gen'; END;
CREATE TRIGGER experts_gen_u AFTER UPDATE ON experts BEGIN UPDATE settings SET value = value + 1 WHERE key = 'registry_gen'; END;
CREATE TRIGGER experts_gen_d AFTER DELETE ON experts BEGIN UPDATE settings SET value = value + 1 WHERE key = 'registry_gen'; END;
CREATE TRIGGER expert_skills_gen_i AFTER INSERT ON expert_skills BEGIN UPDATE settings SET value = value + 1 WHERE key = 'registry_gen'; END;
CREATE TRIGGER expert_skills_gen_d AFTER DELETE ON expert_skills BEGIN UPDATE settings SET value = value + 1 WHERE key = 'registry_gen'; END;
CREATE TRIGGER expert_skills_gen_u AFTER UPDATE ON expert_skills BEGIN UPDATE settings SET value = value + 1 WHERE key = 'registry_gen'; END;
CREATE TRIGGER expert_serves_gen_i AFTER INSERT ON expert_serves BEGIN UPDATE settings SET value = value + 1 WHERE key = 'registry_gen'; END;
CREATE TRIGGER expert_serves_gen_d AFTER DELETE ON expert_serves BEGIN UPDATE settings SET value = value + 1 WHERE key = 'registry_gen'; END;
CREATE TRIGGER expert_roles_gen_i AFTER INSERT ON expert_roles BEGIN UPDATE settings SET value = value + 1 WHERE key = 'registry_gen'; END;
CREATE TRIGGER expert_roles_gen_d AFTER DELETE ON expert_roles BEGIN UPDATE settings SET value = value + 1 WHERE key = 'registry_gen'; END;
CREATE TRIGGER certificates_gen_i AFTER INSERT ON certificates BEGIN UPDATE settings SET value = value + 1 WHERE key = 'registry_gen'; END;
CREATE TRIGGER certificates_gen_u AFTER UPDATE OF status ON certificates BEGIN UPDATE settings SET value = value + 1 WHERE key = 'registry_gen'; END;
CREATE TRIGGER certificates_gen_d AFTER DELETE ON certificates BEGIN UPDATE settings SET value = value + 1 WHERE key = 'registry_gen'; END;
