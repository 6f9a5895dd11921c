-- sql/seed.sql — the statements of src/store/seed.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- @SQL_MARK
INSERT INTO settings(key, value) VALUES (?, 1) ON CONFLICT(key) DO NOTHING

-- @SQL_MARKED
SELECT count(*) FROM settings WHERE key = ?
-- What seeding counts (store/seed.h's enum seed_count).
-- @SQL_COUNT_EXPERTS
SELECT count(*) FROM accounts WHERE email GLOB 'seed-[0-9]*@kakekomi.example'
-- @SQL_COUNT_COMPANIES
SELECT count(*) FROM accounts WHERE email GLOB 'seed-co-*@kakekomi.example'
-- @SQL_COUNT_ALL_EXPERTS
SELECT count(*) FROM experts
-- @SQL_FIRST_EXPERT
SELECT coalesce(min(account_id), 0) FROM experts
-- @SQL_COUNT_QUESTIONS
SELECT count(*) FROM questions

-- The generated companies and where they are, in the order they were made.
-- @SQL_COMPANIES
SELECT c.account_id, c.prefecture FROM companies c JOIN accounts a ON a.id = c.account_id
WHERE a.email GLOB 'seed-co-*@kakekomi.example' ORDER BY c.account_id LIMIT ?1

-- The generated experts' accounts, in order.
-- @SQL_EXPERT_IDS
SELECT id FROM accounts WHERE email GLOB 'seed-[0-9]*@kakekomi.example' ORDER BY id LIMIT ?1
-- @SQL_COUNT_EVENTS
SELECT count(*) FROM events
