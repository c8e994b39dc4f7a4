/*
 * app/app_int.h - helpers shared by the app_*.c files; not for callers of app.h.
 */
#ifndef GB_APP_APP_INT_H
#define GB_APP_APP_INT_H

#include "app/app.h"
#include "store/store.h" /* app/ alone calls the store */
#include "util/buf.h"

/* Did a store read find nothing? Then true, with `e` cleared for the caller's own words;
 * any other failure (the database gone away) stays in `e` for the caller to return, never
 * worded as "not found". */
bool app_none(int rc, struct error *e);
/* The search words of what a user typed: cleaned, folded (no tone marks, đ is d), split on
 * blanks, at most `max` of them (the rest ignored). Blank, too long or without any letter or
 * digit is refused naming `field`. Each word is wrapped in % when `like` (for LIKE). */
int app_search_words(struct app *ctx, const char *text, const char *field, bool like,
                     const char **words, size_t max, size_t *n, struct error *e);
/* text_clean into ctx->a. */
int app_clean(struct app *ctx, const char *s, const char *field, size_t max, bool multiline,
              bool allow_empty, const char **out, struct error *e);
/* "12" -> 12; "" or NULL -> 0; anything else ERR_INVALID naming `field`. */
int app_parse_id(const char *text, const char *field, int64_t *out, struct error *e);

/*
 * The audit trail (app_account.c): append one entry for a write, inside its
 * transaction, with ctx->actor and ctx->address. `before` and `after` are
 * JSON text (an object) or NULL; build them with the audit_* helpers.
 */
int app_audit(struct app *ctx, const char *action, const char *kind, int64_t id,
              const char *before, const char *after, struct error *e);
/* Members of a JSON object being built in `b` ("{" first, audit_end() last). */
void audit_str(struct buf *b, const char *key, const char *value); /* NULL: null */
void audit_int(struct buf *b, const char *key, int64_t value);
void audit_day(struct buf *b, const char *key, day_num d); /* "2020-09-15" or null */
/* Close the object and copy it into ctx->a; releases `b`. */
const char *audit_end(struct app *ctx, struct buf *b);

/* Fill v[i].content and v[i].lead_name (into ctx->a) for the tasks v[i].id, in one query,
 * naming lead units from `units` (store_unit_list's, ordered by id); a task not found keeps
 * NULLs. */
int app_task_labels(struct app *ctx, const struct unit_rec *units, size_t n_units,
                    struct task_label *v, size_t n, struct error *e);

#endif
