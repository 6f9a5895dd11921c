-- 027 which experts changed: every change to what the directory and matching read of an
-- expert (the profile and its lists, certificates, cases assigned, closed and rated) adds
-- the expert's id here, in order. Each server process holds the registry in memory and
-- reloads only the experts logged after the last change it read; a process that finds
-- the log pruned past that point reloads everything. The worker keeps the last 100,000.
CREATE TABLE registry_changes (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  expert_id INTEGER NOT NULL
);

CREATE TRIGGER experts_log_i AFTER INSERT ON experts BEGIN
  INSERT INTO registry_changes(expert_id) VALUES (NEW.account_id); END;
CREATE TRIGGER experts_log_u AFTER UPDATE ON experts BEGIN
  INSERT INTO registry_changes(expert_id) VALUES (NEW.account_id); END;
CREATE TRIGGER experts_log_d AFTER DELETE ON experts BEGIN
  INSERT INTO registry_changes(expert_id) VALUES (OLD.account_id); END;

CREATE TRIGGER expert_skills_log_i AFTER INSERT ON expert_skills BEGIN
  INSERT INTO registry_changes(expert_id) VALUES (NEW.expert_id); END;
CREATE TRIGGER expert_skills_log_u AFTER UPDATE ON expert_skills BEGIN
  INSERT INTO registry_changes(expert_id) VALUES (NEW.expert_id); END;
CREATE TRIGGER expert_skills_log_d AFTER DELETE ON expert_skills BEGIN
  INSERT INTO registry_changes(expert_id) VALUES (OLD.expert_id); END;
CREATE TRIGGER expert_roles_log_i AFTER INSERT ON expert_roles BEGIN
  INSERT INTO registry_changes(expert_id) VALUES (NEW.expert_id); END;
CREATE TRIGGER expert_roles_log_d AFTER DELETE ON expert_roles BEGIN
  INSERT INTO registry_changes(expert_id) VALUES (OLD.expert_id); END;
CREATE TRIGGER expert_serves_log_i AFTER INSERT ON expert_serves BEGIN
  INSERT INTO registry_changes(expert_id) VALUES (NEW.expert_id); END;
CREATE TRIGGER expert_serves_log_d AFTER DELETE ON expert_serves BEGIN
  INSERT INTO registry_changes(expert_id) VALUES (OLD.expert_id); END;
CREATE TRIGGER expert_conflicts_log_i AFTER INSERT ON expert_conflicts BEGIN
  INSERT INTO registry_changes(expert_id) VALUES (NEW.expert_id); END;
CREATE TRIGGER expert_conflicts_log_d AFTER DELETE ON expert_conflicts BEGIN
  INSERT INTO registry_changes(expert_id) VALUES (OLD.expert_id); END;

CREATE TRIGGER certificates_log_i AFTER INSERT ON certificates BEGIN
  INSERT INTO registry_changes(expert_id) VALUES (NEW.expert_id); END;
CREATE TRIGGER certificates_log_u AFTER UPDATE ON certificates BEGIN
  INSERT INTO registry_changes(expert_id) VALUES (NEW.expert_id); END;
CREATE TRIGGER certificates_log_d AFTER DELETE ON certificates BEGIN
  INSERT INTO registry_changes(expert_id) VALUES (OLD.expert_id); END;

-- open cases, the last assignment and ratings
CREATE TRIGGER request_assignees_log_i AFTER INSERT ON request_assignees BEGIN
  INSERT INTO registry_changes(expert_id) VALUES (NEW.expert_id); END;
CREATE TRIGGER request_assignees_log_d AFTER DELETE ON request_assignees BEGIN
  INSERT INTO registry_changes(expert_id) VALUES (OLD.expert_id); END;
CREATE TRIGGER requests_log_status AFTER UPDATE OF status ON requests
WHEN OLD.status IS NOT NEW.status BEGIN
  INSERT INTO registry_changes(expert_id)
    SELECT expert_id FROM request_assignees WHERE request_id = NEW.id; END;
CREATE TRIGGER ratings_log_i AFTER INSERT ON ratings BEGIN
  INSERT INTO registry_changes(expert_id)
    SELECT expert_id FROM request_assignees WHERE request_id = NEW.request_id; END;
CREATE TRIGGER ratings_log_u AFTER UPDATE ON ratings BEGIN
  INSERT INTO registry_changes(expert_id)
    SELECT expert_id FROM request_assignees WHERE request_id = NEW.request_id; END;
CREATE TRIGGER ratings_log_d AFTER DELETE ON ratings BEGIN
  INSERT INTO registry_changes(expert_id)
    SELECT expert_id FROM request_assignees WHERE request_id = OLD.request_id; END;
