-- A customer's search tokens in one row instead of a row each (decision 0018).
-- customer_search_token held about 22 rows per customer, each in two B-trees (its primary key
-- and the customer_id index): 45 of the 50 index entries a customer cost, and H2 writes about
-- 90,000 a second, so imports ran at 2,000 customers a second. The search answers from the
-- in-memory index (decision 0014), built from this table; until it is built, and while it is
-- stale after a write, SQL finds a prefix with LIKE on search_text.
--   search_text  every token of the customer (SearchTokens.of), each preceded by U+001F (the
--                unit separator, which SearchTokens never lets into a token): a term is a prefix
--                of a token when search_text LIKE '%' || U+001F || term || '%'
-- A table of its own, not a column of customer: H2 reads a whole row to test one column, and
-- a scan of the customers' 28 columns took 10 times as long as one of these narrow rows
-- (0.4 s against 0.035 s at 100,000 customers), and every other read of customer rows (pages
-- of the list, foreign-key checks of each purchase) would carry the text too.
CREATE TABLE customer_search (
    customer_id  BIGINT            NOT NULL,
    search_text  VARCHAR(1000000)  NOT NULL,
    CONSTRAINT pk_customer_search PRIMARY KEY (customer_id),
    CONSTRAINT fk_customer_search_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE CASCADE
);

-- The tokens of the stores made before this step, in one grouping of the whole table. The
-- condition on customer_id makes H2 read the table through its customer_id index and group
-- one customer at a time ("group sorted" in its plan); without it H2 read the primary key in
-- token order and held every customer's group at once: at 100,000 customers (2.2 million
-- tokens) that ran out of the window's 320 MB heap, and grouped this way it needs less than
-- 64 MB (8 s).
INSERT INTO customer_search (customer_id, search_text)
SELECT t.customer_id, LISTAGG(CHAR(31) || t.token, '') WITHIN GROUP (ORDER BY t.token)
FROM customer_search_token t
WHERE t.customer_id >= 0
GROUP BY t.customer_id;

DROP TABLE customer_search_token;
