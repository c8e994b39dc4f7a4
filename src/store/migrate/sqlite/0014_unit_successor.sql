-- Units after Nghị quyết 202/2025/QH15 (giaoban unit import-catalogue).
--
-- A code names a unit only together with the days it was in force: a new commune
-- of 1 July 2025 usually keeps the official code of one of the old units merged
-- into it (Phường Cửa Lò is 16732, the old code of Phường Nghi Hương), and both
-- stay in the database, the old one closed. So a code is unique per valid_from,
-- no longer alone. SQLite cannot drop a column's UNIQUE, so the table is made
-- again with its rows and ids: with the foreign keys deferred, the rows that
-- reference a unit are orphaned when the old table goes and adopted again as the
-- same ids come back, all before the migration's transaction commits (which
-- checks that none is left orphaned).
--
-- A closed unit may go into several units (an old commune split among new
-- ones): unit_successor holds every one; unit.successor_id stays the main one,
-- for what reads it (the merger cover, the tree). Readers of the full set take
-- both (`unit close --successor` sets successor_id alone); the successors of
-- units closed before this migration are copied here.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE unit_0014 AS SELECT * FROM unit;
DROP TABLE unit;
CREATE TABLE unit (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL,
    name         TEXT NOT NULL,
    short_name   TEXT,
    kind         TEXT NOT NULL,
    parent_id    INTEGER REFERENCES unit(id),
    head_name    TEXT,
    head_title   TEXT,
    valid_from   INTEGER,
    valid_to     INTEGER,
    successor_id INTEGER REFERENCES unit(id),
    created_at   TEXT NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id),
    CHECK (successor_id IS NULL OR successor_id <> id),
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
INSERT INTO unit (id, code, name, short_name, kind, parent_id, head_name, head_title,
                  valid_from, valid_to, successor_id, created_at)
    SELECT id, code, name, short_name, kind, parent_id, head_name, head_title,
           valid_from, valid_to, successor_id, created_at
    FROM unit_0014 ORDER BY id;
DROP TABLE unit_0014;
CREATE INDEX unit_parent ON unit(parent_id);
CREATE UNIQUE INDEX unit_code_from ON unit(code, coalesce(valid_from, -2147483648));

CREATE TABLE unit_successor (
    unit_id      INTEGER NOT NULL REFERENCES unit(id),
    successor_id INTEGER NOT NULL REFERENCES unit(id),
    PRIMARY KEY (unit_id, successor_id),
    CHECK (unit_id <> successor_id)
);
CREATE INDEX unit_successor_to ON unit_successor(successor_id);
INSERT INTO unit_successor (unit_id, successor_id)
    SELECT id, successor_id FROM unit WHERE successor_id IS NOT NULL;
