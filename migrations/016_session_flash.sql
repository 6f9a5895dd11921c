-- A one-time message for the next page a session opens ("保存しました"), kept
-- in the session rather than the URL: a catalog key, NULL when none.
ALTER TABLE sessions ADD COLUMN flash TEXT;
