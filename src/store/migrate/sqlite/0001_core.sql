-- Giao Ban core schema, SQLite. Days are integers: days since 1970-01-01.
-- Timestamps are UTC ISO 8601 text. Derived columns of task (state, timeline,
-- dl_min, open_until) are kept by the app from task_event, the history.

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE unit (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
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
CREATE INDEX unit_parent ON unit(parent_id);

-- Every name a unit answers to, folded for matching without tone marks.
CREATE TABLE unit_name (
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    kind    TEXT NOT NULL CHECK (kind IN ('code', 'name', 'short', 'alias')),
    name    TEXT NOT NULL,
    fold    TEXT NOT NULL,
    PRIMARY KEY (unit_id, kind, name)
);
CREATE INDEX unit_name_fold ON unit_name(fold);

-- People; login accounts (a later migration) will reference person(id).
CREATE TABLE person (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    name_fold  TEXT NOT NULL,
    title      TEXT,
    unit_id    INTEGER REFERENCES unit(id),
    created_at TEXT NOT NULL
);
CREATE INDEX person_unit ON person(unit_id);

CREATE TABLE meeting (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('giao_ban', 'lam_viec', 'kiem_tra', 'khac')),
    title        TEXT NOT NULL,
    title_fold   TEXT NOT NULL,
    day          INTEGER NOT NULL,
    chair_id     INTEGER REFERENCES person(id),
    chair_name   TEXT,
    host_unit_id INTEGER NOT NULL REFERENCES unit(id),
    period_from  INTEGER,
    period_to    INTEGER,
    notes        TEXT,
    created_at   TEXT NOT NULL,
    CHECK (period_to IS NULL OR period_from IS NULL OR period_to >= period_from)
);
CREATE INDEX meeting_host_day ON meeting(host_unit_id, day);

CREATE TABLE meeting_unit (
    meeting_id INTEGER NOT NULL REFERENCES meeting(id),
    unit_id    INTEGER NOT NULL REFERENCES unit(id),
    PRIMARY KEY (meeting_id, unit_id)
);

-- The register (sổ văn bản): direction 1 incoming, 2 outgoing.
CREATE TABLE document (
    id              INTEGER PRIMARY KEY,
    direction       INTEGER NOT NULL CHECK (direction IN (1, 2)),
    unit_id         INTEGER NOT NULL REFERENCES unit(id),
    number          TEXT,
    num             INTEGER,
    symbol          TEXT,
    type            TEXT NOT NULL,
    issuer          TEXT,
    day             INTEGER NOT NULL,
    year            INTEGER NOT NULL,
    subject         TEXT NOT NULL,
    subject_fold    TEXT NOT NULL,
    handler_unit_id INTEGER REFERENCES unit(id),
    handle_deadline INTEGER,
    processed_day   INTEGER,
    meeting_id      INTEGER REFERENCES meeting(id),
    created_at      TEXT NOT NULL
);
-- Outgoing numbers restart every year, per register and symbol.
CREATE UNIQUE INDEX document_out_number ON document(unit_id, year, num, symbol)
    WHERE direction = 2 AND num IS NOT NULL;
CREATE INDEX document_unit_day ON document(unit_id, day);
CREATE INDEX document_meeting ON document(meeting_id);

CREATE TABLE task (
    id                 INTEGER PRIMARY KEY,
    content            TEXT NOT NULL,
    content_fold       TEXT NOT NULL,
    source             INTEGER NOT NULL CHECK (source IN (1, 2, 3)),
    notice_id          INTEGER REFERENCES document(id),
    meeting_id         INTEGER REFERENCES meeting(id),
    assigner_unit_id   INTEGER REFERENCES unit(id),
    assigner_person_id INTEGER REFERENCES person(id),
    lead_unit_id       INTEGER NOT NULL REFERENCES unit(id),
    assigned_day       INTEGER NOT NULL,
    deadline_day       INTEGER,
    deadline_minute    INTEGER CHECK (deadline_minute IS NULL OR deadline_minute BETWEEN 0 AND 1439),
    key_task           INTEGER NOT NULL DEFAULT 0 CHECK (key_task IN (0, 1)),
    sector             TEXT,
    parent_id          INTEGER REFERENCES task(id),
    state              INTEGER NOT NULL,
    timeline           TEXT NOT NULL DEFAULT '',
    dl_min             INTEGER,
    open_until         INTEGER NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK (deadline_day IS NULL OR deadline_day >= assigned_day),
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX task_lead ON task(lead_unit_id, assigned_day);
CREATE INDEX task_assigner ON task(assigner_unit_id, assigned_day);
CREATE INDEX task_open ON task(open_until, lead_unit_id);
CREATE INDEX task_notice ON task(notice_id);
CREATE INDEX task_meeting ON task(meeting_id);
CREATE INDEX task_parent ON task(parent_id);

CREATE TABLE task_coord (
    task_id INTEGER NOT NULL REFERENCES task(id),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    PRIMARY KEY (task_id, unit_id)
);
CREATE INDEX task_coord_unit ON task_coord(unit_id);

-- The history: append-only.
CREATE TABLE task_event (
    id              INTEGER PRIMARY KEY,
    task_id         INTEGER NOT NULL REFERENCES task(id),
    kind            INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 11),
    day             INTEGER NOT NULL,
    recorded_at     TEXT NOT NULL,
    actor_unit_id   INTEGER REFERENCES unit(id),
    actor           TEXT,
    note            TEXT,
    percent         INTEGER CHECK (percent IS NULL OR percent BETWEEN 0 AND 100),
    new_deadline    INTEGER,
    late_request    INTEGER NOT NULL DEFAULT 0,
    evidence_doc_id INTEGER REFERENCES document(id)
);
CREATE INDEX task_event_task ON task_event(task_id, id);
CREATE TRIGGER task_event_no_update BEFORE UPDATE ON task_event
BEGIN SELECT RAISE(ABORT, 'task_event is append-only'); END;
CREATE TRIGGER task_event_no_delete BEFORE DELETE ON task_event
BEGIN SELECT RAISE(ABORT, 'task_event is append-only'); END;

-- Running totals of the summary counters (core/timeline.h), per lead unit
-- and assigning unit (0: none): changes by day, and cumulative totals at the
-- end of each month up to the horizon kept in setting 'agg_horizon'.
CREATE TABLE agg_delta (
    day INTEGER NOT NULL, unit_id INTEGER NOT NULL, assigner_id INTEGER NOT NULL,
    c0 INTEGER NOT NULL, c1 INTEGER NOT NULL, c2 INTEGER NOT NULL, c3 INTEGER NOT NULL,
    c4 INTEGER NOT NULL, c5 INTEGER NOT NULL, c6 INTEGER NOT NULL, c7 INTEGER NOT NULL,
    c8 INTEGER NOT NULL, c9 INTEGER NOT NULL, c10 INTEGER NOT NULL,
    PRIMARY KEY (day, unit_id, assigner_id)
) WITHOUT ROWID;
CREATE TABLE agg_month (
    month INTEGER NOT NULL, unit_id INTEGER NOT NULL, assigner_id INTEGER NOT NULL,
    c0 INTEGER NOT NULL, c1 INTEGER NOT NULL, c2 INTEGER NOT NULL, c3 INTEGER NOT NULL,
    c4 INTEGER NOT NULL, c5 INTEGER NOT NULL, c6 INTEGER NOT NULL, c7 INTEGER NOT NULL,
    c8 INTEGER NOT NULL, c9 INTEGER NOT NULL, c10 INTEGER NOT NULL,
    PRIMARY KEY (month, unit_id, assigner_id)
) WITHOUT ROWID;
CREATE INDEX agg_month_pair ON agg_month(unit_id, assigner_id, month);
