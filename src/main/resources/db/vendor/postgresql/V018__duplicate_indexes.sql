-- Four indexes that H2 keeps twice (issue 13; docs/decisions/0038-indexes-h2-kept-twice.md).
-- H2 gives every foreign key an index of its own on exactly its columns unless one is there
-- already; these four were made by a later statement of the same migration, beside the foreign
-- key's, on the same single column. Every purchase wrote its ledger lot into both point_entry
-- indexes on purchase_id, and a bulk load of purchases built both again (about 2 s at a million
-- purchases). The foreign keys' own indexes stay and answer the same lookups.
-- PostgreSQL gives a foreign key no index: there these are the only ones and stay (its V018).
DROP INDEX ix_point_entry_purchase;
DROP INDEX ix_survey_answer_response;
DROP INDEX ix_survey_answer_question;
DROP INDEX ix_duplicate_dismissal_high;
