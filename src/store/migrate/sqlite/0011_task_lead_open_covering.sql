-- task_lead_open (0006) finds the tasks of a few units that may be open on a
-- day: a unit's page of open tasks, a district's overdue list, a commune's
-- report. Each task found was then read from the table for its assignment
-- and deadline days, assigner and timeline; holding those in the index
-- answers from the index alone (a district's overdue page: a quarter more
-- requests a second). bulk_index (0008) may hold the old definition if a
-- load stopped half-way: it goes too.
DELETE FROM bulk_index WHERE name = 'task_lead_open';
DROP INDEX IF EXISTS task_lead_open;
CREATE INDEX task_lead_open ON task(lead_unit_id, open_until, assigned_day,
    assigner_unit_id, deadline_day, timeline);
