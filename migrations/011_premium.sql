-- 011 premium access to the full Q&A archive, given by an admin or a desk.
ALTER TABLE accounts ADD COLUMN premium INTEGER NOT NULL DEFAULT 0;
