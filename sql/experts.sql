-- sql/experts.sql — the statements of src/store/experts.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- @SQL_UPSERT
INSERT INTO experts(account_id, display_name, prefecture, remote, modes, hours_per_week,
on_call, languages, bio, employer, employer_supports, background, ethics_accepted_at, v_modes,
v_hours_per_week, v_on_call, v_languages, v_bio, v_employer, v_employer_supports, v_background,
v_conflicts, v_ethics_accepted, v_modules, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5,
?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25,
?25) ON
CONFLICT(account_id) DO UPDATE SET display_name = ?2, prefecture = ?3, remote = ?4, modes = ?5,
hours_per_week = ?6, on_call = ?7, languages = ?8, bio = ?9, employer = ?10, employer_supports =
?11, background = ?12, ethics_accepted_at = ?13, v_modes = ?14, v_hours_per_week = ?15,
v_on_call = ?16, v_languages = ?17, v_bio = ?18, v_employer = ?19, v_employer_supports = ?20,
v_background = ?21, v_conflicts = ?22, v_ethics_accepted = ?23, v_modules = ?24,
updated_at = ?25

-- @SQL_DEL_SERVES
DELETE FROM expert_serves WHERE expert_id = ?

-- @SQL_DEL_SKILLS
DELETE FROM expert_skills WHERE expert_id = ?

-- @SQL_DEL_ROLES
DELETE FROM expert_roles WHERE expert_id = ?

-- @SQL_DEL_CONFLICTS
DELETE FROM expert_conflicts WHERE expert_id = ?

-- @SQL_ADD_SERVE
INSERT OR IGNORE INTO expert_serves(expert_id, prefecture) VALUES (?, ?)

-- @SQL_ADD_SKILL
INSERT INTO expert_skills(expert_id, skill, level) VALUES (?, ?, ?) ON CONFLICT(expert_id,
skill) DO UPDATE SET level = excluded.level

-- @SQL_ADD_ROLE
INSERT OR IGNORE INTO expert_roles(expert_id, role) VALUES (?, ?)

-- @SQL_ADD_CONFLICT
INSERT OR IGNORE INTO expert_conflicts(expert_id, name) VALUES (?, ?)

-- @SQL_GET
SELECT display_name, prefecture, remote, modes, hours_per_week, on_call, languages, bio,
employer, employer_supports, background, coalesce(ethics_accepted_at, 0), hidden, v_modes,
v_hours_per_week, v_on_call, v_languages, v_bio, v_employer, v_employer_supports, v_background,
v_conflicts, v_ethics_accepted, v_modules FROM experts WHERE account_id = ?

-- @SQL_GET_SERVES
SELECT prefecture FROM expert_serves WHERE expert_id = ? ORDER BY prefecture

-- @SQL_GET_SKILLS
SELECT k.skill, k.level FROM expert_skills k JOIN skills s ON s.code = k.skill WHERE k.expert_id
= ? ORDER BY s.sort

-- @SQL_GET_ROLES
SELECT r.role FROM expert_roles r JOIN expert_role_types t ON t.code = r.role WHERE r.expert_id
= ? ORDER BY t.sort

-- @SQL_GET_CONFLICTS
SELECT name FROM expert_conflicts WHERE expert_id = ? ORDER BY name

-- @SQL_LATEST_CERT
SELECT {CERTIFICATE_COLS} FROM certificates WHERE expert_id = ? ORDER BY id DESC LIMIT 1

-- @SQL_SET_HIDDEN
UPDATE experts SET hidden = ?, hidden_reason = ?, updated_at = ? WHERE account_id = ?

-- @SQL_IDS_AFTER
SELECT account_id FROM experts WHERE account_id > ? ORDER BY account_id LIMIT ?
