-- Units after Nghị quyết 202/2025/QH15 (giaoban unit import-catalogue).
--
-- A code names a unit only together with the days it was in force: a new commune
-- of 1 July 2025 usually keeps the official code of one of the old units merged
-- into it (Phường Cửa Lò is 16732, the old code of Phường Nghi Hương), and both
-- stay in the database, the old one closed. So a code is unique per valid_from,
-- no longer alone.
--
-- A closed unit may go into several units (an old commune split among new
-- ones): unit_successor holds every one; unit.successor_id stays the main one,
-- for what reads it (the merger cover, the tree). Readers of the full set take
-- both (`unit close --successor` sets successor_id alone); the successors of
-- units closed before this migration are copied here.
ALTER TABLE unit DROP CONSTRAINT unit_code_key;
CREATE UNIQUE INDEX unit_code_from ON unit(code, coalesce(valid_from, -2147483648));

CREATE TABLE unit_successor (
    unit_id      BIGINT NOT NULL REFERENCES unit(id),
    successor_id BIGINT NOT NULL REFERENCES unit(id),
    PRIMARY KEY (unit_id, successor_id),
    CHECK (unit_id <> successor_id)
);
CREATE INDEX unit_successor_to ON unit_successor(successor_id);
INSERT INTO unit_successor (unit_id, successor_id)
    SELECT id, successor_id FROM unit WHERE successor_id IS NOT NULL;
