-- The secondary indexes of the task tables that a bulk load dropped, to be
-- built again at its end (store_bulk.c); a load that stopped half-way leaves
-- its rows here and the next open builds them.
CREATE TABLE bulk_index (
    name       TEXT PRIMARY KEY,
    definition TEXT NOT NULL
);
