-- Optimistic locking of a customer's profile (issue 17, item 4; decision 0031): row_version counts
-- the changes of the row. A profile is read with it, and a save changes the row only while it is
-- still the one read (UPDATE ... SET row_version = row_version + 1 WHERE id = ? AND row_version = ?),
-- so a save made on another computer since is never silently overwritten. Every other change of
-- the row (an import, archiving, a tag for many, a merge, an erasure) counts too.
ALTER TABLE customer ADD COLUMN row_version INT DEFAULT 0 NOT NULL;
