-- 014 an expert confirms that an old answer still holds, or adds an update to it.
ALTER TABLE answers ADD COLUMN confirmed_at INTEGER;
ALTER TABLE answers ADD COLUMN addendum TEXT;
