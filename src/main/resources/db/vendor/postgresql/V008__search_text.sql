-- A customer's search tokens in one row instead of a row each (decision 0018): PostgreSQL's
-- form of db/vendor/h2/V008__search_text.sql (decision 0030). The same table; the tokens of an
-- older store are joined with string_agg and chr, where H2 has LISTAGG and CHAR. A store on a
-- server starts at V001 with no customers, so the INSERT finds nothing; it is here so that both
-- engines run the same steps.
CREATE TABLE customer_search (
    customer_id  BIGINT            NOT NULL,
    search_text  VARCHAR(1000000)  NOT NULL,
    CONSTRAINT pk_customer_search PRIMARY KEY (customer_id),
    CONSTRAINT fk_customer_search_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE CASCADE
);

INSERT INTO customer_search (customer_id, search_text)
SELECT t.customer_id, string_agg(chr(31) || t.token, '' ORDER BY t.token)
FROM customer_search_token t
GROUP BY t.customer_id;

DROP TABLE customer_search_token;
