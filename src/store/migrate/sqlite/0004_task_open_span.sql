-- The length class of a task's open interval [assigned_day, open_until), so
-- that "the tasks that may be open on day D" (assigned_day <= D < open_until,
-- the overdue lists and the open categories) is a few index ranges instead
-- of every task assigned by D: for class k, whose intervals are at most B_k
-- days long, D < open_until <= D + B_k (store_task.c, filter_where).
-- Classes: 0 up to 31 days, 1 up to 92, 2 up to 365, 3 up to 1461, 4 longer,
-- 9 still open (open_until 99999999). Kept by store_task.c and store_bulk.c
-- with open_until (OPEN_SPAN_SQL in store_int.h).
ALTER TABLE task ADD COLUMN open_span INTEGER NOT NULL DEFAULT 9;
UPDATE task SET open_span = CASE
    WHEN open_until >= 99999999 THEN 9
    WHEN open_until - assigned_day <= 31 THEN 0
    WHEN open_until - assigned_day <= 92 THEN 1
    WHEN open_until - assigned_day <= 365 THEN 2
    WHEN open_until - assigned_day <= 1461 THEN 3
    ELSE 4 END;
-- Covering the columns a scan reads (store_task_scan), so the open tasks of
-- a province come from one compact range of the index, not from rows spread
-- over the whole table.
CREATE INDEX task_open_span ON task(open_span, open_until, assigned_day, lead_unit_id,
    assigner_unit_id, deadline_day, timeline);
