-- Giao Ban accounts, sessions, API tokens, login throttling and the audit
-- trail, SQLite. Passwords are argon2id strings (libsodium); session ids and
-- API tokens are stored only as hashes, so a copy of the database opens no
-- session. Nothing here is deleted by the application: sessions and tokens
-- are revoked, accounts disabled, and the audit trail is append-only.
-- `audit` is created IF NOT EXISTS because store_wipe() (demo --replace)
-- keeps it: the trail outlives a wipe of the domain.

CREATE TABLE account (
    id         INTEGER PRIMARY KEY,
    username   TEXT NOT NULL UNIQUE,
    pw_hash    TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('admin', 'leader', 'office', 'unit', 'viewer')),
    unit_id    INTEGER NOT NULL REFERENCES unit(id),
    disabled   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE session (
    id_hash    TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id),
    csrf       TEXT NOT NULL,
    address    TEXT,
    created_at TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX session_account ON session(account_id);

CREATE TABLE api_token (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    account_id INTEGER NOT NULL REFERENCES account(id),
    label      TEXT,
    created_at TEXT NOT NULL,
    revoked    INTEGER NOT NULL DEFAULT 0
);

-- Failed logins per key ("u:NAME" or "a:ADDRESS"): how many in a row, the last one (unix s).
CREATE TABLE login_throttle (
    key      TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_at  INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    address     TEXT,
    action      TEXT NOT NULL,
    object_kind TEXT,
    object_id   INTEGER,
    before      TEXT,
    after       TEXT
);
CREATE INDEX IF NOT EXISTS audit_object ON audit(object_kind, object_id);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
