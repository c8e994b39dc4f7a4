/*
 * store/store.h - the one storage interface of Giao Ban.
 *
 * Speaks the domain, not SQL. Two backends sit behind it: SQLite (a file,
 * the default) and PostgreSQL (a URL, for many users and machines); the
 * caller cannot tell them apart. store_open() applies the schema migrations
 * of its backend. Every statement binds its parameters; every write the app
 * makes happens between store_begin() and store_commit().
 *
 * Results that vary in size are allocated from the caller's arena.
 * Errors: ERR_STORE for database failures (the detail goes to stderr, the
 * clerk gets one plain sentence), ERR_NOT_FOUND, ERR_CONFLICT for a broken
 * uniqueness rule (a unit code, a document number).
 */
#ifndef GB_STORE_STORE_H
#define GB_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/model.h"
#include "core/timeline.h"
#include "core/unit_tree.h"
#include "util/arena.h"
#include "util/error.h"
#include "store/records.h"

struct store;

/* "postgres://..." or "postgresql://..." opens PostgreSQL; anything else is a SQLite file path
 * ("sqlite:PATH" also accepted). Creates the SQLite file if missing. */
int store_open(const char *url, struct store **out, struct error *e);
void store_close(struct store *s);
/* How much memory each SQLite connection opened afterwards may use (default 256 MiB: one
 * command reading a big database), and whether to map the file: with `map_file`, a quarter
 * is page cache and the whole a mapping of the file; without, all is page cache. A server
 * with a connection per thread gives each a share of its budget and no mapping: a commit by
 * one connection makes every other unmap its whole mapping at its next read (SQLite), which
 * cost a third of the server's write throughput. No effect on PostgreSQL. */
void store_set_memory_per_connection(size_t bytes, bool map_file);
/*
 * Group commit for SQLite connections opened afterwards (a server's choice): a write
 * transaction's COMMIT returns once one fdatasync of the WAL file covers it, and commits
 * made while a sync runs share the next one, so many writers pay for few syncs. Every
 * acknowledged write is still on disk. No effect on PostgreSQL, which groups commits itself.
 */
void store_set_group_commit(bool on);
/* How many syncs group commit has made in this process (for tests and benchmarks). */
unsigned long store_group_commit_syncs(void);
/*
 * Deferred sync (a server's choice, per store, with group commit): store_commit of a write
 * returns once the transaction is committed, before the fdatasync that puts it on disk, so
 * the thread serves others meanwhile instead of waiting for the disk. The store then owes a
 * sync: store_sync_owed() hands it over as a ticket (and forgets it; 0: nothing owed), and
 * store_sync_notify() calls back once it is paid. Nothing the transaction wrote may be
 * acknowledged before that. Other connections may read a change before it is on disk, as
 * with group commit alone. No effect on PostgreSQL, on a connection without group commit,
 * nor for a transaction that changed no row.
 */
void store_set_deferred_sync(struct store *s, bool on);
uint64_t store_sync_owed(struct store *s);
/* fn(arg, true) once every commit up to `ticket` is on disk; fn(arg, false) if a sync failed.
 * After a failed sync no commit of the process is called synced again (the kernel may have
 * dropped the pages it could not write and would not say so twice): writes fail until the
 * disk is checked and the program restarted. Always called from the process's sync
 * thread, never from the caller's. */
void store_sync_notify(uint64_t ticket, store_synced_fn *fn, void *arg);
const char *store_backend(const struct store *s); /* "sqlite" or "postgres" */
/*
 * The store's clock: the time it stamps what it writes with (created_at, recorded_at, a
 * migration's applied_at, a session's last use). By default the real clock (time()); a
 * caller (a test, a replay) may set its own, read at each stamp. NULL restores the default.
 */
typedef time_t store_clock_fn(void *arg);
void store_set_clock(struct store *s, store_clock_fn *fn, void *arg);

int store_begin(struct store *s, struct error *e);
int store_commit(struct store *s, struct error *e);
void store_rollback(struct store *s);

/*
 * A series of reads that sees one snapshot (a server's GET request): on SQLite one read
 * transaction, so the statements agree and the read lock is taken once, not per statement;
 * on PostgreSQL nothing (each statement sees what was committed when it began). A
 * store_begin() inside ends the snapshot first; store_read_end() then has nothing to end.
 */
int store_read_begin(struct store *s, struct error *e);
void store_read_end(struct store *s);

/* True when the database holds no unit, meeting, document or task. */
int store_is_empty(struct store *s, bool *empty, struct error *e);
/* Remove every row of the domain (for `demo --replace` and tests); schema stays. */
int store_wipe(struct store *s, struct error *e);

/* Settings (key/value text), e.g. "soon_days". *value NULL when unset. */
int store_setting_get(struct store *s, struct arena *a, const char *key, const char **value,
                      struct error *e);
int store_setting_set(struct store *s, const char *key, const char *value, struct error *e);

/* ---- Units ---- */
int store_unit_insert(struct store *s, const struct unit_rec *u, int64_t *id, struct error *e);
/* Update everything but the id and the aliases. */
int store_unit_update(struct store *s, const struct unit_rec *u, struct error *e);
int store_unit_get(struct store *s, struct arena *a, int64_t id, struct unit_rec *out,
                   struct error *e);
/* Every unit, ordered by id. */
int store_unit_list(struct store *s, struct arena *a, struct unit_rec **out, size_t *n,
                    struct error *e);
/* Ids of units whose code, name, short name or alias folds (text_fold_compact) to `key`. */
int store_unit_find_exact(struct store *s, struct arena *a, const char *key, int64_t **ids,
                          size_t *n, struct error *e);
/* Ids of units any of whose folded names contains `key`; at most `max`. */
int store_unit_find_like(struct store *s, struct arena *a, const char *key, size_t max,
                         int64_t **ids, size_t *n, struct error *e);
/*
 * The parent and successor of every unit, indexed, for subtree and cycle questions. The
 * tree belongs to the store: it stays valid until the next store_unit_tree() call on `s`
 * or store_close(). Outside a transaction it is kept and reused while the unit_version
 * setting is unchanged, so a server reads one row per request, not every unit.
 */
int store_unit_tree(struct store *s, const struct unit_tree **t, struct error *e);

/* ---- Unit successors and the official catalogue (store_catalogue.c) ----
 * A closed unit may go into several units (unit_successor, migration 0014); unit's
 * successor_id is the main one. A code is unique per valid_from, not alone. */
struct unit_link {
    int64_t unit_id, successor_id;
};
/* Every (unit, successor) pair: unit_successor's rows and every successor_id, ordered by
 * unit then successor, each pair once. */
int store_unit_links(struct store *s, struct arena *a, struct unit_link **out, size_t *n,
                     struct error *e);
/* Replace the successors of `unit` by succ[0..n) (the main one is the unit's successor_id,
 * written by store_unit_update). */
int store_unit_successors_set(struct store *s, int64_t unit, const int64_t *succ, size_t n,
                              struct error *e);
/* The successors of `unit` (main one first) and the units merged into it, ids into `a`. */
int store_unit_successors(struct store *s, struct arena *a, int64_t unit, int64_t **ids,
                          size_t *n, struct error *e);
int store_unit_predecessors(struct store *s, struct arena *a, int64_t unit, int64_t **ids,
                            size_t *n, struct error *e);
/* Ids of the units whose code is exactly `code`, oldest valid_from first. */
int store_unit_by_code(struct store *s, struct arena *a, const char *code, int64_t **ids,
                       size_t *n, struct error *e);
/* Close `unit` on `day` into succ[0..n), `main` its successor_id, in one UPDATE (its names
 * untouched), then store_unit_successors_set; the caller calls store_unit_tree_changed()
 * once before its commit. */
int store_unit_close_into(struct store *s, int64_t unit, day_num day, int64_t main,
                          const int64_t *succ, size_t n, struct error *e);
/* A new unit tree version (as every unit write sets): caches of the tree stop matching. */
int store_unit_tree_changed(struct store *s, struct error *e);

/* ---- People ---- */
int store_person_insert(struct store *s, const struct person_rec *p, int64_t *id,
                        struct error *e);
int store_person_get(struct store *s, struct arena *a, int64_t id, struct person_rec *out,
                     struct error *e);
/* People of a unit (unit_id 0: everyone), ordered by id. */
int store_person_list(struct store *s, struct arena *a, int64_t unit_id, struct person_rec **out,
                      size_t *n, struct error *e);

/* ---- Meetings ---- */
int store_meeting_insert(struct store *s, const struct meeting_rec *m, int64_t *id,
                         struct error *e);
int store_meeting_get(struct store *s, struct arena *a, int64_t id, struct meeting_rec *out,
                      struct error *e);
/* Meetings hosted by any unit of `units` (NULL: all), in [from, to] (DAY_NONE: open), newest first. */
int store_meeting_list(struct store *s, struct arena *a, const struct unit_set *units,
                       day_num from, day_num to, size_t limit, struct meeting_rec **out,
                       size_t *n, struct error *e);

/* ---- Documents ---- */
int store_doc_insert(struct store *s, const struct doc_rec *d, int64_t *id, struct error *e);
int store_doc_get(struct store *s, struct arena *a, int64_t id, struct doc_rec *out,
                  struct error *e);
int store_doc_list(struct store *s, struct arena *a, const struct doc_filter *f,
                   struct doc_rec **out, size_t *n, size_t *total, struct error *e);

int store_doc_counts(struct store *s, struct arena *a, const struct unit_set *units, day_num from,
                     day_num to, struct doc_counts *out, struct error *e);

/* ---- Tasks ---- */
/* Insert with its coordinating units; state, timeline and aggregates are the caller's (app). */
int store_task_insert(struct store *s, const struct task_rec *t, int64_t *id, struct error *e);
int store_task_get(struct store *s, struct arena *a, int64_t id, struct task_rec *out,
                   struct error *e);
/* The events of a task in the order they happened. */
int store_task_events(struct store *s, struct arena *a, int64_t task_id, struct event_rec **out,
                      size_t *n, struct error *e);
int store_event_insert(struct store *s, const struct event_rec *ev, int64_t *id,
                       struct error *e);
/*
 * Store what the events imply: state, timeline text and the two index
 * columns (dl_min: the earliest deadline ever in force; open_until: the day
 * the task left the open tasks for good, DAY_NONE while it may still be
 * open). Bumps the version; ERR_CONFLICT if `expect_version` (> 0) is stale.
 */
int store_task_set_derived(struct store *s, int64_t id, enum task_state state,
                           const char *timeline, day_num dl_min, day_num open_until,
                           int64_t expect_version, struct error *e);

struct task_filter {
    const struct unit_set *lead;      /* NULL: all */
    const struct unit_set *assigner;  /* NULL: all */
    day_num assigned_from, assigned_to; /* DAY_NONE: open */
    day_num deadline_from, deadline_to; /* original deadline range; DAY_NONE: open */
    day_num open_at;                  /* DAY_NONE, or only tasks that may be open at that day */
    bool key_only;
    int64_t notice_id, meeting_id;    /* 0: any */
    const struct unit_set *task_ids;  /* only these tasks (an id set, despite the type's name) */
    const char *const *words;         /* "%word%" patterns that must all match; NULL-terminated */
    size_t limit, offset;             /* limit 0: no limit */
};
/*
 * Inside a transaction, hold task `id` until it ends, so that two events on one task are
 * applied one after the other, each on the other's result (PostgreSQL: SELECT ... FOR
 * UPDATE; SQLite's write transaction holds the whole database already). ERR_NOT_FOUND
 * naming "task" when there is no such task.
 */
int store_task_lock(struct store *s, int64_t id, struct error *e);
/*
 * What an answer about the tasks of the lead units `lead` (NULL: every unit) was computed
 * from, as text: the unit tree's version and the sum of the units' change counters
 * (migration 0013). Every committed insert or change of such a task, and every unit write,
 * gives a different stamp; read it before the answer, so that an answer is never older than
 * its stamp (a server keeps answers in memory under their stamp).
 */
int store_task_stamp(struct store *s, const struct unit_set *lead, char out[STORE_STAMP_MAX],
                     struct error *e);
/* Tasks matching `f`, ordered by id. `total` (may be NULL) counts all matches. */
int store_task_list(struct store *s, struct arena *a, const struct task_filter *f,
                    struct task_rec **out, size_t *n, size_t *total, struct error *e);

/* What a list of tasks in a report shows of each: its content and its lead unit. */
struct task_label {
    int64_t id;
    int64_t lead_unit_id;
    const char *content;
    const char *lead_name; /* not filled by the store: the caller has the units' names */
};
/* The labels of the tasks `ids`, ordered by id (copied into `a`); missing ids are left out. */
int store_task_labels(struct store *s, struct arena *a, const struct unit_set *ids,
                      struct task_label **out, size_t *n, struct error *e);

/* The few columns classification needs, for scanning many tasks. */
struct task_fact {
    int64_t id;
    int64_t lead_unit_id;
    int64_t assigner_unit_id;
    day_num assigned, deadline;
    const char *timeline; /* valid during the callback only */
};
typedef int task_fact_fn(void *ctx, const struct task_fact *f, struct error *e);
/* Call `fn` for each task matching `f`, in no set order (limit and offset ignored); a non-zero
 * return stops. */
int store_task_scan(struct store *s, const struct task_filter *f, task_fact_fn *fn, void *ctx,
                    struct error *e);

/* ---- Running totals of the summary counters (see core/timeline.h) ---- */
/* Add `sign` times the deltas of one task to the totals of (lead, assigner). */
int store_agg_apply(struct store *s, int64_t lead_unit_id, int64_t assigner_unit_id,
                    const struct count_delta *d, size_t n, int sign, struct error *e);
/* Rebuild every total from the tasks (after a bulk load, or a change of soon_days). */
int store_agg_rebuild(struct store *s, int soon_days, struct error *e);

struct unit_counts {
    int64_t unit_id;
    int64_t c[CNT_N];
};
/*
 * The counters as of `day` per lead unit, for lead units in `lead` (NULL: all)
 * and assigners in `assigner` (NULL: all), from the running totals. Units
 * with no counted task may be left out.
 */
int store_agg_counts(struct store *s, struct arena *a, const struct unit_set *lead,
                     const struct unit_set *assigner, day_num day, struct unit_counts **out,
                     size_t *n, struct error *e);

/* ---- Search ---- */
/* Everything whose folded text contains all `words` (folded), newest first, at most `limit`. */
int store_search(struct store *s, struct arena *a, const char *const *words, size_t limit,
                 struct search_hit **out, size_t *n, struct error *e);

/* ---- Bulk load (store_bulk.c) ---- */
/*
 * For loading many tasks at once (bench/bench_gen.c, an import): the task
 * row is written once, complete, with what the app would have derived from
 * its events (core/task.h task_flow_apply, core/timeline.h timeline_add; the
 * dl_min and open_until rules of store_task_set_derived), and its events are
 * appended as they are. The running totals are not touched: call
 * store_agg_rebuild() once after the load. The caller groups the calls in
 * transactions (store_begin / store_commit).
 */
struct task_bulk {
    struct task_rec t;        /* t.id ignored; t.state, t.timeline as derived; t.version 0: 1 */
    const char *content_fold; /* text_fold(t.content), or NULL to fold here */
    day_num dl_min;           /* the earliest deadline ever in force, DAY_NONE if none */
    day_num open_until;       /* the day it left the open tasks for good, DAY_NONE if it may not */
    const char *created_at, *updated_at; /* UTC ISO 8601; NULL: now, and created_at */
};
/* Insert one task with its coordinating units; *id is the new task's id. */
int store_bulk_task(struct store *s, const struct task_bulk *b, int64_t *id, struct error *e);
/* Append one event of a task inserted by store_bulk_task; ev->recorded_at NULL: now. */
int store_bulk_event(struct store *s, const struct event_rec *ev, struct error *e);
/*
 * Around a load of many tasks: store_bulk_begin drops the task tables' secondary indexes
 * (in one transaction with a note of their definitions in bulk_index) and, on SQLite, writes
 * with a rollback journal instead of the log; store_bulk_end builds the indexes again and
 * goes back to the log (PostgreSQL: vacuums and analyzes the task tables, so call it outside
 * a transaction). Queries in between are right, only slow. A load that stops before
 * the end leaves the notes, and store_open builds the indexes (store_bulk_indexes_restore).
 */
int store_bulk_begin(struct store *s, struct error *e);
int store_bulk_end(struct store *s, struct error *e);
int store_bulk_indexes_restore(struct store *s, struct error *e);
/* How many dropped indexes wait to be built again (0 outside a load). */
int store_bulk_pending(struct store *s, int64_t *n, struct error *e);
/* Insert a dossier without moving its unit's running totals: call
 * store_dossier_totals_rebuild() once after the load. */
struct dossier_rec;
int store_bulk_dossier(struct store *s, const struct dossier_rec *d, struct error *e);

/* ---- Briefing data: dossiers, petitions, indicators (store_briefing.c) ---- */
#include "core/dossier.h"
#include "core/indicator.h"

/* ERR_CONFLICT when the unit already has a dossier with that code. */
int store_dossier_insert(struct store *s, const struct dossier_rec *d, int64_t *id,
                         struct error *e);
/* The unit's dossier with that code (copied into `a`); ERR_NOT_FOUND naming "code". */
int store_dossier_by_code(struct store *s, struct arena *a, int64_t unit, const char *code,
                          struct dossier_rec *out, struct error *e);
/* Give dossier old->id the dates, procedure and applicant of `d` (its unit and code stay),
 * moving the unit's running totals from the old values to the new ones. */
int store_dossier_update(struct store *s, const struct dossier_rec *old,
                         const struct dossier_rec *d, struct error *e);
/*
 * The tallies of core/dossier.h over the dossiers handled by `units`, in one
 * pass: for the month [from, to] and for the year to date [year_from, to],
 * both seen at min(to, as_of).
 */
int store_dossier_counts(struct store *s, const struct unit_set *units, day_num year_from,
                         day_num from, day_num to, day_num as_of, struct dossier_tally *month,
                         struct dossier_tally *ytd, struct error *e);

/* Recompute every unit's dossier running totals from the dossiers (after migration 0007, or
 * after dossiers were written without them); one transaction. */
int store_dossier_totals_rebuild(struct store *s, struct error *e);

int store_petition_insert(struct store *s, const struct petition_rec *p, int64_t *id,
                          struct error *e);
/* The same per kind (month[kind], ytd[kind], 1..4; [0] unused) over the petitions. */
int store_petition_counts(struct store *s, const struct unit_set *units, day_num year_from,
                          day_num from, day_num to, day_num as_of,
                          struct dossier_tally month[PETITION_KIND_N],
                          struct dossier_tally ytd[PETITION_KIND_N], struct error *e);

/* Insert, or update everything but the id of the indicator with the same code; *id either way. */
int store_indicator_put(struct store *s, const struct indicator_rec *r, int64_t *id,
                        struct error *e);
/* By code (exact); ERR_NOT_FOUND naming `field`. */
int store_indicator_get(struct store *s, struct arena *a, const char *code, const char *field,
                        struct indicator_rec *out, struct error *e);
/* Every indicator, by sort then code. */
int store_indicator_list(struct store *s, struct arena *a, struct indicator_rec **out, size_t *n,
                         struct error *e);
/* Set one value (month 1-12) or the annual plan (month 0), in thousandths. */
int store_indicator_value_put(struct store *s, int64_t indicator_id, int64_t unit_id, int year,
                              int month, int64_t value, struct error *e);
struct indicator_value_row {
    int64_t indicator_id;
    int year, month;
    int64_t value; /* summed over the units */
};
/* Values of `units` for years in [year_from, year_to], by indicator, year, month. */
int store_indicator_values(struct store *s, struct arena *a, const struct unit_set *units,
                           int year_from, int year_to, struct indicator_value_row **out,
                           size_t *n, struct error *e);

/* ---- Accounts, sessions, API tokens, login throttling, audit (store_account.c) ---- */
/*
 * Secrets arrive hashed: pw_hash is an argon2id string, session ids and
 * tokens are hex hashes. Nothing is deleted: sessions and tokens are
 * revoked, and the audit table is append-only (triggers).
 */
/* ERR_CONFLICT if the username is taken (a uniqueness violation). */
int store_account_insert(struct store *s, const struct account_rec *a, int64_t *id,
                         struct error *e);
int store_account_get(struct store *s, struct arena *a, int64_t id, struct account_rec *out,
                      struct error *e);
/* ERR_NOT_FOUND when no account has that username. */
int store_account_find(struct store *s, struct arena *a, const char *username,
                       struct account_rec *out, struct error *e);
int store_account_list(struct store *s, struct arena *a, struct account_rec **out, size_t *n,
                       struct error *e);
/* Replace an account's password hash; ERR_NOT_FOUND when there is no such account. */
int store_account_set_password(struct store *s, int64_t id, const char *pw_hash,
                               struct error *e);
/* Disable (true) or enable an account; ERR_NOT_FOUND when there is no such account. */
int store_account_set_disabled(struct store *s, int64_t id, bool disabled, struct error *e);

struct session_rec {
    int64_t account_id;
    const char *csrf;
    int64_t expires_at; /* unix seconds */
    bool revoked;
};
int store_session_insert(struct store *s, const char *id_hash, int64_t account_id,
                         const char *csrf, const char *address, int64_t expires_at,
                         struct error *e);
/* ERR_NOT_FOUND when there is no such session. */
int store_session_get(struct store *s, struct arena *a, const char *id_hash,
                      struct session_rec *out, struct error *e);
int store_session_revoke(struct store *s, const char *id_hash, struct error *e);
/* Revoke every session of an account but `keep_hash` (NULL: all of them). */
int store_session_revoke_account(struct store *s, int64_t account_id, const char *keep_hash,
                                 struct error *e);

int store_token_insert(struct store *s, const char *token_hash, int64_t account_id,
                       const char *label, int64_t *id, struct error *e);
/* The account of a token not revoked; ERR_NOT_FOUND otherwise. */
int store_token_find(struct store *s, const char *token_hash, int64_t *account_id,
                     struct error *e);

/* Every token, newest first. */
int store_token_list(struct store *s, struct arena *a, struct token_rec **out, size_t *n,
                     struct error *e);
/* ERR_NOT_FOUND naming "id" when there is no such token. */
int store_token_get(struct store *s, struct arena *a, int64_t id, struct token_rec *out,
                    struct error *e);
int store_token_revoke(struct store *s, int64_t id, struct error *e);

/* Failed logins in a row for `key` and the time of the last (0, 0 if none). */
int store_throttle_get(struct store *s, const char *key, int64_t *failures, int64_t *last_at,
                       struct error *e);
int store_throttle_fail(struct store *s, const char *key, int64_t now, struct error *e);
int store_throttle_clear(struct store *s, const char *key, struct error *e);

/* Append one entry; call inside the transaction of the write it records. */
int store_audit_insert(struct store *s, const struct audit_rec *r, struct error *e);
/* Newest first; object_kind NULL and object_id 0: everything. limit 0: 100. With `within`,
 * only the rows whose object belongs to one of its units (a task by its lead or assigning
 * unit, a unit itself, an account, person, meeting, document, dossier or petition by its
 * unit); rows whose object has no unit (a refused login under an unknown name) are then
 * left out. */
int store_audit_list(struct store *s, struct arena *a, const char *object_kind,
                     int64_t object_id, const struct unit_set *within, size_t limit,
                     size_t offset, struct audit_rec **out, size_t *n, struct error *e);

#endif
