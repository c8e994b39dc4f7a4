-- A change counter per lead unit. Every transaction that inserts or changes a
-- task adds one to its lead unit's counter (store_commit), in the same
-- transaction, so the sum of a set of units' counters changes whenever
-- anything a list of their tasks shows may have: one indexed read tells a
-- server whether an answer it keeps in memory is still right. A unit has up to
-- eight counters (shard: PostgreSQL connections add to the one of their
-- backend, so that writers to one unit do not queue on one locked row until
-- each other's commit); the stamp sums them. No foreign key: the counters are
-- bookkeeping, and a unit is never deleted.
CREATE TABLE task_gen (
    unit_id BIGINT NOT NULL,
    shard   INTEGER NOT NULL,
    gen     BIGINT NOT NULL,
    PRIMARY KEY (unit_id, shard)
);
