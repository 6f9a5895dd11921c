-- sql/taxonomy.sql — the statements of src/store/taxonomy.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- @SQL_GROUPS
SELECT code, name_ja, name_en FROM skill_groups ORDER BY sort

-- @SQL_SKILLS
SELECT code, grp, name_ja, name_en FROM skills ORDER BY sort

-- @SQL_LEVELS
SELECT skill, level, meaning_ja, meaning_en FROM skill_levels ORDER BY skill, level

-- @SQL_ROLES
SELECT code, name_ja, name_en FROM expert_role_types ORDER BY sort

-- @SQL_BACKGROUNDS
SELECT code, name_ja, name_en FROM backgrounds ORDER BY sort
