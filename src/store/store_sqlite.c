/*
 * store/store_sqlite.c - the SQLite backend: a file, no set-up.
 *
 * WAL mode so readers never wait for the writer, a busy timeout so two
 * processes on one file queue instead of failing, synchronous=FULL so a
 * committed write survives a power cut, foreign keys on. Writes take the
 * lock at BEGIN (BEGIN IMMEDIATE): a read-then-write transaction cannot
 * deadlock on the upgrade.
 *
 * The domain SQL is PostgreSQL-flavoured: the dialect layer (dialect.c) gives
 * its SQLite form once per statement, and the shared statement cache (driver.c)
 * keeps the prepared statement by its text.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/driver.h"
#include "util/buf.h"
#include "util/xalloc.h"

struct stmt {
    sqlite3_stmt *st;
    struct sqlite_store *owner;
    /* "INSERT INTO t ... RETURNING id" run without its RETURNING clause (insert_returning_id);
     * the id is read back as the rowid and given as the statement's one row. */
    bool rowid_row;
    int rowid_state; /* 0: not run yet, 1: the row is being read, 2: done */
    int64_t rowid;
    char rowid_text[24];
};

struct sqlite_store {
    struct store base;
    sqlite3 *db;
    char *path;
    struct stmt_cache cache;
    int wal_fd; /* group commit: the WAL file, synced after each write commit; -1 if off */
    sqlite3_int64 changes_at_begin; /* rows changed before this transaction began */
    bool holds_writer; /* group commit: this connection holds writer_lock */
    bool defer_sync;   /* store_set_deferred_sync */
    uint64_t sync_owed; /* deferred: the ticket of the last write commit not handed over */
    dev_t wal_dev;
    ino_t wal_ino;
    /* The connection statements run on: this one, or during a write transaction with group
     * commit the process's shared writer (shared_writer below). */
    struct sqlite_store *active;
    bool is_shared_writer;
};

/*
 * Group commit (store_set_group_commit): the connection runs with synchronous=NORMAL, so
 * COMMIT writes its frames to the WAL without waiting for the disk; each write commit then
 * takes a ticket, and is on disk once an fdatasync() of the WAL file begun after its ticket
 * has returned. The first waiter syncs; those who commit meanwhile wait for the sync after
 * it, which covers them all. fsync flushes a file, not a descriptor, so one descriptor of
 * the WAL (gsync.fd, a copy of the first connection's) serves every connection. SQLite
 * syncs the WAL itself before a checkpoint copies it.
 *
 * With deferred sync (store_set_deferred_sync) the committing thread does not wait: the
 * ticket goes to its caller, and the sync thread (syncer_main) syncs for every ticket
 * registered with store_sync_notify and calls back when it is covered.
 */
static bool group_commit;
/* With group commit, the process's writers queue here for SQLite's one write lock, instead of
 * polling for it in SQLite's busy handler, which sleeps between tries. */
static pthread_mutex_t writer_lock = PTHREAD_MUTEX_INITIALIZER;

struct sync_waiter {
    uint64_t ticket;
    store_synced_fn *fn;
    void *arg;
    struct sync_waiter *next;
};

static struct {
    pthread_mutex_t lock;
    pthread_cond_t done; /* a sync ended */
    pthread_cond_t work; /* a waiter was registered (for the sync thread) */
    uint64_t committed;  /* the last ticket given */
    uint64_t synced;     /* every ticket up to this one is on disk */
    bool syncing;
    bool failed; /* a sync failed: no ticket is called synced again */
    int failed_errno;
    bool known; /* fd, dev and ino: the one WAL file grouped; others sync alone */
    int fd;
    dev_t dev;
    ino_t ino;
    unsigned long syncs;
    bool thread_started;
    struct sync_waiter *waiters; /* registered, not yet called back */
} gsync = {.lock = PTHREAD_MUTEX_INITIALIZER, .done = PTHREAD_COND_INITIALIZER,
           .work = PTHREAD_COND_INITIALIZER, .fd = -1};

void store_set_group_commit(bool on)
{
    group_commit = on;
}

unsigned long store_group_commit_syncs(void)
{
    pthread_mutex_lock(&gsync.lock);
    unsigned long n = gsync.syncs;
    pthread_mutex_unlock(&gsync.lock);
    return n;
}

/* A ticket for this connection's commit, just made; 0 if its WAL is not the grouped one
 * (a second database file in the process: it syncs alone). */
static uint64_t gsync_ticket(struct sqlite_store *q)
{
    uint64_t ticket = 0;
    pthread_mutex_lock(&gsync.lock);
    if (!gsync.known) {
        int fd = fcntl(q->wal_fd, F_DUPFD_CLOEXEC, 0);
        if (fd >= 0) {
            gsync.fd = fd;
            gsync.dev = q->wal_dev;
            gsync.ino = q->wal_ino;
            gsync.known = true;
        }
    }
    if (gsync.known && gsync.dev == q->wal_dev && gsync.ino == q->wal_ino)
        ticket = ++gsync.committed;
    pthread_mutex_unlock(&gsync.lock);
    return ticket;
}

/* The last store with group commit is closed: SQLite removes the WAL file with the last
 * connection, and the next one is a new file, to be grouped in its turn. Kept while a
 * ticket still waits for its sync. */
static void gsync_forget(void)
{
    pthread_mutex_lock(&gsync.lock);
    if (gsync.known && !gsync.waiters && !gsync.syncing) {
        close(gsync.fd);
        gsync.fd = -1;
        gsync.known = false;
        gsync.synced = gsync.committed;
    }
    pthread_mutex_unlock(&gsync.lock);
}

/* With gsync.lock held (released while syncing): until `ticket` is on disk; -1 (errno set)
 * if a sync failed, now or before. */
static int gsync_wait_locked(uint64_t ticket)
{
    while (gsync.synced < ticket && !gsync.failed) {
        if (gsync.syncing) {
            pthread_cond_wait(&gsync.done, &gsync.lock);
            continue;
        }
        gsync.syncing = true;
        uint64_t upto = gsync.committed;
        pthread_mutex_unlock(&gsync.lock);
        int r = fdatasync(gsync.fd);
        int err = errno;
        pthread_mutex_lock(&gsync.lock);
        gsync.syncing = false;
        gsync.syncs++;
        if (r == 0 && upto > gsync.synced)
            gsync.synced = upto;
        if (r != 0 && !gsync.failed) {
            gsync.failed = true;
            gsync.failed_errno = err;
            fprintf(stderr, "giaoban: sqlite: fdatasync of the WAL failed (%s): no write is "
                            "acknowledged from now on; check the disk, then restart\n",
                    strerror(err));
        }
        pthread_cond_broadcast(&gsync.done);
    }
    if (gsync.synced >= ticket)
        return 0;
    errno = gsync.failed_errno;
    return -1;
}

/* Wait until this connection's last commit, of `ticket` (0: its WAL is not the grouped
 * one), is on disk; -1 (errno set) if a sync failed. */
static int wal_sync(struct sqlite_store *q, uint64_t ticket)
{
    if (!ticket) {
        pthread_mutex_lock(&gsync.lock);
        gsync.syncs++;
        pthread_mutex_unlock(&gsync.lock);
        return fdatasync(q->wal_fd);
    }
    pthread_mutex_lock(&gsync.lock);
    int rc = gsync_wait_locked(ticket);
    int err = errno;
    pthread_mutex_unlock(&gsync.lock);
    errno = err;
    return rc;
}

/* The sync thread: syncs while tickets are registered, and calls back those covered (or
 * all, once a sync has failed), outside the lock. Runs until the process exits. */
static void *syncer_main(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&gsync.lock);
    for (;;) {
        while (!gsync.waiters)
            pthread_cond_wait(&gsync.work, &gsync.lock);
        uint64_t want = 0;
        for (struct sync_waiter *w = gsync.waiters; w; w = w->next)
            if (w->ticket > want)
                want = w->ticket;
        gsync_wait_locked(want);
        struct sync_waiter *ready = NULL, **link = &gsync.waiters;
        while (*link) {
            struct sync_waiter *w = *link;
            if (w->ticket <= gsync.synced || gsync.failed) {
                *link = w->next;
                w->next = ready;
                ready = w;
            } else {
                link = &w->next;
            }
        }
        uint64_t synced = gsync.synced;
        pthread_mutex_unlock(&gsync.lock);
        while (ready) {
            struct sync_waiter *w = ready;
            ready = w->next;
            w->fn(w->arg, w->ticket <= synced);
            free(w);
        }
        pthread_mutex_lock(&gsync.lock);
    }
    return NULL;
}

void store_sync_notify(uint64_t ticket, store_synced_fn *fn, void *arg)
{
    struct sync_waiter *w = xmalloc(sizeof *w);
    *w = (struct sync_waiter){.ticket = ticket, .fn = fn, .arg = arg};
    pthread_mutex_lock(&gsync.lock);
    if (!gsync.thread_started) {
        pthread_t th;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        int rc = pthread_create(&th, &attr, syncer_main, NULL);
        pthread_attr_destroy(&attr);
        if (rc != 0) { /* as out of memory: nothing can be acknowledged without it */
            fprintf(stderr, "giaoban: cannot start the sync thread: %s\n", strerror(rc));
            abort();
        }
        gsync.thread_started = true;
    }
    w->next = gsync.waiters;
    gsync.waiters = w;
    pthread_cond_signal(&gsync.work);
    pthread_mutex_unlock(&gsync.lock);
}

/*
 * With group commit (a server), every write transaction of the process runs on one shared
 * connection, taken with writer_lock (writers queue there anyway). In WAL mode a commit makes
 * every other connection of the file drop its whole page cache at its next transaction, as
 * SQLite cannot tell which pages changed: with a connection per thread, each write began by
 * reading its pages again (a quarter of a task creation's time). The shared writer's cache
 * survives its own commits. Opened at the first write, closed with the last store that may
 * use it; a store of another file writes on its own connection. Guarded by writer_lock.
 */
static struct {
    struct sqlite_store *conn;
    int users; /* open stores with group commit */
} shared_writer;

static int open_connection(const char *path, struct sqlite_store **out, struct error *e);
static void sqlite_close(struct store *s);

/* The connection for q's write transaction; called with writer_lock held. */
static struct sqlite_store *writer_for(struct sqlite_store *q)
{
    if (!shared_writer.conn) {
        struct error ignored = ERROR_INIT;
        if (open_connection(q->path, &shared_writer.conn, &ignored) != ERR_OK) {
            shared_writer.conn = NULL;
            return q; /* writes on its own connection, as without sharing */
        }
        shared_writer.conn->is_shared_writer = true;
    }
    struct sqlite_store *w = shared_writer.conn;
    if (w->wal_fd < 0 || w->wal_dev != q->wal_dev || w->wal_ino != q->wal_ino)
        return q;
    return w;
}

static void release_writer(struct sqlite_store *q)
{
    if (q->holds_writer) {
        q->active = q;
        q->holds_writer = false;
        pthread_mutex_unlock(&writer_lock);
    }
}

static int sqlite_fail(struct sqlite_store *q, struct error *e, const char *what)
{
    int code = sqlite3_extended_errcode(q->db);
    const char *msg = sqlite3_errmsg(q->db);
    if ((code & 0xff) == SQLITE_CONSTRAINT) {
        fprintf(stderr, "giaoban: sqlite: %s: %s\n", what, msg);
        if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
            return error_set(e, ERR_CONFLICT, "", "Dữ liệu trùng với một bản ghi đã có");
        if (code == SQLITE_CONSTRAINT_FOREIGNKEY)
            return error_set(e, ERR_INVALID, "", "Dữ liệu tham chiếu tới bản ghi không tồn tại");
        return error_set(e, ERR_INVALID, "", "Dữ liệu không thỏa mãn ràng buộc của hệ thống");
    }
    if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
        return store_fail(e, "sqlite", what,
                          "cơ sở dữ liệu đang bận (một tiến trình khác đang ghi), hãy thử lại");
    if ((code & 0xff) == SQLITE_READONLY || (code & 0xff) == SQLITE_CANTOPEN ||
        (code & 0xff) == SQLITE_IOERR || (code & 0xff) == SQLITE_FULL ||
        (code & 0xff) == SQLITE_PERM) {
        fprintf(stderr, "giaoban: sqlite: %s: %s\n", what, msg);
        return error_set(e, ERR_STORE, "db",
                         "Không ghi được vào cơ sở dữ liệu '%s' (%s); dữ liệu cũ không bị "
                         "thay đổi",
                         q->path, msg);
    }
    return store_fail(e, "sqlite", what, msg);
}

static void free_stmt(struct stmt *st)
{
    sqlite3_finalize(st->st);
    free(st);
}

static void sqlite_close(struct store *s)
{
    struct sqlite_store *q = (struct sqlite_store *)s;
    if (q->active != q && !sqlite3_get_autocommit(q->active->db))
        sqlite3_exec(q->active->db, "ROLLBACK", NULL, NULL, NULL);
    release_writer(q);
    if (q->wal_fd >= 0 && !q->is_shared_writer) {
        pthread_mutex_lock(&writer_lock);
        if (--shared_writer.users == 0) {
            if (shared_writer.conn) {
                struct sqlite_store *w = shared_writer.conn;
                shared_writer.conn = NULL;
                sqlite_close(&w->base);
            }
            gsync_forget();
        }
        pthread_mutex_unlock(&writer_lock);
    }
    stmt_cache_release(&q->cache, free_stmt);
    if (q->wal_fd >= 0)
        close(q->wal_fd);
    sqlite3_close(q->db);
    free(q->path);
    free(q);
}

static int sqlite_exec(struct store *s, const char *sql, struct error *e)
{
    struct sqlite_store *q = ((struct sqlite_store *)s)->active;
    if (sqlite3_exec(q->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return sqlite_fail(q, e, "exec");
    return ERR_OK;
}

static int sqlite_begin(struct store *s, struct error *e)
{
    struct sqlite_store *q = (struct sqlite_store *)s;
    if (q->wal_fd >= 0) {
        pthread_mutex_lock(&writer_lock);
        q->holds_writer = true;
        q->active = writer_for(q);
    }
    q->changes_at_begin = sqlite3_total_changes64(q->active->db);
    int rc = sqlite_exec(s, "BEGIN IMMEDIATE", e);
    if (rc)
        release_writer(q);
    return rc;
}

/* Deferred: the read lock is taken by the first statement and kept to the end. Outside a
 * write transaction (store_read_begin), so on the store's own connection. */
static int sqlite_read_begin(struct store *s, struct error *e)
{
    return sqlite_exec(s, "BEGIN", e);
}

static void sqlite_read_end(struct store *s)
{
    struct sqlite_store *q = (struct sqlite_store *)s;
    if (!sqlite3_get_autocommit(q->db) &&
        sqlite3_exec(q->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
}

static int sqlite_commit(struct store *s, struct error *e)
{
    struct sqlite_store *q = (struct sqlite_store *)s;
    sqlite3 *db = q->active->db;
    /* BEGIN IMMEDIATE makes every transaction a write transaction: what tells a write is
     * a row changed (every write of the app, migrations included, changes one). */
    bool wrote = q->wal_fd >= 0 && sqlite3_txn_state(db, NULL) == SQLITE_TXN_WRITE &&
                 sqlite3_total_changes64(db) != q->changes_at_begin;
    int rc = sqlite_exec(s, "COMMIT", e);
    if (sqlite3_get_autocommit(db))
        release_writer(q); /* the next writer goes on while this one waits for the disk */
    if (rc || !wrote)
        return rc;
    uint64_t ticket = gsync_ticket(q);
    if (ticket && q->defer_sync) {
        q->sync_owed = ticket; /* the caller waits for it (store_sync_notify) */
        return ERR_OK;
    }
    if (wal_sync(q, ticket) != 0) {
        fprintf(stderr, "giaoban: sqlite: fdatasync of the WAL: %s\n", strerror(errno));
        return error_set(e, ERR_STORE, "db",
                         "Không ghi được xuống đĩa cơ sở dữ liệu '%s' (%s); thay đổi vừa rồi có "
                         "thể chưa được lưu bền, hãy kiểm tra lại",
                         q->path, strerror(errno));
    }
    return ERR_OK;
}

static void sqlite_defer_sync(struct store *s, bool on)
{
    ((struct sqlite_store *)s)->defer_sync = on;
}

static uint64_t sqlite_sync_owed(struct store *s)
{
    struct sqlite_store *q = (struct sqlite_store *)s;
    uint64_t ticket = q->sync_owed;
    q->sync_owed = 0;
    return ticket;
}

static void sqlite_rollback(struct store *s)
{
    struct sqlite_store *q = (struct sqlite_store *)s;
    if (!sqlite3_get_autocommit(q->active->db))
        sqlite3_exec(q->active->db, "ROLLBACK", NULL, NULL, NULL);
    release_writer(q);
}

static void sqlite_reset(struct stmt *st)
{
    sqlite3_reset(st->st);
    sqlite3_clear_bindings(st->st);
    st->rowid_state = 0;
}

static int sqlite_prepare(struct store *s, const char *sql, bool constant, struct stmt **out,
                            struct error *e)
{
    struct sqlite_store *q = ((struct sqlite_store *)s)->active;
    struct stmt *hit = stmt_cache_get(&q->cache, sql, constant);
    if (hit) {
        sqlite_reset(hit);
        *out = hit;
        return ERR_OK;
    }
    struct buf t = BUF_INIT(BUF_NO_LIMIT);
    /* A one-row INSERT ... RETURNING id runs without the clause (dialect.c says why). */
    size_t plain = dialect_insert_returning_id(sql);
    dialect_translate(DIALECT_SQLITE, sql, plain ? plain : strlen(sql), &t);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(q->db, t.data, (int)t.len, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "giaoban: sqlite: cannot prepare: %s\n", t.data);
        buf_release(&t);
        return sqlite_fail(q, e, "prepare");
    }
    buf_release(&t);
    struct stmt *w = xcalloc(1, sizeof *w);
    w->st = st;
    w->owner = q;
    w->rowid_row = plain > 0;
    stmt_cache_add(&q->cache, sql, constant, w);
    *out = w;
    return ERR_OK;
}

static void sqlite_bind_int(struct stmt *st, int i, int64_t v)
{
    sqlite3_bind_int64(st->st, i, v);
}

static void sqlite_bind_text(struct stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st->st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st->st, i);
}

static void sqlite_bind_null(struct stmt *st, int i)
{
    sqlite3_bind_null(st->st, i);
}

static int sqlite_step(struct stmt *st, bool *row, struct error *e)
{
    if (st->rowid_row && st->rowid_state) {
        *row = false; /* its one row was given */
        st->rowid_state = 2;
        return ERR_OK;
    }
    int rc = sqlite3_step(st->st);
    if (st->rowid_row && rc == SQLITE_DONE) {
        st->rowid = sqlite3_last_insert_rowid(st->owner->db);
        st->rowid_state = 1;
        *row = true;
        return ERR_OK;
    }
    if (rc == SQLITE_ROW) {
        *row = true;
        return ERR_OK;
    }
    *row = false;
    if (rc == SQLITE_DONE)
        return ERR_OK;
    int err = sqlite_fail(st->owner, e, "step");
    sqlite3_reset(st->st);
    return err;
}

static bool sqlite_col_null(struct stmt *st, int i)
{
    if (st->rowid_state == 1)
        return false;
    return sqlite3_column_type(st->st, i) == SQLITE_NULL;
}

static int64_t sqlite_col_int(struct stmt *st, int i)
{
    if (st->rowid_state == 1)
        return st->rowid;
    return sqlite3_column_int64(st->st, i);
}

static const char *sqlite_col_text(struct stmt *st, int i)
{
    if (st->rowid_state == 1) {
        snprintf(st->rowid_text, sizeof st->rowid_text, "%lld", (long long)st->rowid);
        return st->rowid_text;
    }
    return (const char *)sqlite3_column_text(st->st, i);
}

static const struct store_ops sqlite_ops = {
    .name = "sqlite",
    .close = sqlite_close,
    .exec = sqlite_exec,
    .begin = sqlite_begin,
    .commit = sqlite_commit,
    .rollback = sqlite_rollback,
    .read_begin = sqlite_read_begin,
    .read_end = sqlite_read_end,
    .prepare = sqlite_prepare,
    .bind_int = sqlite_bind_int,
    .bind_text = sqlite_bind_text,
    .bind_null = sqlite_bind_null,
    .step = sqlite_step,
    .col_null = sqlite_col_null,
    .col_int = sqlite_col_int,
    .col_text = sqlite_col_text,
    .reset = sqlite_reset,
    .defer_sync = sqlite_defer_sync,
    .sync_owed = sqlite_sync_owed,
};

/* Memory of each connection opened from now on (store_set_memory_per_connection). */
static size_t memory_per_connection = (size_t)256 << 20;
static bool map_file = true;

void store_set_memory_per_connection(size_t bytes, bool map)
{
    memory_per_connection = bytes < ((size_t)4 << 20) ? (size_t)4 << 20 : bytes;
    map_file = map;
}

/* Before SQLite starts: no global lock around every allocation to keep statistics we never
 * read (with several server threads it was a tenth of the time). */
static void configure_sqlite(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Group commit on this connection: only in WAL mode, with the WAL file open; otherwise the
 * connection keeps synchronous=FULL and syncs at each commit itself. */
static void group_commit_open(struct sqlite_store *q)
{
    sqlite3_stmt *st;
    bool wal = false;
    if (sqlite3_prepare_v2(q->db, "PRAGMA journal_mode", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) {
            const unsigned char *m = sqlite3_column_text(st, 0);
            wal = m && strcmp((const char *)m, "wal") == 0;
        }
        sqlite3_finalize(st);
    }
    const char *wal_path = wal ? sqlite3_filename_wal(sqlite3_db_filename(q->db, "main")) : NULL;
    int fd = wal_path && *wal_path ? open(wal_path, O_RDONLY | O_CLOEXEC) : -1;
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0 ||
        sqlite3_exec(q->db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL) != SQLITE_OK) {
        if (fd >= 0)
            close(fd);
        return;
    }
    q->wal_fd = fd;
    q->wal_dev = sb.st_dev;
    q->wal_ino = sb.st_ino;
}

static int open_connection(const char *path, struct sqlite_store **out, struct error *e)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, configure_sqlite);
    sqlite3 *db = NULL;
    /* NOMUTEX: a store is one connection used by one thread at a time (the server opens one
     * per worker thread), so SQLite need not lock each call. */
    int rc = sqlite3_open_v2(path, &db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             NULL);
    if (rc != SQLITE_OK) {
        int r = error_set(e, ERR_STORE, "db", "Không mở được cơ sở dữ liệu '%s': %s", path,
                          db ? sqlite3_errmsg(db) : "hết bộ nhớ");
        sqlite3_close(db);
        return r;
    }
    struct sqlite_store *q = xcalloc(1, sizeof *q);
    q->base.ops = &sqlite_ops;
    q->active = q;
    q->db = db;
    q->path = xstrdup(path);
    q->wal_fd = -1;
    sqlite3_busy_timeout(db, 10000);
    sqlite3_extended_result_codes(db, 1);
    /* journal_mode may fail on a read-only file: the next statements say so plainly. */
    sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
    char pragmas[256];
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY;"
             "PRAGMA cache_size=-%zu; PRAGMA mmap_size=%zu;",
             (map_file ? memory_per_connection / 4 : memory_per_connection) / 1024,
             map_file ? memory_per_connection : 0);
    if (sqlite3_exec(db, pragmas, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK) {
        int r = error_set(e, ERR_STORE, "db",
                          "Không mở được cơ sở dữ liệu '%s': %s (tệp hỏng hoặc không phải cơ sở "
                          "dữ liệu Giao Ban)",
                          path, sqlite3_errmsg(db));
        sqlite_close(&q->base);
        return r;
    }
    if (group_commit)
        group_commit_open(q);
    *out = q;
    return ERR_OK;
}

static int sqlite_connect(const char *path, struct store **out, struct error *e)
{
    struct sqlite_store *q;
    int rc = open_connection(path, &q, e);
    if (rc)
        return rc;
    if (q->wal_fd >= 0) {
        pthread_mutex_lock(&writer_lock);
        shared_writer.users++;
        pthread_mutex_unlock(&writer_lock);
    }
    *out = &q->base;
    return ERR_OK;
}

/* Anything is a file path; "sqlite:PATH" too. */
static const char *sqlite_accepts(const char *url)
{
    return strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
}

const struct store_driver store_driver_sqlite = {"sqlite", sqlite_accepts, sqlite_connect};
