-- Running totals of each unit's dossiers, so the briefing's tallies read a
-- few rows per unit instead of every dossier in hand (store_briefing.c).
-- dossier_total holds, per unit and month (year * 12 + month - 1), the
-- number of dossiers up to the end of that month: received, returned on time
-- and late (by return day), past due (due before that day: counted from the
-- day after the due day) and past due but returned on time (the same day). A unit has a row for every month from its first to its
-- last such day, the span kept in dossier_total_span (an empty span has
-- last_month < first_month), whose row is also what a writer locks.
-- The rows are filled from the dossiers already there by the program after
-- this migration (store_dossier_totals_rebuild).
CREATE TABLE dossier_total_span (
    unit_id     INTEGER PRIMARY KEY REFERENCES unit(id),
    first_month INTEGER NOT NULL,
    last_month  INTEGER NOT NULL
);
CREATE TABLE dossier_total (
    unit_id       INTEGER NOT NULL REFERENCES unit(id),
    month         INTEGER NOT NULL,
    received      INTEGER NOT NULL,
    returned_ok   INTEGER NOT NULL,
    returned_late INTEGER NOT NULL,
    past_due      INTEGER NOT NULL,
    past_due_met  INTEGER NOT NULL,
    PRIMARY KEY (unit_id, month)
) WITHOUT ROWID;
-- The days between a month's end and a report's day are read from the
-- dossiers themselves: by received day and return day (indexes of 0003 and
-- 0005) and by due day.
CREATE INDEX dossier_unit_due ON dossier(unit_id, due_day, returned_day);
