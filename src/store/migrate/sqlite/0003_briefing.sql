-- Giao Ban briefing data, SQLite: administrative dossiers (hồ sơ TTHC),
-- petitions (đơn thư, kiến nghị cử tri), socio-economic indicators and their
-- values. Days are integers (days since 1970-01-01); amounts are integers in
-- thousandths of the indicator's measure (1.297.314,5 -> 1297314500), so that
-- sums are exact on both backends.

-- One dossier of the one-stop desk, in the register of the unit handling it.
CREATE TABLE dossier (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES unit(id),
    code         TEXT,              -- the one-stop system's number (mã hồ sơ)
    procedure_name TEXT NOT NULL,   -- thủ tục
    applicant    TEXT,
    received_day INTEGER NOT NULL,
    due_day      INTEGER,           -- ngày hẹn trả; NULL: none set
    returned_day INTEGER,           -- ngày trả kết quả; NULL: pending
    created_at   TEXT NOT NULL,
    CHECK (due_day IS NULL OR due_day >= received_day),
    CHECK (returned_day IS NULL OR returned_day >= received_day)
);
CREATE UNIQUE INDEX dossier_unit_code ON dossier(unit_id, code) WHERE code IS NOT NULL;
-- The counts read the dossiers of a unit received up to a day.
CREATE INDEX dossier_unit_received ON dossier(unit_id, received_day);

CREATE TABLE petition (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES unit(id),
    kind         TEXT NOT NULL CHECK (kind IN ('khieu_nai', 'to_cao', 'kien_nghi', 'cu_tri')),
    session      TEXT,              -- kiến nghị cử tri: the session it came from
    source       TEXT,              -- who sent or forwarded it
    summary      TEXT NOT NULL,
    received_day INTEGER NOT NULL,
    deadline_day INTEGER,
    resolved_day INTEGER,
    result       TEXT,
    created_at   TEXT NOT NULL,
    CHECK (deadline_day IS NULL OR deadline_day >= received_day),
    CHECK (resolved_day IS NULL OR resolved_day >= received_day)
);
CREATE INDEX petition_unit_received ON petition(unit_id, received_day);

CREATE TABLE indicator (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    measure    TEXT NOT NULL,       -- "triệu đồng", "%", "lượt khách"
    ytd        TEXT NOT NULL CHECK (ytd IN ('sum', 'latest')),
    compare    TEXT NOT NULL CHECK (compare IN ('ratio', 'change')),
    sort       INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

-- Month 1-12: the figure of that month (or, for 'latest' indicators, the
-- running figure at its end); month 0: the annual plan (kế hoạch năm).
CREATE TABLE indicator_value (
    indicator_id INTEGER NOT NULL REFERENCES indicator(id),
    unit_id      INTEGER NOT NULL REFERENCES unit(id),
    year         INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    month        INTEGER NOT NULL CHECK (month BETWEEN 0 AND 12),
    value        INTEGER NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (indicator_id, unit_id, year, month)
);
CREATE INDEX indicator_value_unit ON indicator_value(unit_id, year);
