-- PostgreSQL's indexes do not hold the row's id as SQLite's hold its rowid:
-- task_open_span (0004) lacked it, so a scan of the tasks open on a day read
-- every one of them from the table (53,000 rows, 24,000 blocks for a
-- province at the end of 2024) instead of from the index alone.
DROP INDEX task_open_span;
CREATE INDEX task_open_span ON task(open_span, open_until, assigned_day)
    INCLUDE (id, lead_unit_id, assigner_unit_id, deadline_day, timeline);
