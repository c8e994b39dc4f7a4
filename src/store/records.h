/*
 * store/records.h - the records and filters the store hands to app/ and app/ hands on to
 * the shells (http/, cli/, report/): plain data, no function. app.h includes this header,
 * not store.h, so a shell can name what the store returns but cannot call the store: it goes
 * through app/ (and opens and closes the store with store.h, in main.c and server.c only).
 * The task, unit, meeting, document and person records are in core/model.h.
 */
#ifndef GB_STORE_RECORDS_H
#define GB_STORE_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/unit_tree.h"

/* What an answer computed from the store was computed from (store_task_stamp). */
#define STORE_STAMP_MAX 64

/* Called once a commit is on disk (store_sync_notify in store.h). */
typedef void store_synced_fn(void *arg, bool ok);

struct doc_filter {
    const struct unit_set *units; /* registers of these units; NULL: all */
    int direction;                /* 0: both */
    const char *type;             /* NULL: all */
    day_num from, to;             /* DAY_NONE: open */
    int64_t meeting_id;           /* 0: any */
    const char *number;           /* exactly this number as written ("250/TB-UBND"); NULL: any */
    size_t limit, offset;
};

struct doc_type_count {
    const char *type;
    int64_t count;
};

struct doc_counts {
    int64_t incoming;           /* received in the period */
    int64_t incoming_processed; /* processed in the period */
    int64_t outgoing;           /* issued in the period */
    struct doc_type_count *outgoing_by_type; /* sorted by type */
    size_t n_types;
};

struct search_hit {
    const char *kind; /* "task", "meeting", "document", "unit" */
    int64_t id;
    const char *text;
    day_num day;
};

/* Accounts: secrets arrive hashed (pw_hash an argon2id string). */
struct account_rec {
    int64_t id;
    const char *username;
    const char *pw_hash;
    const char *role; /* "admin", "leader", "office", "unit", "viewer" */
    int64_t unit_id;  /* what it may see and change: this unit's subtree */
    bool disabled;
    const char *created_at;
};

/* A token as an administrator sees it: never its secret, which is not kept. */
struct token_rec {
    int64_t id;
    int64_t account_id;
    const char *username;
    int64_t unit_id; /* the account's */
    const char *label; /* or NULL */
    const char *created_at;
    bool revoked;
};

struct audit_rec {
    int64_t id;
    const char *at;      /* UTC ISO 8601, set by the store */
    const char *actor;   /* user name, "cli:USER" */
    const char *address; /* client address, NULL from the CLI */
    const char *action;  /* "task.create", "task.progress", "unit.move", "account.create"... */
    const char *object_kind; /* "task", "unit", "meeting", "document", "person", "account" */
    int64_t object_id;
    const char *before, *after; /* JSON text or NULL */
};

#endif
