/*
 * store/store_dossier_total.c - running totals of the dossiers of each unit
 * (migration 0007), and the briefing's tallies read from them.
 *
 * The tally of core/dossier.h over a period [F, E] follows from five
 * counters taken up to the end of a day, each a sum over dossiers:
 *   received       received on or before the day
 *   returned_ok    returned on or before the day, on or before its due day
 *   returned_late  returned on or before the day, after its due day
 *   past_due       due before the day
 *   past_due_met   due before the day and returned on or before its due day
 * With A the counters at F - 1 and B at E:
 *   carried       = A.received - A.returned_ok - A.returned_late
 *   received      = B.received - A.received
 *   done on time  = B.returned_ok - A.returned_ok      (and late alike)
 *   open overdue  = B.past_due - B.past_due_met - B.returned_late
 *                   (due before E and not returned by E: the past due, less
 *                   those returned on time, which were returned before E,
 *                   less those returned late by E, which were due before E)
 *   open in time  = (B.received - B.returned_ok - B.returned_late) - open overdue
 * It needs E >= F: a period seen from a day before it starts is left to the
 * direct count (store_briefing.c).
 *
 * The counters at the end of a month are rows of dossier_total (one per unit
 * and month, from the unit's first such month to its last); at any other
 * day, the nearer month end's row plus or minus the dossiers of the days in
 * between, read from the dossiers' own indexes. A province's report then
 * reads a few rows per unit, not the hundreds of thousands of dossiers in
 * hand. tests/store/test_store_briefing.c holds both ways together.
 *
 * A writer locks the unit's row of dossier_total_span first, so that on
 * PostgreSQL two dossiers of one unit written at once cannot both extend
 * the months, or miss each other's new row.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/xalloc.h"

enum { EV_RECEIVED, EV_RETURNED_OK, EV_RETURNED_LATE, EV_PAST_DUE, EV_PAST_DUE_MET, EV_N };

struct dossier_sums {
    int64_t n[EV_N];
};

#define NO_MONTH INT_MAX

/* The month of each counter a dossier moves, NO_MONTH for those it does not. Past due counts
 * from the day after the due day. */
static void dossier_event_months(day_num received, day_num due, day_num returned, int out[EV_N])
{
    for (int i = 0; i < EV_N; i++)
        out[i] = NO_MONTH;
    out[EV_RECEIVED] = day_month_index(received);
    if (due != DAY_NONE)
        out[EV_PAST_DUE] = day_month_index(due + 1);
    if (returned != DAY_NONE) {
        bool ok = due == DAY_NONE || returned <= due;
        out[ok ? EV_RETURNED_OK : EV_RETURNED_LATE] = day_month_index(returned);
        if (ok && due != DAY_NONE)
            out[EV_PAST_DUE_MET] = day_month_index(due + 1);
    }
}

static int insert_zero_month(struct store *s, int64_t unit, int month, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO dossier_total (unit_id, month, received, returned_ok,"
                         " returned_late, past_due, past_due_met) VALUES ($1, $2, 0, 0, 0, 0, 0)",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, unit);
    sql_bind_int(s, st, 2, month);
    return sql_run(s, st, e);
}

static int insert_copied_month(struct store *s, int64_t unit, int month, int from_month,
                               struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO dossier_total (unit_id, month, received, returned_ok,"
                         " returned_late, past_due, past_due_met) SELECT unit_id, $2, received,"
                         " returned_ok, returned_late, past_due, past_due_met FROM dossier_total"
                         " WHERE unit_id = $1 AND month = $3",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, unit);
    sql_bind_int(s, st, 2, month);
    sql_bind_int(s, st, 3, from_month);
    return sql_run(s, st, e);
}

/* dossier_total_span's first and last month. */
static void read_span(struct store *s, struct arena *a, struct stmt *st, void *out)
{
    (void)a;
    int *span = out;
    span[0] = (int)sql_col_int(s, st, 0);
    span[1] = (int)sql_col_int(s, st, 1);
}

int dossier_totals_add(struct store *s, const struct dossier_rec *d, int sign, struct error *e)
{
    int ev[EV_N];
    dossier_event_months(d->received, d->due, d->returned, ev);
    int lo = INT_MAX, hi = INT_MIN;
    for (int i = 0; i < EV_N; i++) {
        if (ev[i] == NO_MONTH)
            continue;
        lo = ev[i] < lo ? ev[i] : lo;
        hi = ev[i] > hi ? ev[i] : hi;
    }
    /* The unit's span row: created empty when missing, then locked. */
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO dossier_total_span (unit_id, first_month, last_month)"
                         " VALUES ($1, $2, $3) ON CONFLICT (unit_id) DO NOTHING",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, d->unit_id);
    sql_bind_int(s, st, 2, lo);
    sql_bind_int(s, st, 3, lo - 1);
    if ((rc = sql_run(s, st, e)))
        return rc;
    if ((rc = sql_prepare(s,
                          "SELECT first_month, last_month FROM dossier_total_span"
                          " WHERE unit_id = $1 FOR UPDATE",
                          &st, e)))
        return rc;
    sql_bind_int(s, st, 1, d->unit_id);
    int span[2];
    bool found;
    if ((rc = sql_get_one(s, NULL, st, read_span, span, &found, e)))
        return rc;
    if (!found)
        return error_set(e, ERR_INTERNAL, "unit", "Không đọc được tổng số hồ sơ của đơn vị");
    int first = span[0], last = span[1];

    /* Months before the first hold nothing yet; months after the last, what the last holds. */
    int new_first = first, new_last = last;
    if (last < first) {
        for (int m = lo; m <= hi && !rc; m++)
            rc = insert_zero_month(s, d->unit_id, m, e);
        new_first = lo;
        new_last = hi;
    } else {
        for (int m = lo; m < first && !rc; m++)
            rc = insert_zero_month(s, d->unit_id, m, e);
        for (int m = last + 1; m <= hi && !rc; m++)
            rc = insert_copied_month(s, d->unit_id, m, last, e);
        new_first = lo < first ? lo : first;
        new_last = hi > last ? hi : last;
    }
    if (rc)
        return rc;
    if (new_first != first || new_last != last) {
        if ((rc = sql_prepare(s,
                              "UPDATE dossier_total_span SET first_month = $2, last_month = $3"
                              " WHERE unit_id = $1",
                              &st, e)))
            return rc;
        sql_bind_int(s, st, 1, d->unit_id);
        sql_bind_int(s, st, 2, new_first);
        sql_bind_int(s, st, 3, new_last);
        if ((rc = sql_run(s, st, e)))
            return rc;
    }

    /* Every month from the event's on counts it. */
    if ((rc = sql_prepare(s,
                          "UPDATE dossier_total SET"
                          " received = received + CASE WHEN month >= $3 THEN $2 ELSE 0 END,"
                          " returned_ok = returned_ok + CASE WHEN month >= $4 THEN $2 ELSE 0 END,"
                          " returned_late = returned_late"
                          " + CASE WHEN month >= $5 THEN $2 ELSE 0 END,"
                          " past_due = past_due + CASE WHEN month >= $6 THEN $2 ELSE 0 END,"
                          " past_due_met = past_due_met"
                          " + CASE WHEN month >= $7 THEN $2 ELSE 0 END"
                          " WHERE unit_id = $1 AND month >= $8",
                          &st, e)))
        return rc;
    sql_bind_int(s, st, 1, d->unit_id);
    sql_bind_int(s, st, 2, sign);
    for (int i = 0; i < EV_N; i++)
        sql_bind_int(s, st, 3 + i, ev[i]);
    sql_bind_int(s, st, 8, lo);
    return sql_run(s, st, e);
}

/* ---- Rebuilding every unit's rows from the dossiers ---- */

struct dossier_fact {
    int64_t unit;
    day_num received, due, returned;
};

/* Write one unit's months from its dossiers facts[0..n). */
static int rebuild_unit(struct store *s, const struct dossier_fact *facts, size_t n,
                        struct error *e)
{
    int lo = INT_MAX, hi = INT_MIN;
    int(*ev)[EV_N] = xmalloc(n * sizeof *ev);
    for (size_t i = 0; i < n; i++) {
        dossier_event_months(facts[i].received, facts[i].due, facts[i].returned, ev[i]);
        for (int k = 0; k < EV_N; k++) {
            if (ev[i][k] == NO_MONTH)
                continue;
            lo = ev[i][k] < lo ? ev[i][k] : lo;
            hi = ev[i][k] > hi ? ev[i][k] : hi;
        }
    }
    size_t months = (size_t)(hi - lo + 1);
    struct dossier_sums *m = xcalloc(months, sizeof *m);
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < EV_N; k++)
            if (ev[i][k] != NO_MONTH)
                m[ev[i][k] - lo].n[k]++;
    struct stmt *st;
    int rc =
        sql_prepare(s,
                    "INSERT INTO dossier_total (unit_id, month, received, returned_ok,"
                    " returned_late, past_due, past_due_met) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    &st, e);
    struct dossier_sums run = {{0}};
    for (size_t i = 0; i < months && !rc; i++) {
        sql_bind_int(s, st, 1, facts[0].unit);
        sql_bind_int(s, st, 2, lo + (int)i);
        for (int k = 0; k < EV_N; k++) {
            run.n[k] += m[i].n[k];
            sql_bind_int(s, st, 3 + k, run.n[k]);
        }
        rc = sql_run(s, st, e);
    }
    if (!rc && !(rc = sql_prepare(s,
                                  "INSERT INTO dossier_total_span (unit_id, first_month,"
                                  " last_month) VALUES ($1, $2, $3)",
                                  &st, e))) {
        sql_bind_int(s, st, 1, facts[0].unit);
        sql_bind_int(s, st, 2, lo);
        sql_bind_int(s, st, 3, hi);
        rc = sql_run(s, st, e);
    }
    free(m);
    free(ev);
    return rc;
}

int store_dossier_totals_rebuild(struct store *s, struct error *e)
{
    struct dossier_fact *facts = NULL;
    size_t n = 0, cap = 0;
    struct stmt *st;
    int rc = store_begin(s, e);
    if (rc)
        return rc;
    if ((rc = sql_exec(s, "DELETE FROM dossier_total", e)) ||
        (rc = sql_exec(s, "DELETE FROM dossier_total_span", e)) ||
        (rc = sql_prepare(s,
                          "SELECT unit_id, received_day, due_day, returned_day FROM dossier"
                          " ORDER BY unit_id",
                          &st, e)))
        goto out;
    /* Read everything before writing: a PostgreSQL connection streams one statement at a time. */
    bool row;
    while (!(rc = sql_step(s, st, &row, e)) && row) {
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            facts = xrealloc(facts, cap * sizeof *facts);
        }
        facts[n++] = (struct dossier_fact){sql_col_int(s, st, 0), sql_col_day(s, st, 1),
                                           sql_col_day(s, st, 2), sql_col_day(s, st, 3)};
    }
    sql_reset(s, st);
    for (size_t i = 0, j; i < n && !rc; i = j) {
        for (j = i + 1; j < n && facts[j].unit == facts[i].unit; j++)
            ;
        rc = rebuild_unit(s, facts + i, j - i, e);
    }
out:
    free(facts);
    if (rc) {
        store_rollback(s);
        return rc;
    }
    return store_commit(s, e);
}

/* ---- Reading ---- */

/* The counters of `units` at the end of `month`: each unit's row of that month, or of its
 * last month when `month` is past it; nothing for a unit whose first month is later. */
static void read_counters(struct store *s, struct arena *a, struct stmt *st, void *out)
{
    (void)a;
    struct dossier_sums *sums = out;
    for (int k = 0; k < EV_N; k++)
        sums->n[k] = sql_col_int(s, st, k);
}

static int sums_at_month(struct store *s, const struct unit_set *units, int month,
                         struct dossier_sums *out, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "SELECT COALESCE(sum(t.received), 0), COALESCE(sum(t.returned_ok), 0),"
                         " COALESCE(sum(t.returned_late), 0), COALESCE(sum(t.past_due), 0),"
                         " COALESCE(sum(t.past_due_met), 0)"
                         " FROM dossier_total_span p JOIN dossier_total t ON t.unit_id = p.unit_id"
                         " AND t.month = CASE WHEN p.last_month < $2 THEN p.last_month ELSE $2 END"
                         " WHERE p.unit_id IN IDSET($1) AND p.first_month <= $2"
                         " AND p.first_month <= p.last_month",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_set(s, st, 1, units);
    sql_bind_int(s, st, 2, month);
    memset(out, 0, sizeof *out);
    bool found; /* an aggregate without GROUP BY: always one row */
    return sql_get_one(s, NULL, st, read_counters, out, &found, e);
}

/* What the dossiers of `units` add to the counters over the days (after, upto]: past due ones
 * count from the day after their due day, so by due day in [after, upto). */
static int sums_between(struct store *s, const struct unit_set *units, day_num after, day_num upto,
                        struct dossier_sums *out, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(
        s,
        "SELECT 0, count(*), 0 FROM dossier WHERE unit_id IN IDSET($1)"
        " AND received_day > $2 AND received_day <= $3"
        " UNION ALL SELECT 1,"
        " COALESCE(sum(CASE WHEN due_day IS NULL OR returned_day <= due_day THEN 1 ELSE 0 END), 0),"
        " COALESCE(sum(CASE WHEN returned_day > due_day THEN 1 ELSE 0 END), 0)"
        " FROM dossier WHERE unit_id IN IDSET($1) AND returned_day > $2 AND returned_day <= $3"
        " UNION ALL SELECT 2, count(*),"
        " COALESCE(sum(CASE WHEN returned_day <= due_day THEN 1 ELSE 0 END), 0)"
        " FROM dossier WHERE unit_id IN IDSET($1) AND due_day >= $2 AND due_day < $3",
        &st, e);
    if (rc)
        return rc;
    sql_bind_set(s, st, 1, units);
    sql_bind_int(s, st, 2, after);
    sql_bind_int(s, st, 3, upto);
    memset(out, 0, sizeof *out);
    bool row;
    while (!(rc = sql_step(s, st, &row, e)) && row) {
        int64_t a = sql_col_int(s, st, 1), b = sql_col_int(s, st, 2);
        switch (sql_col_int(s, st, 0)) {
        case 0:
            out->n[EV_RECEIVED] = a;
            break;
        case 1:
            out->n[EV_RETURNED_OK] = a;
            out->n[EV_RETURNED_LATE] = b;
            break;
        default:
            out->n[EV_PAST_DUE] = a;
            out->n[EV_PAST_DUE_MET] = b;
            break;
        }
    }
    sql_reset(s, st);
    return rc;
}

static void sums_add(struct dossier_sums *to, const struct dossier_sums *x, int sign)
{
    for (int k = 0; k < EV_N; k++)
        to->n[k] += sign * x->n[k];
}

/* The counters at the end of `day`: from the nearer month end. */
static int sums_at_day(struct store *s, const struct unit_set *units, day_num day,
                       struct dossier_sums *out, struct error *e)
{
    int m = day_month_index(day);
    day_num first = day_month_first(m), last = day_month_last(m);
    struct dossier_sums between;
    int rc;
    if (day == last)
        return sums_at_month(s, units, m, out, e);
    if (day - first < last - day) {
        if ((rc = sums_at_month(s, units, m - 1, out, e)) ||
            (rc = sums_between(s, units, first - 1, day, &between, e)))
            return rc;
        sums_add(out, &between, +1);
    } else {
        if ((rc = sums_at_month(s, units, m, out, e)) ||
            (rc = sums_between(s, units, day, last, &between, e)))
            return rc;
        sums_add(out, &between, -1);
    }
    return ERR_OK;
}

/* The formulas at the top of the file. */
static void tally_of(const struct dossier_sums *a, const struct dossier_sums *b,
                     struct dossier_tally *t)
{
    t->carried = a->n[EV_RECEIVED] - a->n[EV_RETURNED_OK] - a->n[EV_RETURNED_LATE];
    t->received = b->n[EV_RECEIVED] - a->n[EV_RECEIVED];
    t->done_on_time = b->n[EV_RETURNED_OK] - a->n[EV_RETURNED_OK];
    t->done_late = b->n[EV_RETURNED_LATE] - a->n[EV_RETURNED_LATE];
    int64_t open = b->n[EV_RECEIVED] - b->n[EV_RETURNED_OK] - b->n[EV_RETURNED_LATE];
    t->open_overdue = b->n[EV_PAST_DUE] - b->n[EV_PAST_DUE_MET] - b->n[EV_RETURNED_LATE];
    t->open_in_time = open - t->open_overdue;
}

int dossier_totals_tally(struct store *s, const struct unit_set *units, day_num year_from,
                         day_num from, day_num end, struct dossier_tally *month,
                         struct dossier_tally *ytd, struct error *e)
{
    struct dossier_sums at_year, at_month, at_end;
    int rc;
    if ((rc = sums_at_day(s, units, year_from - 1, &at_year, e)) ||
        (from != year_from && (rc = sums_at_day(s, units, from - 1, &at_month, e))) ||
        (rc = sums_at_day(s, units, end, &at_end, e)))
        return rc;
    if (from == year_from) /* January: the month and the year start on the same day */
        at_month = at_year;
    tally_of(&at_month, &at_end, month);
    tally_of(&at_year, &at_end, ytd);
    return ERR_OK;
}
