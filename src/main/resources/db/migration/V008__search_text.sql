-- A customer's search tokens in one column of its row instead of a table (decision 0018).
-- customer_search_token held about 22 rows per customer, each in two B-trees (its primary key
-- and the customer_id index): 45 of the 50 index entries a customer cost, and H2 writes about
-- 90,000 a second, so imports ran at 2,000 customers a second. The search answers from the
-- in-memory index (decision 0014), built from this column; until it is built, and while it is
-- stale after a write, SQL finds a prefix with LIKE on this column.
--   search_text  every token of the customer (SearchTokens.of), each preceded by U+001F (the
--                unit separator, which SearchTokens never lets into a token): a term is a prefix
--                of a token when search_text LIKE '%' || U+001F || term || '%'
ALTER TABLE customer ADD COLUMN search_text VARCHAR(1000000) DEFAULT '' NOT NULL;

-- The tokens of the stores made before this step, one grouping of the whole table (a
-- correlated LISTAGG per customer may be planned as a scan per customer).
MERGE INTO customer c
USING (SELECT t.customer_id, LISTAGG(CHAR(31) || t.token, '') WITHIN GROUP (ORDER BY t.token) AS tokens
       FROM customer_search_token t GROUP BY t.customer_id) g
ON c.id = g.customer_id
WHEN MATCHED THEN UPDATE SET search_text = g.tokens;

DROP TABLE customer_search_token;
