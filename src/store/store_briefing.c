/*
 * store/store_briefing.c - dossiers, petitions and indicators. See store.h.
 *
 * The dossiers' tallies come from their running totals
 * (store_dossier_total.c), kept in the same transaction as each insert. The
 * SQL below counts items directly: the petitions, and the dossiers of a
 * period seen from a day before it starts. One aggregate per question, so a
 * province's items are counted by the database and never cross the
 * connection. An item is in hand during a period when it was returned on or
 * after the period's first day or not at all: two ranges of the index (unit,
 * return day, received day) of migration 0005, not a scan of all a unit ever
 * received. Their CASE expressions are core/dossier.h's rule written once
 * more; tests/store/test_store_briefing.c checks both agree.
 */
#include <string.h>
#include <time.h>

#include "store/store_int.h"

/* ---- Dossiers ---- */

int dossier_insert_row(struct store *s, const struct dossier_rec *d, int64_t *id,
                       struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO dossier (unit_id, code, procedure_name, applicant,"
                         " received_day, due_day, returned_day, created_at)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                         &st, e);
    if (rc)
        return rc;
    char now[32];
    sql_bind_int(s, st, 1, d->unit_id);
    sql_bind_text(s, st, 2, d->code);
    sql_bind_text(s, st, 3, d->procedure);
    sql_bind_text(s, st, 4, d->applicant);
    sql_bind_day(s, st, 5, d->received);
    sql_bind_day(s, st, 6, d->due);
    sql_bind_day(s, st, 7, d->returned);
    sql_bind_text(s, st, 8, store_now_text(s, now));
    rc = sql_run_int(s, st, id, e);
    if (rc == ERR_CONFLICT) {
        error_clear(e);
        return error_set(e, ERR_CONFLICT, "code", "Mã hồ sơ '%s' đã có trong sổ của đơn vị",
                         d->code ? d->code : "");
    }
    return rc;
}

int store_dossier_insert(struct store *s, const struct dossier_rec *d, int64_t *id,
                         struct error *e)
{
    int rc = dossier_insert_row(s, d, id, e);
    return rc ? rc : dossier_totals_add(s, d, +1, e);
}

/* The columns of store_dossier_by_code's row; the unit and code are the caller's. */
static void read_dossier(struct store *s, struct arena *a, struct stmt *st, void *out_)
{
    struct dossier_rec *out = out_;
    out->id = sql_col_int(s, st, 0);
    out->procedure = sql_col_text(s, a, st, 1);
    out->applicant = sql_col_text(s, a, st, 2);
    out->received = sql_col_day(s, st, 3);
    out->due = sql_col_day(s, st, 4);
    out->returned = sql_col_day(s, st, 5);
}

int store_dossier_by_code(struct store *s, struct arena *a, int64_t unit, const char *code,
                          struct dossier_rec *out, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "SELECT id, procedure_name, applicant, received_day, due_day,"
                         " returned_day FROM dossier WHERE unit_id = $1 AND code = $2",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, unit);
    sql_bind_text(s, st, 2, code);
    struct dossier_rec d = {.unit_id = unit};
    bool found;
    if ((rc = sql_get_one(s, a, st, read_dossier, &d, &found, e)))
        return rc;
    if (!found)
        return error_set(e, ERR_NOT_FOUND, "code", "Không có hồ sơ mã '%s' trong sổ của đơn vị",
                         code);
    d.code = arena_strdup(a, code);
    *out = d;
    return ERR_OK;
}

int store_dossier_update(struct store *s, const struct dossier_rec *old,
                         const struct dossier_rec *d, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "UPDATE dossier SET procedure_name = $2, applicant = $3, received_day = $4,"
                         " due_day = $5, returned_day = $6 WHERE id = $1",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, old->id);
    sql_bind_text(s, st, 2, d->procedure);
    sql_bind_text(s, st, 3, d->applicant);
    sql_bind_day(s, st, 4, d->received);
    sql_bind_day(s, st, 5, d->due);
    sql_bind_day(s, st, 6, d->returned);
    struct dossier_rec now = *d;
    now.unit_id = old->unit_id;
    if ((rc = sql_run(s, st, e)) || (rc = dossier_totals_add(s, old, -1, e)))
        return rc;
    return dossier_totals_add(s, &now, +1, e);
}

/*
 * The tally's six sums for one window, over rows already limited to the items
 * in hand during the year to date ($2 its first day, $4 the month's, $3 the
 * end). IN says whether a row is in hand in this window: "1 = 1" for the
 * year to date, returned on or after $4 (or not at all) for the month.
 */
#define TALLY_SUMS(IN, FROM, RECEIVED, DUE, DONE)                                                  \
    "COALESCE(sum(CASE WHEN " IN " AND " RECEIVED " < " FROM " THEN 1 ELSE 0 END), 0),"           \
    " COALESCE(sum(CASE WHEN " IN " AND " RECEIVED " >= " FROM " THEN 1 ELSE 0 END), 0),"         \
    " COALESCE(sum(CASE WHEN " IN " AND " DONE " <= $3 AND (" DUE " IS NULL OR " DONE " <= " DUE  \
    ") THEN 1 ELSE 0 END), 0),"                                                                    \
    " COALESCE(sum(CASE WHEN " IN " AND " DONE " <= $3 AND " DUE " < " DONE                        \
    " THEN 1 ELSE 0 END), 0),"                                                                     \
    " COALESCE(sum(CASE WHEN " IN " AND (" DONE " IS NULL OR " DONE " > $3) AND (" DUE           \
    " IS NULL OR " DUE " >= $3) THEN 1 ELSE 0 END), 0),"                                           \
    " COALESCE(sum(CASE WHEN " IN " AND (" DONE " IS NULL OR " DONE " > $3) AND " DUE            \
    " < $3 THEN 1 ELSE 0 END), 0)"
#define BOTH_TALLIES(RECEIVED, DUE, DONE)                                                          \
    TALLY_SUMS("(" DONE " IS NULL OR " DONE " >= $4)", "$4", RECEIVED, DUE, DONE)                \
    ", " TALLY_SUMS("1 = 1", "$2", RECEIVED, DUE, DONE)

static void read_tally(struct store *s, struct stmt *st, int first, struct dossier_tally *t)
{
    t->carried = sql_col_int(s, st, first);
    t->received = sql_col_int(s, st, first + 1);
    t->done_on_time = sql_col_int(s, st, first + 2);
    t->done_late = sql_col_int(s, st, first + 3);
    t->open_in_time = sql_col_int(s, st, first + 4);
    t->open_overdue = sql_col_int(s, st, first + 5);
}

struct two_tallies {
    struct dossier_tally *month, *ytd;
};

static void read_two_tallies(struct store *s, struct arena *a, struct stmt *st, void *out)
{
    (void)a;
    struct two_tallies *t = out;
    read_tally(s, st, 0, t->month);
    read_tally(s, st, 6, t->ytd);
}

int store_dossier_counts(struct store *s, const struct unit_set *units, day_num year_from,
                         day_num from, day_num to, day_num as_of, struct dossier_tally *month,
                         struct dossier_tally *ytd, struct error *e)
{
    memset(month, 0, sizeof *month);
    memset(ytd, 0, sizeof *ytd);
    day_num end = to < as_of ? to : as_of;
    if (year_from <= from && from <= end)
        return dossier_totals_tally(s, units, year_from, from, end, month, ytd, e);
    /* Seen from before the period starts: counted from the dossiers themselves. */
    struct stmt *st;
    int rc = sql_prepare(s,
                         "SELECT " BOTH_TALLIES("received_day", "due_day", "returned_day")
                         " FROM (SELECT received_day, due_day, returned_day FROM dossier"
                         " WHERE unit_id IN IDSET($1) AND returned_day >= $2 AND received_day <= $3"
                         " UNION ALL SELECT received_day, due_day, returned_day FROM dossier"
                         " WHERE unit_id IN IDSET($1) AND returned_day IS NULL"
                         " AND received_day <= $3) x",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_set(s, st, 1, units);
    sql_bind_int(s, st, 2, year_from);
    sql_bind_int(s, st, 3, end);
    sql_bind_int(s, st, 4, from);
    bool found; /* an aggregate without GROUP BY: always one row */
    return sql_get_one(s, NULL, st, read_two_tallies, &(struct two_tallies){month, ytd}, &found, e);
}

/* ---- Petitions ---- */

int store_petition_insert(struct store *s, const struct petition_rec *p, int64_t *id,
                          struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO petition (unit_id, kind, session, source, summary,"
                         " received_day, deadline_day, resolved_day, result, created_at)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                         &st, e);
    if (rc)
        return rc;
    char now[32];
    sql_bind_int(s, st, 1, p->unit_id);
    sql_bind_text(s, st, 2, petition_kind_name(p->kind));
    sql_bind_text(s, st, 3, p->session);
    sql_bind_text(s, st, 4, p->source);
    sql_bind_text(s, st, 5, p->summary);
    sql_bind_day(s, st, 6, p->received);
    sql_bind_day(s, st, 7, p->deadline);
    sql_bind_day(s, st, 8, p->resolved);
    sql_bind_text(s, st, 9, p->result);
    sql_bind_text(s, st, 10, store_now_text(s, now));
    return sql_run_int(s, st, id, e);
}

/* One row per petition kind: its two tallies, into the arrays by kind. */
static int add_petition_tallies(struct store *s, struct stmt *st, void *arg, struct error *e)
{
    (void)e;
    struct two_tallies *t = arg;
    int k = petition_kind_from_name(sql_col_text_raw(s, st, 0));
    if (k > 0 && k < PETITION_KIND_N) {
        read_tally(s, st, 1, &t->month[k]);
        read_tally(s, st, 7, &t->ytd[k]);
    }
    return ERR_OK;
}

int store_petition_counts(struct store *s, const struct unit_set *units, day_num year_from,
                          day_num from, day_num to, day_num as_of,
                          struct dossier_tally month[PETITION_KIND_N],
                          struct dossier_tally ytd[PETITION_KIND_N], struct error *e)
{
    memset(month, 0, PETITION_KIND_N * sizeof *month);
    memset(ytd, 0, PETITION_KIND_N * sizeof *ytd);
    day_num end = to < as_of ? to : as_of;
    struct stmt *st;
    int rc = sql_prepare(s,
                         "SELECT kind, " BOTH_TALLIES("received_day", "deadline_day", "resolved_day")
                         " FROM (SELECT kind, received_day, deadline_day, resolved_day FROM petition"
                         " WHERE unit_id IN IDSET($1) AND resolved_day >= $2 AND received_day <= $3"
                         " UNION ALL SELECT kind, received_day, deadline_day, resolved_day"
                         " FROM petition WHERE unit_id IN IDSET($1) AND resolved_day IS NULL"
                         " AND received_day <= $3) x GROUP BY kind",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_set(s, st, 1, units);
    sql_bind_int(s, st, 2, year_from);
    sql_bind_int(s, st, 3, end);
    sql_bind_int(s, st, 4, from);
    return sql_each(s, st, add_petition_tallies, &(struct two_tallies){month, ytd}, e);
}

/* ---- Indicators ---- */

int store_indicator_put(struct store *s, const struct indicator_rec *r, int64_t *id,
                        struct error *e)
{
    struct stmt *st;
    char now[32];
    int rc = sql_prepare(s,
                         "INSERT INTO indicator (code, name, measure, ytd, compare, sort, created_at)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO UPDATE SET"
                         " name = excluded.name, measure = excluded.measure, ytd = excluded.ytd,"
                         " compare = excluded.compare, sort = excluded.sort RETURNING id",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_text(s, st, 1, r->code);
    sql_bind_text(s, st, 2, r->name);
    sql_bind_text(s, st, 3, r->measure);
    sql_bind_text(s, st, 4, indicator_ytd_name(r->ytd));
    sql_bind_text(s, st, 5, indicator_compare_name(r->compare));
    sql_bind_int(s, st, 6, r->sort);
    sql_bind_text(s, st, 7, store_now_text(s, now));
    return sql_run_int(s, st, id, e);
}

#define INDICATOR_COLS "id, code, name, measure, ytd, compare, sort"

static void read_indicator(struct store *s, struct arena *a, struct stmt *st, void *out_)
{
    struct indicator_rec *r = out_;
    memset(r, 0, sizeof *r);
    r->id = sql_col_int(s, st, 0);
    r->code = sql_col_text(s, a, st, 1);
    r->name = sql_col_text(s, a, st, 2);
    r->measure = sql_col_text(s, a, st, 3);
    int k = indicator_ytd_from_name(sql_col_text_raw(s, st, 4));
    r->ytd = k ? (enum indicator_ytd)k : INDICATOR_SUM;
    k = indicator_compare_from_name(sql_col_text_raw(s, st, 5));
    r->compare = k ? (enum indicator_compare)k : INDICATOR_RATIO;
    r->sort = (int)sql_col_int(s, st, 6);
}

int store_indicator_get(struct store *s, struct arena *a, const char *code, const char *field,
                        struct indicator_rec *out, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "SELECT " INDICATOR_COLS " FROM indicator WHERE code = $1", &st, e);
    if (rc)
        return rc;
    sql_bind_text(s, st, 1, code);
    bool found;
    if ((rc = sql_get_one(s, a, st, read_indicator, out, &found, e)))
        return rc;
    if (!found)
        return error_set(e, ERR_NOT_FOUND, field, "Không có chỉ tiêu mã '%s'", code);
    return ERR_OK;
}

int store_indicator_list(struct store *s, struct arena *a, struct indicator_rec **out, size_t *n,
                         struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "SELECT " INDICATOR_COLS " FROM indicator ORDER BY sort, code", &st,
                         e);
    if (rc)
        return rc;
    void *list;
    rc = sql_list(s, a, st, sizeof **out, read_indicator, &list, n, e);
    *out = list;
    return rc;
}

int store_indicator_value_put(struct store *s, int64_t indicator_id, int64_t unit_id, int year,
                              int month, int64_t value, struct error *e)
{
    struct stmt *st;
    char now[32];
    int rc = sql_prepare(s,
                         "INSERT INTO indicator_value (indicator_id, unit_id, year, month, value,"
                         " updated_at) VALUES ($1, $2, $3, $4, $5, $6)"
                         " ON CONFLICT (indicator_id, unit_id, year, month) DO UPDATE SET"
                         " value = excluded.value, updated_at = excluded.updated_at",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, indicator_id);
    sql_bind_int(s, st, 2, unit_id);
    sql_bind_int(s, st, 3, year);
    sql_bind_int(s, st, 4, month);
    sql_bind_int(s, st, 5, value);
    sql_bind_text(s, st, 6, store_now_text(s, now));
    return sql_run(s, st, e);
}

static void read_indicator_value(struct store *s, struct arena *a, struct stmt *st, void *out_)
{
    (void)a;
    struct indicator_value_row *r = out_;
    r->indicator_id = sql_col_int(s, st, 0);
    r->year = (int)sql_col_int(s, st, 1);
    r->month = (int)sql_col_int(s, st, 2);
    r->value = sql_col_int(s, st, 3);
}

int store_indicator_values(struct store *s, struct arena *a, const struct unit_set *units,
                           int year_from, int year_to, struct indicator_value_row **out,
                           size_t *n, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "SELECT indicator_id, year, month, sum(value)::bigint FROM indicator_value"
                         " WHERE unit_id IN IDSET($1) AND year >= $2 AND year <= $3"
                         " GROUP BY indicator_id, year, month ORDER BY indicator_id, year, month",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_set(s, st, 1, units);
    sql_bind_int(s, st, 2, year_from);
    sql_bind_int(s, st, 3, year_to);
    void *list;
    rc = sql_list(s, a, st, sizeof **out, read_indicator_value, &list, n, e);
    *out = list;
    return rc;
}
