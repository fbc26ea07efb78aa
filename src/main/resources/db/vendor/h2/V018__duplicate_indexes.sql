-- Indexes that H2 kept twice (issue 13; docs/decisions/0038-indexes-h2-kept-twice.md).
-- H2 gives every foreign key an index of its own on exactly its columns, unless one is there
-- already when the key is made. The four below were made after their foreign key, on the same
-- single column: H2 kept both. Every purchase wrote its ledger lot into both point_entry indexes
-- on purchase_id, and a bulk load of purchases built both again (about 2 s at a million
-- purchases). The foreign keys' own indexes stay and answer the same lookups.
DROP INDEX ix_point_entry_purchase;
DROP INDEX ix_survey_answer_response;
DROP INDEX ix_survey_answer_question;
DROP INDEX ix_duplicate_dismissal_high;
-- A coupon's purchase: V007 made the foreign key before the unique constraint on the same column,
-- so H2 made an index for each. Made again now, the key uses the unique constraint's index.
ALTER TABLE coupon DROP CONSTRAINT fk_coupon_purchase;
ALTER TABLE coupon ADD CONSTRAINT fk_coupon_purchase FOREIGN KEY (purchase_id) REFERENCES purchase (id) ON DELETE SET NULL;
-- PostgreSQL gives a foreign key no index: there the ix_ indexes are the only ones on their
-- columns and stay (its V018 does nothing).
