-- Nothing to do on SQLite: its task_open_span (0004) holds the rowid, the
-- task's id, already. (PostgreSQL's gains the id in this migration.)
SELECT 1;
