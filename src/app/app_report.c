/*
 * app/app_report.c - the summary of task figures and the document counts.
 *
 * Two ways to the same figures: the running totals (store_agg_counts) when
 * the question is "a unit (or subtree), optionally by one assigner, as of a
 * day", and a task-by-task classification (store_task_scan +
 * timeline_counts_at) when it also restricts the assignment dates or the key
 * tasks. Both rest on task_standing_at(); tests compare them on the same
 * data. The overdue list always comes task by task, from the tasks that may
 * be open on the day (indexes task_lead_open and task_open_span), so it is exact and cheap.
 */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_int.h"
#include "util/xalloc.h"

const char summary_rate_formula[] =
    "đúng hạn / (đúng hạn + hoàn thành quá hạn + chưa hoàn thành quá hạn)";

bool summary_on_time_fraction(const int64_t c[CNT_N], int64_t *num, int64_t *den)
{
    *num = c[CNT_DONE_BEFORE] + c[CNT_DONE_ON_DAY];
    *den = *num + c[CNT_DONE_LATE] + c[CNT_OPEN_OVERDUE];
    return *den > 0;
}

bool summary_on_time_tenths(const int64_t c[CNT_N], int64_t *tenths)
{
    int64_t num, den;
    *tenths = 0;
    if (!summary_on_time_fraction(c, &num, &den))
        return false;
    /* Half up, in integers; 128 bits so that no count can overflow the product. */
    *tenths = (int64_t)(((__int128)num * 2000 + den) / ((__int128)den * 2));
    return true;
}

/* Per-unit lines, keyed by unit id, kept sorted for lookup. */
struct lines {
    struct unit_line *v;
    size_t n, cap;
};

static struct unit_line *line_for(struct lines *l, int64_t unit)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->v[mid].unit_id < unit)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < l->n && l->v[lo].unit_id == unit)
        return &l->v[lo];
    l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
    memmove(l->v + lo + 1, l->v + lo, (l->n - lo) * sizeof *l->v);
    memset(&l->v[lo], 0, sizeof l->v[lo]);
    l->v[lo].unit_id = unit;
    l->n++;
    return &l->v[lo];
}

struct scan {
    struct app *ctx;
    day_num day;
    bool count;           /* add to the counters (task-by-task path) */
    const struct unit_tree *tree;
    struct lines *lines;
    int64_t *totals;
    struct timeline *tl;
    struct overdue_item *overdue;
    size_t n_overdue, cap_overdue;
};

static int scan_task(void *p, const struct task_fact *f, struct error *e)
{
    struct scan *sc = p;
    sc->tl->assigned = f->assigned;
    sc->tl->deadline = f->deadline;
    int rc = timeline_decode(f->timeline, sc->tl, e);
    if (rc)
        return rc;
    struct task_counts c;
    struct task_standing st;
    timeline_counts_at(sc->tl, sc->day, sc->ctx->soon_days, &c, &st);
    if (sc->count) {
        struct unit_line *l = line_for(sc->lines, unit_tree_current(sc->tree, f->lead_unit_id));
        for (int k = 0; k < CNT_N; k++) {
            l->c[k] += c.c[k];
            sc->totals[k] += c.c[k];
        }
    }
    if (st.bucket == TASK_OPEN_OVERDUE) {
        sc->overdue = xgrow(sc->overdue, &sc->cap_overdue, sc->n_overdue + 1, sizeof *sc->overdue);
        struct task_dates d;
        timeline_dates_at(sc->tl, sc->day, &d, NULL);
        sc->overdue[sc->n_overdue++] = (struct overdue_item){
            .id = f->id, .lead_unit_id = f->lead_unit_id, .deadline = d.deadline,
            .days_overdue = st.days_overdue};
    }
    return ERR_OK;
}

static int cmp_overdue(const void *a, const void *b)
{
    const struct overdue_item *x = a, *y = b;
    if (x->days_overdue != y->days_overdue)
        return x->days_overdue > y->days_overdue ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

static int cmp_line(const void *a, const void *b)
{
    const struct unit_line *x = a, *y = b;
    if (x->c[CNT_OPEN_OVERDUE] != y->c[CNT_OPEN_OVERDUE])
        return x->c[CNT_OPEN_OVERDUE] > y->c[CNT_OPEN_OVERDUE] ? -1 : 1;
    if (x->c[CNT_ASSIGNED] != y->c[CNT_ASSIGNED])
        return x->c[CNT_ASSIGNED] > y->c[CNT_ASSIGNED] ? -1 : 1;
    return (x->unit_id > y->unit_id) - (x->unit_id < y->unit_id);
}

/* The position of unit `id` in `units` (ordered by id), or n when missing. */
static size_t unit_pos(const struct unit_rec *units, size_t n, int64_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (units[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && units[lo].id == id ? lo : n;
}

/* Names of the units in `lines`, and the overdue tasks' content and lead unit. */
static int fill_names(struct app *ctx, struct summary *out, struct error *e)
{
    struct unit_rec *units;
    size_t n_units;
    int rc = store_unit_list(ctx->s, ctx->a, &units, &n_units, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < out->n_by_unit; i++) {
        size_t k = unit_pos(units, n_units, out->by_unit[i].unit_id);
        out->by_unit[i].name = k < n_units ? units[k].name : "?";
    }
    if (!out->n_overdue)
        return ERR_OK;
    struct task_label *v = xcalloc(out->n_overdue, sizeof *v);
    for (size_t i = 0; i < out->n_overdue; i++)
        v[i].id = out->overdue[i].id;
    rc = app_task_labels(ctx, units, n_units, v, out->n_overdue, e);
    for (size_t i = 0; !rc && i < out->n_overdue; i++) {
        out->overdue[i].content = v[i].content;
        out->overdue[i].lead_name = v[i].lead_name;
    }
    free(v);
    return rc;
}

int app_task_labels(struct app *ctx, const struct unit_rec *units, size_t n_units,
                    struct task_label *v, size_t n, struct error *e)
{
    if (!n)
        return ERR_OK;
    struct unit_set ids = UNIT_SET_INIT;
    for (size_t i = 0; i < n; i++)
        unit_set_add(&ids, v[i].id);
    struct task_label *got;
    size_t n_got;
    int rc = store_task_labels(ctx->s, ctx->a, &ids, &got, &n_got, e);
    unit_set_release(&ids);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++) { /* got is ordered by id */
        size_t lo = 0, hi = n_got;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (got[mid].id < v[i].id)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < n_got && got[lo].id == v[i].id) {
            size_t k = unit_pos(units, n_units, got[lo].lead_unit_id);
            v[i].lead_unit_id = got[lo].lead_unit_id;
            v[i].content = got[lo].content;
            v[i].lead_name = k < n_units ? units[k].name : NULL;
        }
    }
    return ERR_OK;
}

/* The summary's lists from a scan: units with something counted, the overdue tasks. */
static void summary_lists(struct app *ctx, const struct summary_cmd *q, struct lines *lines,
                          struct scan *sc, struct summary *out)
{
    /* Drop units with nothing counted on the day. */
    size_t w = 0;
    for (size_t i = 0; i < lines->n; i++)
        if (lines->v[i].c[CNT_ASSIGNED] || lines->v[i].c[CNT_CANCELLED])
            lines->v[w++] = lines->v[i];
    lines->n = w;
    if (lines->n)
        qsort(lines->v, lines->n, sizeof *lines->v, cmp_line);
    out->by_unit = arena_alloc(ctx->a, (lines->n + 1) * sizeof *out->by_unit);
    if (lines->n)
        memcpy(out->by_unit, lines->v, lines->n * sizeof *lines->v);
    out->n_by_unit = lines->n;
    if (sc->n_overdue)
        qsort(sc->overdue, sc->n_overdue, sizeof *sc->overdue, cmp_overdue);
    /* A province has thousands overdue; a dashboard shows the worst few and pages the rest
     * (task list --category open_overdue). Only the listed ones are read back for content. */
    if (q->overdue_limit && sc->n_overdue > q->overdue_limit)
        sc->n_overdue = q->overdue_limit;
    out->overdue = arena_alloc(ctx->a, (sc->n_overdue + 1) * sizeof *out->overdue);
    if (sc->n_overdue)
        memcpy(out->overdue, sc->overdue, sc->n_overdue * sizeof *sc->overdue);
    out->n_overdue = sc->n_overdue;
}

int app_summary_decode(struct app *ctx, const struct summary_query *q, struct summary_cmd *out,
                       struct error *e)
{
    memset(out, 0, sizeof *out);
    int rc;
    if ((rc = app_unit_or_own(ctx, q->unit, "unit", &out->unit, e)) ||
        (q->by && *q->by && (rc = app_unit_resolve(ctx, q->by, "by", &out->by, e))) ||
        (rc = app_parse_day(ctx, q->from, true, "from", &out->from, e)) ||
        (rc = app_parse_day(ctx, q->to, true, "to", &out->to, e)) ||
        (rc = app_parse_day(ctx, q->as_of, true, "as_of", &out->as_of, e)))
        return rc;
    if (out->from != DAY_NONE && out->to != DAY_NONE && out->to < out->from)
        return error_set(e, ERR_INVALID, "to", "Khoảng thời gian không hợp lệ: 'đến ngày' trước "
                                               "'từ ngày'");
    if (out->as_of == DAY_NONE)
        out->as_of = ctx->today;
    out->subtree = q->subtree;
    out->key_only = q->key_only;
    out->overdue_limit = q->overdue_limit;
    return ERR_OK;
}

int app_summary(struct app *ctx, const struct summary_query *q, struct summary *out,
                struct error *e)
{
    struct summary_cmd c;
    int rc = app_summary_decode(ctx, q, &c, e);
    if (rc) {
        memset(out, 0, sizeof *out);
        return rc;
    }
    return app_summary_run(ctx, &c, out, e);
}

int app_summary_run(struct app *ctx, const struct summary_cmd *q, struct summary *out,
                    struct error *e)
{
    memset(out, 0, sizeof *out);
    int64_t unit = q->unit, by = q->by;
    day_num from = q->from, to = q->to, as_of = q->as_of;
    int rc;
    if ((rc = app_scope_require(ctx, unit, "unit", e)))
        return rc;

    const struct unit_tree *tree = NULL;
    if ((rc = store_unit_tree(ctx->s, &tree, e)))
        return rc;
    struct unit_set lead = UNIT_SET_INIT, assigner = UNIT_SET_INIT;
    struct lines lines = {0};
    struct timeline *tl = xmalloc(sizeof *tl);
    struct scan sc = {.ctx = ctx, .day = as_of, .tree = tree, .lines = &lines,
                      .totals = out->c, .tl = tl};
    unit_tree_cover(tree, unit, q->subtree, &lead);
    if (by)
        unit_tree_cover(tree, by, false, &assigner);

    /* A cover of every unit (the province's own tree) filters nothing: read the tasks and
     * totals without testing each row against thousands of ids. */
    const struct unit_set *lead_filter = lead.n == tree->n ? NULL : &lead;
    struct task_filter f = {.lead = lead_filter,
                            .assigner = by ? &assigner : NULL,
                            .assigned_from = from,
                            .assigned_to = to != DAY_NONE && to < as_of ? to : as_of,
                            .deadline_from = DAY_NONE, .deadline_to = DAY_NONE,
                            .open_at = DAY_NONE, .key_only = q->key_only};
    out->from_totals = from == DAY_NONE && to == DAY_NONE && !q->key_only;
    if (out->from_totals) {
        struct unit_counts *uc;
        size_t n;
        if ((rc = store_agg_counts(ctx->s, ctx->a, lead_filter, by ? &assigner : NULL, as_of, &uc,
                                   &n, e)))
            goto out;
        for (size_t i = 0; i < n; i++) {
            struct unit_line *l = line_for(&lines, unit_tree_current(tree, uc[i].unit_id));
            for (int k = 0; k < CNT_N; k++) {
                l->c[k] += uc[i].c[k];
                out->c[k] += uc[i].c[k];
            }
        }
        /* The overdue list: only tasks that may be open on the day. */
        f.open_at = as_of;
        sc.count = false;
    } else {
        sc.count = true;
    }
    if ((rc = store_task_scan(ctx->s, &f, scan_task, &sc, e)))
        goto out;
    summary_lists(ctx, q, &lines, &sc, out);
    out->unit_id = unit;
    out->as_of = as_of;
    out->soon_days = ctx->soon_days;
    struct unit_rec u;
    if ((rc = store_unit_get(ctx->s, ctx->a, unit, &u, e)))
        goto out;
    out->unit_name = u.name;
    rc = fill_names(ctx, out, e);
out:
    free(lines.v);
    free(sc.overdue);
    free(tl);
    unit_set_release(&lead);
    unit_set_release(&assigner);
    return rc;
}

int app_doc_counts(struct app *ctx, const char *unit, bool subtree, const char *from,
                   const char *to, struct doc_counts *out, struct error *e)
{
    int64_t id;
    day_num d1, d2;
    int rc;
    if ((rc = app_unit_or_own(ctx, unit, "unit", &id, e)) ||
        (rc = app_parse_day(ctx, from, false, "from", &d1, e)) ||
        (rc = app_parse_day(ctx, to, false, "to", &d2, e)))
        return rc;
    if (d2 < d1)
        return error_set(e, ERR_INVALID, "to", "Khoảng thời gian không hợp lệ: 'đến ngày' trước "
                                               "'từ ngày'");
    struct unit_set set = UNIT_SET_INIT;
    if ((rc = app_unit_cover(ctx, id, subtree, &set, e)) == ERR_OK)
        rc = store_doc_counts(ctx->s, ctx->a, &set, d1, d2, out, e);
    unit_set_release(&set);
    return rc;
}
