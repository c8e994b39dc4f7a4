/*
 * store/store_int.h - what the domain files (store_*.c) share among themselves, over the
 * helper kit (sql.h); included by the domain files only, never by the front door (store.c)
 * nor by a driver.
 *
 * The store has three tiers:
 *
 *   store.h      the interface, in domain terms
 *   store.c      the front door: open by URL, migrations, nested transactions, commit
 *                hooks, the clock (over sql.h and driver.h; no domain internals)
 *   store_*.c    the domain SQL (units, tasks, documents, totals, briefing, bulk load,
 *                accounts), over sql.h and this header; never a driver's header
 *   sql.h        the helper kit (sql.c) and the front door's services to the domain files
 *   driver.h     the drivers' vtable, the shared statement cache (driver.c) and the dialect
 *                layer (dialect.c); store_sqlite.c and store_pg.c, one vtable each
 */
#ifndef GB_STORE_STORE_INT_H
#define GB_STORE_STORE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "store/sql.h"
#include "store/store.h"
#include "util/error.h"

/* Note that a task of `lead_unit_id` was inserted or changed (store_task.c): in a
 * transaction, for store_commit; outside one, counted at once. */
int store_task_touched(struct store *s, int64_t lead_unit_id, struct error *e);

/* ---- Open intervals (migration 0004_task_open_span) ---- */
#define OPEN_FOREVER 99999999 /* open_until of a task that may still be open */
/* The length class of the open interval [assigned, until) of a task, as SQL over two integer
 * expressions: see the migration. filter_where() in store_task.c holds the class bounds. */
#define OPEN_SPAN_SQL(until, assigned)                                                             \
    "CASE WHEN " until " >= 99999999 THEN 9 WHEN " until " - " assigned " <= 31 THEN 0"          \
    " WHEN " until " - " assigned " <= 92 THEN 1 WHEN " until " - " assigned " <= 365 THEN 2"    \
    " WHEN " until " - " assigned " <= 1461 THEN 3 ELSE 4 END"

/* ---- Dossier running totals (store_dossier_total.c, migration 0007) ---- */
/* The dossier's row alone (store_briefing.c); its totals are the caller's to move. */
int dossier_insert_row(struct store *s, const struct dossier_rec *d, int64_t *id,
                       struct error *e);
/* Count a dossier into its unit's totals (sign +1), or take it out (-1); inside a transaction. */
int dossier_totals_add(struct store *s, const struct dossier_rec *d, int sign, struct error *e);
/* store_dossier_counts() from the totals, seen at `end`; needs year_from <= from <= end. */
int dossier_totals_tally(struct store *s, const struct unit_set *units, day_num year_from,
                         day_num from, day_num end, struct dossier_tally *month,
                         struct dossier_tally *ytd, struct error *e);

#endif
