/*
 * app/app.h - the use cases of Giao Ban: what a clerk, a leader or another
 * system can do, each one validated and carried out in one transaction.
 *
 * The CLI (and the HTTP API) reach the store only through these: this header gives them the
 * store's records (store/records.h), not its functions. Inputs are
 * raw text as typed (unit names or codes, dates as 15/9/2020 or
 * 2020-09-15): this layer cleans them (text/normalize.h), resolves them and
 * checks the rules; on any error nothing is written and `e` names the field.
 * Results are allocated from ctx->a.
 */
#ifndef GB_APP_APP_H
#define GB_APP_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/timeline.h"
#include "store/records.h"
#include "util/arena.h"
#include "util/error.h"

struct store; /* store/store.h: opened and closed by the shells, used by app/ alone */

struct app {
    struct store *s;
    struct arena *a;   /* per command (or request) */
    day_num today;     /* in Asia/Ho_Chi_Minh, passed in: the app reads no clock */
    int soon_days;     /* "sắp đến hạn" window; from setting "soon_days", default 3 */
    const char *actor; /* who is acting, for the history ("cli", a user name) */
    const char *address; /* where from, for the audit trail (client address); NULL: CLI */
    int64_t scope_unit;  /* the acting account's unit: what a use case touches lies in its
                          * subtree (app_scope_require); 0: unbound (the CLI) */
    bool scope_lead_only; /* a unit's account: acts only on the tasks its subtree leads, not
                           * on those it assigned */
};

/* Fill ctx from the store's settings. */
int app_init(struct app *ctx, struct store *s, struct arena *a, day_num today, const char *actor,
             struct error *e);

/* Set the "sắp đến hạn" window (0-60 days) and rebuild the running totals that depend on
 * it, in one transaction with its audit row. */
int app_soon_days_set(struct app *ctx, int days, struct error *e);
/* Rebuild the running totals from the tasks (after a restore or a bug fix). */
int app_reindex(struct app *ctx, struct error *e);

/* Parse a date typed by a clerk; "" or NULL gives DAY_NONE when `optional`. */
int app_parse_day(struct app *ctx, const char *text, bool optional, const char *field,
                  day_num *out, struct error *e);

/*
 * A unit named by code, full name, short name or alias, without tone marks
 * or case ("tckh", "Phòng TC-KH", "UBND huyen Cao Loc"). A unique exact
 * match wins, then a unique partial match. Unknown or ambiguous: ERR_INVALID
 * naming `field`, listing candidates.
 */
int app_unit_resolve(struct app *ctx, const char *text, const char *field, int64_t *id,
                     struct error *e);
/* The units a figure of `unit` covers (itself, merged units, and with `subtree` all below). */
int app_unit_cover(struct app *ctx, int64_t unit, bool subtree, struct unit_set *out,
                   struct error *e);
/* Is `unit` among the units app_unit_cover(root, subtree) names? Without building the set. */
int app_unit_within(struct app *ctx, int64_t root, bool subtree, int64_t unit, bool *inside,
                    struct error *e);

/* ERR_FORBIDDEN naming `field` unless `unit` lies in ctx->scope_unit's subtree (app_scope.c). */
int app_scope_require(struct app *ctx, int64_t unit, const char *field, struct error *e);
/* The unit named by `text` or, when none is given, the acting account's own (the CLI, which
 * has none, must name one); either way inside the bound, else refused naming `field`. */
int app_unit_or_own(struct app *ctx, const char *text, const char *field, int64_t *id,
                    struct error *e);
/* The same for a record that belongs to either of two units (a task: its lead unit or its
 * assigner; 0 for none); `what` names the record in the message ("Văn bản"). */
int app_scope_require_record(struct app *ctx, int64_t unit_a, int64_t unit_b, const char *field,
                             const char *what, struct error *e);

struct extract_dir; /* extract/extract.h */
/*
 * The unit directory a conclusion of `host` is read against (extract/): the
 * host and every unit under it still open on `meeting` (DAY_NONE: all).
 * Gives the directory (free with extract_dir_free) and the store's unit list
 * it was built from (from ctx->a, for looking codes up by id).
 */
int app_extract_dir(struct app *ctx, int64_t host, day_num meeting, struct extract_dir **out,
                    struct unit_rec **units, size_t *n_units, struct error *e);

/* A document named by its id ("12") or by its number as written ("250/TB-UBND": the one
 * outgoing document of the bound that carries it; several are told apart by id); *id 0 for
 * no text. Unknown: ERR_NOT_FOUND naming `field`. */
int app_notice_ref(struct app *ctx, const char *text, const char *field, int64_t *id,
                   struct error *e);
/* The conclusion notice `text` names (as app_notice_ref reads it), in the bound; a missing one
 * is ERR_NOT_FOUND naming `field`. */
int app_notice_get(struct app *ctx, const char *text, const char *field, struct doc_rec *out,
                   struct error *e);
struct extract_result; /* extract/extract.h */
/* Create every proposal of `r` as a task of `notice` in one transaction, each lead named by
 * `units` (app_extract_dir's); one without a known lead fails the lot unless `skip_unknown`. */
int app_extract_create(struct app *ctx, const struct extract_result *r, const char *notice,
                       const struct unit_rec *units, size_t n_units, bool skip_unknown,
                       size_t *created, size_t *skipped, struct error *e);

struct unit_input {
    const char *code, *name, *short_name, *kind, *parent, *head_name, *head_title;
    const char *valid_from;
    const char **aliases; /* NULL-terminated or NULL */
};
int app_unit_add(struct app *ctx, const struct unit_input *in, int64_t *id, struct error *e);
/* Move a unit under another (refuses a cycle). */
int app_unit_move(struct app *ctx, const char *unit, const char *parent, struct error *e);
/* Close a unit on a day, optionally merged into a successor (refuses a cycle). */
int app_unit_close(struct app *ctx, const char *unit, const char *day, const char *successor,
                   struct error *e);

struct person_input {
    const char *name, *title, *unit;
};
int app_person_add(struct app *ctx, const struct person_input *in, int64_t *id, struct error *e);

struct meeting_input {
    const char *kind, *title, *day, *host, *chair, *period_from, *period_to, *notes;
    const char **attending; /* unit names or codes, NULL-terminated or NULL */
};
int app_meeting_add(struct app *ctx, const struct meeting_input *in, int64_t *id,
                    struct error *e);

struct doc_input {
    const char *direction; /* "in"/"den" or "out"/"di" */
    const char *unit;      /* whose register */
    const char *number;    /* "5/TB-UBND" */
    const char *type;      /* optional: taken from the number's symbol when absent */
    const char *issuer, *day, *subject, *handler, *handle_deadline, *processed, *meeting;
};
int app_doc_add(struct app *ctx, const struct doc_input *in, int64_t *id, struct error *e);

struct task_input {
    const char *content;
    const char *lead, *assigner, *assigner_person;
    const char **coordinating; /* NULL-terminated or NULL */
    const char *assigned, *deadline, *deadline_time; /* "14:00" */
    const char *notice, *meeting, *parent; /* ids as text */
    const char *sector;
    bool key_task;
};
int app_task_add(struct app *ctx, const struct task_input *in, int64_t *id, struct error *e);

struct event_input {
    enum task_event_kind kind;
    const char *day;       /* default: today */
    const char *note;      /* progress text, reason, result */
    const char *percent;   /* progress */
    const char *new_deadline; /* ext_request; ext_approve may override the requested date */
    const char *evidence;  /* a document id, for done */
    const char *actor_unit;
    int64_t expect_version; /* 0: don't check */
};
int app_task_event(struct app *ctx, int64_t task_id, const struct event_input *in,
                   int64_t *event_id, struct error *e);

/* A task with everything its page shows. */
struct task_view {
    struct task_rec t;
    struct event_rec *events;
    size_t n_events;
    struct task_dates dates;  /* as of ctx->today */
    struct task_standing standing;
    bool awaiting;
    day_num pending_ext;      /* the date asked in a pending extension request, or DAY_NONE */
};
int app_task_view(struct app *ctx, int64_t id, day_num as_of, struct task_view *out,
                  struct error *e);

struct task_list_query {
    const char *unit;      /* lead unit, optional; in the acting account's bound */
    int64_t unit_id;       /* the lead unit already resolved: wins over `unit` */
    bool subtree;
    const char *by;        /* assigning unit, optional */
    const char *category;  /* as of `as_of`: done_on_time, done_before, done_on_day, done_late,
                              open_in_time, due_soon, open_overdue, no_deadline, open, done,
                              awaiting_confirmation (reported done, not yet confirmed) */
    const char *as_of;
    const char *deadline_from, *deadline_to;
    const char *notice, *meeting;
    const char *text;      /* words matched without tone marks; given, it must hold one */
    const char *text_field; /* its name in errors: "text" when NULL (the API says "q") */
    bool key_only;
    size_t limit, offset;  /* limit 0: 50 */
};
struct task_item {
    struct task_rec t;
    struct task_dates dates; /* as of the query's day */
    struct task_standing standing;
    bool awaiting;
};
int app_task_list(struct app *ctx, const struct task_list_query *q, struct task_item **out,
                  size_t *n, size_t *total, day_num *as_of, struct error *e);

struct summary_query {
    const char *unit;       /* required, except for an account (its own unit) */
    bool subtree;
    const char *by;         /* assigning unit, optional */
    const char *from, *to;  /* assigned within, optional */
    const char *as_of;      /* default today */
    bool key_only;
    size_t overdue_limit;   /* list only the N most overdue (all still counted); 0: all */
};
struct overdue_item {
    int64_t id;
    const char *content;
    int64_t lead_unit_id;
    const char *lead_name;
    day_num deadline; /* in force */
    int days_overdue;
};
struct unit_line {
    int64_t unit_id;
    const char *name;
    int64_t c[CNT_N];
};
struct summary {
    int64_t unit_id;
    const char *unit_name;
    day_num as_of;
    int soon_days;
    int64_t c[CNT_N];
    struct unit_line *by_unit; /* sorted by overdue desc, then name */
    size_t n_by_unit;
    struct overdue_item *overdue; /* most days overdue first, at most overdue_limit */
    size_t n_overdue;             /* listed; c[CNT_OPEN_OVERDUE] counts them all */
    bool from_totals; /* counted from the running totals (true) or task by task */
};
/* The summary of what a clerk typed: decoded (app_summary_decode) then run. */
int app_summary(struct app *ctx, const struct summary_query *q, struct summary *out,
                struct error *e);
/* A summary in typed values: the unit resolved once, dates as days, `as_of` a day. */
struct summary_cmd {
    int64_t unit;          /* required; in the acting account's bound */
    bool subtree;
    int64_t by;            /* assigning unit; 0: any */
    day_num from, to;      /* assigned within; DAY_NONE: open */
    day_num as_of;         /* never DAY_NONE */
    bool key_only;
    size_t overdue_limit;  /* 0: all */
};
/* Text into a summary_cmd: units resolved (no unit: the acting account's own), dates parsed,
 * `as_of` today when absent; each refusal names its field. */
int app_summary_decode(struct app *ctx, const struct summary_query *q, struct summary_cmd *out,
                       struct error *e);
int app_summary_run(struct app *ctx, const struct summary_cmd *c, struct summary *out,
                    struct error *e);
/* On-time rate = done on time / (done on time + done late + open overdue), as an exact
 * fraction; false when the base is 0 (no rate, shown "—"). No figure depends on floating
 * point: a formatter that needs a real number divides the two itself. */
bool summary_on_time_fraction(const int64_t c[CNT_N], int64_t *num, int64_t *den);
/* The same in tenths of a percent, rounded half up (750 is 75,0%); false when 0/0. */
bool summary_on_time_tenths(const int64_t c[CNT_N], int64_t *tenths);
extern const char summary_rate_formula[];

int app_doc_counts(struct app *ctx, const char *unit, bool subtree, const char *from,
                   const char *to, struct doc_counts *out, struct error *e);

/* Blank, too long or letterless `query` is refused naming `field` (the caller's name for it). */
int app_search(struct app *ctx, const char *query, const char *field, size_t limit,
               struct search_hit **out, size_t *n, struct error *e);

/* ---- Reads (app_read.c): what a shell shows, bounded by ctx->scope_unit ----
 * A record outside the bound is ERR_FORBIDDEN naming "id"; lists are cut to it. Units and
 * people (the directory) are readable by everyone. A database failure keeps its own code. */
int app_read_begin(struct app *ctx, struct error *e); /* one snapshot for what follows */
void app_read_end(struct app *ctx);
const char *app_backend(const struct app *ctx); /* "sqlite" or "postgres" */
/* Does the database answer? One cheap read (store_is_empty) in its own snapshot: a server's
 * /readyz. The store's error, worded by it, when it does not. */
int app_ready(struct app *ctx, struct error *e);
/* A server's choices for the connections it opens afterwards (store.h says what each does):
 * memory per connection, group commit of SQLite writes. */
void app_tune_connections(size_t memory_per_connection, bool group_commit);
/* A server's connection answers a write only once its commit is on disk (store.h). */
void app_sync_defer(struct store *s, bool on);
uint64_t app_sync_owed(struct store *s);
void app_sync_notify(uint64_t ticket, store_synced_fn *fn, void *arg);
/* The store's stamp of the tasks led by `unit` (and below): what an answer kept in a cache
 * was computed from. */
int app_stamp(struct app *ctx, int64_t unit, bool subtree, char out[STORE_STAMP_MAX],
              struct error *e);
int app_unit_list(struct app *ctx, struct unit_rec **out, size_t *n, struct error *e);
int app_unit_get(struct app *ctx, int64_t id, struct unit_rec *out, struct error *e);
/* unit 0: everyone */
int app_person_list(struct app *ctx, int64_t unit, struct person_rec **out, size_t *n,
                    struct error *e);
int app_person_get(struct app *ctx, int64_t id, struct person_rec *out, struct error *e);
int app_meeting_get(struct app *ctx, int64_t id, struct meeting_rec *out, struct error *e);
/* Hosted by a unit of `hosts` (NULL: all) in [from, to], newest first. */
int app_meeting_list(struct app *ctx, const struct unit_set *hosts, day_num from, day_num to,
                     size_t limit, struct meeting_rec **out, size_t *n, struct error *e);
int app_doc_get(struct app *ctx, int64_t id, struct doc_rec *out, struct error *e);
int app_doc_list(struct app *ctx, const struct doc_filter *f, struct doc_rec **out, size_t *n,
                 size_t *total, struct error *e);
int app_task_get(struct app *ctx, int64_t id, struct task_rec *out, struct error *e);
int app_account_rec_get(struct app *ctx, int64_t id, struct account_rec *out, struct error *e);
/* ERR_NOT_FOUND when no account has that name; outside the bound: forbidden naming `field`. */
int app_account_rec_find(struct app *ctx, const char *username, const char *field,
                         struct account_rec *out, struct error *e);
int app_account_list(struct app *ctx, struct account_rec **out, size_t *n, struct error *e);
int app_token_get(struct app *ctx, int64_t id, struct token_rec *out, struct error *e);
int app_token_list(struct app *ctx, struct token_rec **out, size_t *n, struct error *e);
/* Newest first; object_kind NULL and object_id 0: all (of the bound); limit 0: 100. */
int app_audit_list(struct app *ctx, const char *object_kind, int64_t object_id, size_t limit,
                   size_t offset, struct audit_rec **out, size_t *n, struct error *e);

/* Fill an empty database with the seed demo (app/demo.c). `replace` wipes a non-empty one. */
int app_demo(struct app *ctx, bool replace, struct error *e);

/* A demo account and its password, shown once and stored only as a hash. */
struct demo_account {
    const char *username, *role, *unit, *password;
};
/* The demo with one account per role, their random passwords returned in `accounts`. */
int app_demo_with_accounts(struct app *ctx, bool replace, struct demo_account **accounts,
                           size_t *n, struct error *e);

/* ---- The official unit catalogue since 1 July 2025 (app_catalogue.c) ---- */
struct catalogue_file {
    const char *name; /* for messages: "communes.csv" */
    const char *data;
    size_t len;
};
struct catalogue_files {
    struct catalogue_file provinces, communes, merged_from; /* data/dvhc-2025/README.md */
};
struct catalogue_result {
    size_t provinces, communes, old_rows; /* rows read */
    size_t created, updated, closed, unchanged; /* units written or found as they are */
    size_t old_codes, old_found, old_absent; /* old units named; in the database; not */
    size_t old_skipped; /* in the database but closed on another day: left as they are */
};
/* Check every row of the three files (the first bad one refuses the lot, naming the file,
 * line and column), then in one transaction, each change with its audit row: the
 * provinces and communes opened on 2025-07-01 created or brought up to date (keyed by
 * code and that day), the old units the database has under their old codes closed on
 * 2025-07-01 with their successors. Nothing to change: nothing written. */
int app_catalogue_import(struct app *ctx, const struct catalogue_files *files,
                         struct catalogue_result *res, struct error *e);
/* ERR_INVALID naming `field` if `unit` was closed on or before `day` (its successors named). */
int app_unit_require_open(struct app *ctx, int64_t unit, day_num day, const char *field,
                          struct error *e);
/* Of several units matching one code or name, keep the one in force today if it is the only
 * one (ids[0], *n = 1); else leave them. */
int app_unit_pick_in_force(struct app *ctx, int64_t *ids, size_t *n, struct error *e);
/* A unit's place in the catalogue: its parent's code, its successors (main first) and the
 * units merged into it (by id), records into ctx->a. */
struct unit_history {
    const char *parent_code; /* NULL at the top */
    struct unit_rec *successors, *merged_from;
    size_t n_successors, n_merged_from;
};
int app_unit_history(struct app *ctx, const struct unit_rec *u, struct unit_history *out,
                     struct error *e);

#endif
