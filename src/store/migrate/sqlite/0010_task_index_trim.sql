-- Indexes the task table no longer needs whole. task_open (open_until,
-- lead_unit_id) serves no query: the tasks open on a day are read through
-- task_lead_open for a few units and task_open_span for many (0004, 0006).
-- Most tasks have no parent task and a third have no notice or meeting, so
-- those indexes keep only the tasks that have one; a lookup by value
-- (parent_id = ?) implies the value is not null and uses them as before.
-- A task insert updates four fewer index entries; a bulk load builds less.
-- bulk_index (0008) may still hold the old definitions if a load stopped
-- half-way: they go too, so the next open does not build them again.
DELETE FROM bulk_index WHERE name IN ('task_open', 'task_parent', 'task_notice', 'task_meeting');
DROP INDEX IF EXISTS task_open;
DROP INDEX IF EXISTS task_parent;
DROP INDEX IF EXISTS task_notice;
DROP INDEX IF EXISTS task_meeting;
CREATE INDEX task_parent ON task(parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX task_notice ON task(notice_id) WHERE notice_id IS NOT NULL;
CREATE INDEX task_meeting ON task(meeting_id) WHERE meeting_id IS NOT NULL;
