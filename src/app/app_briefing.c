/*
 * app/app_briefing.c - dossiers, petitions and indicators entered one by
 * one, and the briefing report's figures and words. See briefing.h.
 *
 * The report is assembled from the same use cases the other reports use
 * (app_summary for the tasks, store_doc_counts for the register), so the
 * figures a meeting reads are the figures of `report summary` on the same
 * day. Its sentences are built from the figures only: a sentence whose
 * figures are all zero is left out rather than printed as "0".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "app/briefing.h"
#include "app/briefing_int.h"
#include "core/vnum.h"
#include "text/normalize.h"
#include "util/xalloc.h"

/* ---- Entering data ---- */

#define DOSSIER_DUE_MAX_DAYS (3 * 366)

int briefing_dossier_check(struct app *ctx, const struct dossier_input *in,
                           struct dossier_rec *d, struct error *e)
{
    memset(d, 0, sizeof *d);
    int rc;
    if ((rc = app_unit_resolve(ctx, in->unit, "unit", &d->unit_id, e)) ||
        (rc = app_clean(ctx, in->code, "code", 64, false, true, &d->code, e)) ||
        (rc = app_clean(ctx, in->procedure, "procedure", TASK_TEXT_MAX, false, false,
                        &d->procedure, e)) ||
        (rc = app_clean(ctx, in->applicant, "applicant", NAME_MAX_BYTES, false, true,
                        &d->applicant, e)) ||
        (rc = app_parse_day(ctx, in->received, false, "received", &d->received, e)) ||
        (rc = app_parse_day(ctx, in->due, true, "due", &d->due, e)) ||
        (rc = app_parse_day(ctx, in->returned, true, "returned", &d->returned, e)))
        return rc;
    if (d->code && !*d->code)
        d->code = NULL;
    if (d->applicant && !*d->applicant)
        d->applicant = NULL;
    if (d->received > ctx->today)
        return error_set(e, ERR_INVALID, "received", "Ngày tiếp nhận sau ngày hôm nay");
    if (d->due != DAY_NONE && d->due < d->received)
        return error_set(e, ERR_INVALID, "due", "Ngày hẹn trả trước ngày tiếp nhận");
    /* No procedure takes years; such a date is a typo in the year, and it would also stretch
     * the unit's running totals over every month up to it. */
    if (d->due != DAY_NONE && d->due - d->received > DOSSIER_DUE_MAX_DAYS)
        return error_set(e, ERR_INVALID, "due",
                         "Ngày hẹn trả cách ngày tiếp nhận hơn 3 năm: kiểm tra lại năm");
    if (d->returned != DAY_NONE && d->returned < d->received)
        return error_set(e, ERR_INVALID, "returned", "Ngày trả kết quả trước ngày tiếp nhận");
    if (d->returned != DAY_NONE && d->returned > ctx->today)
        return error_set(e, ERR_INVALID, "returned", "Ngày trả kết quả sau ngày hôm nay");
    return ERR_OK;
}

/* What the audit trail keeps of each record (after it was written). */
const char *briefing_dossier_audit(struct app *ctx, const struct dossier_rec *d)
{
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '{');
    audit_int(&b, "unit_id", d->unit_id);
    audit_str(&b, "code", d->code);
    audit_str(&b, "procedure", d->procedure);
    audit_str(&b, "applicant", d->applicant);
    audit_day(&b, "received", d->received);
    audit_day(&b, "due", d->due);
    audit_day(&b, "returned", d->returned);
    return audit_end(ctx, &b);
}

static const char *petition_audit(struct app *ctx, const struct petition_rec *p)
{
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '{');
    audit_int(&b, "unit_id", p->unit_id);
    audit_str(&b, "kind", petition_kind_name(p->kind));
    audit_str(&b, "session", p->session);
    audit_str(&b, "source", p->source);
    audit_str(&b, "summary", p->summary);
    audit_day(&b, "received", p->received);
    audit_day(&b, "deadline", p->deadline);
    audit_day(&b, "resolved", p->resolved);
    audit_str(&b, "result", p->result);
    return audit_end(ctx, &b);
}

static const char *indicator_audit(struct app *ctx, const struct indicator_rec *r)
{
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '{');
    audit_str(&b, "code", r->code);
    audit_str(&b, "name", r->name);
    audit_str(&b, "measure", r->measure);
    audit_int(&b, "sort", r->sort);
    return audit_end(ctx, &b);
}

static const char *value_audit(struct app *ctx, const char *code, int year, int month,
                               int64_t value)
{
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '{');
    audit_str(&b, "indicator", code);
    audit_int(&b, "year", year);
    audit_int(&b, "month", month); /* 0: the annual plan */
    audit_int(&b, "value_thousandths", value);
    return audit_end(ctx, &b);
}

int app_dossier_add(struct app *ctx, const struct dossier_input *in, int64_t *id,
                    struct error *e)
{
    struct dossier_rec d;
    int rc = briefing_dossier_check(ctx, in, &d, e);
    if (rc)
        return rc;
    if ((rc = store_begin(ctx->s, e)))
        return rc;
    if ((rc = app_scope_require(ctx, d.unit_id, "unit", e)) ||
        (rc = store_dossier_insert(ctx->s, &d, id, e)) ||
        (rc = app_audit(ctx, "dossier.create", "dossier", *id, NULL, briefing_dossier_audit(ctx, &d), e))) {
        store_rollback(ctx->s);
        return rc;
    }
    return store_commit(ctx->s, e);
}

int app_petition_add(struct app *ctx, const struct petition_input *in, int64_t *id,
                     struct error *e)
{
    struct petition_rec p = {0};
    const char *kind;
    int rc;
    if ((rc = app_unit_resolve(ctx, in->unit, "unit", &p.unit_id, e)) ||
        (rc = app_clean(ctx, in->kind, "kind", 64, false, false, &kind, e)))
        return rc;
    int k = petition_kind_from_name(kind);
    if (!k)
        k = petition_kind_from_name(text_fold(ctx->a, kind));
    if (!k)
        return error_set(e, ERR_INVALID, "kind",
                         "Loại đơn '%s' không hợp lệ (khieu_nai, to_cao, kien_nghi, cu_tri)", kind);
    p.kind = (enum petition_kind)k;
    if ((rc = app_clean(ctx, in->session, "session", NAME_MAX_BYTES, false, true, &p.session,
                        e)) ||
        (rc = app_clean(ctx, in->source, "source", NAME_MAX_BYTES, false, true, &p.source, e)) ||
        (rc = app_clean(ctx, in->summary, "summary", TASK_TEXT_MAX, true, false, &p.summary,
                        e)) ||
        (rc = app_clean(ctx, in->result, "result", TASK_TEXT_MAX, true, true, &p.result, e)) ||
        (rc = app_parse_day(ctx, in->received, false, "received", &p.received, e)) ||
        (rc = app_parse_day(ctx, in->deadline, true, "deadline", &p.deadline, e)) ||
        (rc = app_parse_day(ctx, in->resolved, true, "resolved", &p.resolved, e)))
        return rc;
    if (p.received > ctx->today)
        return error_set(e, ERR_INVALID, "received", "Ngày nhận đơn sau ngày hôm nay");
    if (p.deadline != DAY_NONE && p.deadline < p.received)
        return error_set(e, ERR_INVALID, "deadline", "Hạn giải quyết trước ngày nhận đơn");
    if (p.resolved != DAY_NONE && (p.resolved < p.received || p.resolved > ctx->today))
        return error_set(e, ERR_INVALID, "resolved",
                         "Ngày giải quyết phải từ ngày nhận đơn đến hôm nay");
    if ((rc = store_begin(ctx->s, e)))
        return rc;
    if ((rc = app_scope_require(ctx, p.unit_id, "unit", e)) ||
        (rc = store_petition_insert(ctx->s, &p, id, e)) ||
        (rc = app_audit(ctx, "petition.create", "petition", *id, NULL, petition_audit(ctx, &p),
                        e))) {
        store_rollback(ctx->s);
        return rc;
    }
    return store_commit(ctx->s, e);
}

int app_indicator_define(struct app *ctx, const struct indicator_input *in, int64_t *id,
                         struct error *e)
{
    struct indicator_rec r = {.sort = in->sort};
    int rc;
    if ((rc = app_clean(ctx, in->code, "code", 64, false, false, &r.code, e)) ||
        (rc = app_clean(ctx, in->name, "name", NAME_MAX_BYTES, false, false, &r.name, e)) ||
        (rc = app_clean(ctx, in->measure, "measure", 64, false, false, &r.measure, e)))
        return rc;
    int k = in->ytd && *in->ytd ? indicator_ytd_from_name(in->ytd) : INDICATOR_SUM;
    if (!k)
        return error_set(e, ERR_INVALID, "ytd",
                         "Cách tính lũy kế '%.40s' không hợp lệ (sum: cộng dồn các tháng; latest: "
                         "số liệu tháng gần nhất)",
                         in->ytd);
    r.ytd = (enum indicator_ytd)k;
    k = in->compare && *in->compare ? indicator_compare_from_name(in->compare) : INDICATOR_RATIO;
    if (!k)
        return error_set(e, ERR_INVALID, "compare",
                         "Cách so sánh '%.40s' không hợp lệ (ratio: \"bằng ...%% so cùng kỳ\"; "
                         "change: \"tăng/giảm ...%%\")",
                         in->compare);
    r.compare = (enum indicator_compare)k;
    if ((rc = store_begin(ctx->s, e)))
        return rc;
    if ((rc = store_indicator_put(ctx->s, &r, id, e)) ||
        (rc = app_audit(ctx, "indicator.define", "indicator", *id, NULL, indicator_audit(ctx, &r),
                        e))) {
        store_rollback(ctx->s);
        return rc;
    }
    return store_commit(ctx->s, e);
}

/* "2021-02", "2021-2", "02/2021", "2/2021" -> year, month. */
static bool parse_month(const char *s, int *y, int *m)
{
    int a, b, n = 0;
    if (sscanf(s, "%d-%d%n", &a, &b, &n) == 2 && !s[n] && a >= DAY_MIN_YEAR && a <= DAY_MAX_YEAR) {
        *y = a;
        *m = b;
    } else if (n = 0, sscanf(s, "%d/%d%n", &b, &a, &n) == 2 && !s[n] && a >= DAY_MIN_YEAR &&
               a <= DAY_MAX_YEAR) {
        *y = a;
        *m = b;
    } else {
        return false;
    }
    return *m >= 1 && *m <= 12;
}

int app_parse_month(const char *text, const char *field, int *year, int *month, struct error *e)
{
    if (!text || !*text)
        return error_set(e, ERR_INVALID, field, "Thiếu tháng (%s)", field);
    if (!text_valid_utf8(text, strlen(text)) || !parse_month(text, year, month))
        return error_set(e, ERR_INVALID, field,
                         "Tháng không hợp lệ: '%.40s' (cần dạng 2020-08 hoặc 8/2020)",
                         text_valid_utf8(text, strlen(text)) ? text : "?");
    return ERR_OK;
}

int app_indicator_value_set(struct app *ctx, const struct indicator_value_input *in,
                            struct error *e)
{
    struct indicator_rec ind;
    int64_t unit, value;
    int year, month = 0, rc;
    const char *code;
    if ((rc = app_clean(ctx, in->indicator, "indicator", 64, false, false, &code, e)) ||
        (rc = store_indicator_get(ctx->s, ctx->a, code, "indicator", &ind, e)) ||
        (rc = app_unit_resolve(ctx, in->unit, "unit", &unit, e)) ||
        (rc = vnum_parse(in->value, &value, "value", e)))
        return rc;
    if (value < 0 && !indicator_measure_signed(ind.measure))
        return error_set(e, ERR_INVALID, "value",
                         "Giá trị âm '%.40s' không hợp lệ: chỉ tiêu %s không thể âm (chỉ tỷ lệ "
                         "tính bằng %% mới có thể âm)",
                         in->value, ind.code);
    if (in->plan) {
        char *end;
        long y = in->period ? strtol(in->period, &end, 10) : 0;
        if (!in->period || *end || y < DAY_MIN_YEAR || y > DAY_MAX_YEAR)
            return error_set(e, ERR_INVALID, "period", "Năm kế hoạch không hợp lệ: '%.20s'",
                             in->period && text_valid_utf8(in->period, strlen(in->period))
                                 ? in->period
                                 : "");
        year = (int)y;
    } else if ((rc = app_parse_month(in->period, "period", &year, &month, e))) {
        return rc;
    }
    if ((rc = store_begin(ctx->s, e)))
        return rc;
    if ((rc = app_scope_require(ctx, unit, "unit", e)) ||
        (rc = store_indicator_value_put(ctx->s, ind.id, unit, year, month, value, e)) ||
        (rc = app_audit(ctx, "indicator.set", "unit", unit, NULL,
                        value_audit(ctx, ind.code, year, month, value), e))) {
        store_rollback(ctx->s);
        return rc;
    }
    return store_commit(ctx->s, e);
}

/* ---- The report ---- */

static const char *short_or_name(const struct unit_rec *u)
{
    return u->short_name && *u->short_name ? u->short_name : u->name;
}

/* "Ủy ban nhân dân thị xã Cửa Lò" -> "Cửa Lò", for "Cửa Lò, ngày 07 tháng 9 năm 2020". */
static const char *place_of(struct arena *a, const char *name)
{
    static const char *const prefixes[] = {"Ủy ban nhân dân ", "Uỷ ban nhân dân ", "UBND "};
    static const char *const kinds[] = {"thị xã ", "thành phố ", "huyện ", "tỉnh ", "thị trấn ",
                                        "phường ", "xã ", "quận "};
    const char *p = name;
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strncmp(p, prefixes[i], strlen(prefixes[i])) == 0)
            p += strlen(prefixes[i]);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strncmp(p, kinds[i], strlen(kinds[i])) == 0) {
            p += strlen(kinds[i]);
            break;
        }
    return arena_strdup(a, *p ? p : name);
}

static int fill_indicators(struct app *ctx, const struct unit_set *units, struct briefing *b,
                           struct error *e)
{
    struct indicator_rec *inds;
    size_t n_inds, n_rows;
    struct indicator_value_row *rows;
    int rc;
    if ((rc = store_indicator_list(ctx->s, ctx->a, &inds, &n_inds, e)) ||
        (rc = store_indicator_values(ctx->s, ctx->a, units, b->year - 1, b->year, &rows, &n_rows,
                                     e)))
        return rc;
    b->indicators = arena_alloc(ctx->a, (n_inds + 1) * sizeof *b->indicators);
    size_t r = 0;
    for (size_t i = 0; i < n_inds; i++) {
        struct indicator_year cur, prev;
        memset(&cur, 0, sizeof cur);
        memset(&prev, 0, sizeof prev);
        bool any = false;
        /* rows are ordered by indicator id; indicators by sort: search from the start */
        for (r = 0; r < n_rows; r++) {
            if (rows[r].indicator_id != inds[i].id || rows[r].month < 0 || rows[r].month > 12)
                continue;
            struct indicator_year *y = rows[r].year == b->year ? &cur : &prev;
            y->v[rows[r].month] = rows[r].value;
            y->has[rows[r].month] = true;
            any |= rows[r].year == b->year;
        }
        if (!any)
            continue; /* nothing this year for this unit: not its indicator */
        struct briefing_indicator *bi = &b->indicators[b->n_indicators++];
        bi->ind = inds[i];
        bi->month_value = (struct indicator_figure){cur.has[b->month], cur.v[b->month], b->month};
        bi->ytd = indicator_ytd(&cur, inds[i].ytd, b->month);
        bi->ytd_prev = indicator_ytd(&prev, inds[i].ytd, bi->ytd.has ? bi->ytd.month : b->month);
        bi->plan = indicator_plan(&cur);
        bi->has_pct_prev = indicator_percent(&bi->ytd, &bi->ytd_prev, &bi->pct_prev);
        bi->has_pct_plan = indicator_percent(&bi->ytd, &bi->plan, &bi->pct_plan);
        struct buf t = BUF_INIT(512);
        indicator_compare_text(&t, inds[i].compare, &bi->ytd, &bi->ytd_prev);
        bi->compare_text = arena_strdup(ctx->a, t.data);
        buf_reset(&t);
        indicator_plan_text(&t, &bi->ytd, &bi->plan);
        bi->plan_text = arena_strdup(ctx->a, t.data);
        buf_release(&t);
        if (inds[i].ytd == INDICATOR_LATEST)
            bi->period_text = arena_printf(ctx->a, "đến hết tháng %02d/%d",
                                           bi->ytd.has ? bi->ytd.month : b->month, b->year);
        else if (b->month == 1)
            bi->period_text = arena_strdup(ctx->a, "tháng 01");
        else
            bi->period_text = arena_printf(ctx->a, "%d tháng", b->month);
    }
    return ERR_OK;
}

/* Open tasks whose deadline in force falls in the next month, collected from the tasks that
 * may be open on the as-of day (indexes task_lead_open and task_open_span), as the overdue
 * list is. */
struct due_scan {
    day_num as_of, from, to;
    int soon_days;
    struct timeline *tl;
    struct briefing_due *v;
    size_t n, cap;
};

static int due_task(void *p, const struct task_fact *f, struct error *e)
{
    struct due_scan *sc = p;
    sc->tl->assigned = f->assigned;
    sc->tl->deadline = f->deadline;
    int rc = timeline_decode(f->timeline, sc->tl, e);
    if (rc)
        return rc;
    struct task_counts c;
    struct task_standing st;
    timeline_counts_at(sc->tl, sc->as_of, sc->soon_days, &c, &st);
    /* Open on the day; a task due early next month may already be overdue when the
     * meeting reads the report, and still belongs to next month's list. */
    if (st.bucket != TASK_OPEN_IN_TIME && st.bucket != TASK_OPEN_OVERDUE)
        return ERR_OK;
    struct task_dates d;
    timeline_dates_at(sc->tl, sc->as_of, &d, NULL);
    if (d.deadline < sc->from || d.deadline > sc->to)
        return ERR_OK;
    sc->v = xgrow(sc->v, &sc->cap, sc->n + 1, sizeof *sc->v);
    sc->v[sc->n++] = (struct briefing_due){.id = f->id, .deadline = d.deadline};
    return ERR_OK;
}

static int cmp_due(const void *a, const void *b)
{
    const struct briefing_due *x = a, *y = b;
    if (x->deadline != y->deadline)
        return x->deadline < y->deadline ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

static int fill_due_next(struct app *ctx, struct briefing *b, const struct unit_set *sub,
                         const struct unit_set *own, struct error *e)
{
    int ny = b->month == 12 ? b->year + 1 : b->year, nm = b->month == 12 ? 1 : b->month + 1;
    struct due_scan sc = {.as_of = b->as_of, .from = day_from_ymd(ny, nm, 1),
                          .to = day_last_of_month(ny, nm), .soon_days = ctx->soon_days,
                          .tl = xmalloc(sizeof *sc.tl)};
    /* An extension only moves a deadline later: the original one is on or before the month's
     * end for every task the month can hold. */
    struct task_filter f = {.lead = sub, .assigner = own, .assigned_from = DAY_NONE,
                            .assigned_to = b->as_of, .deadline_from = DAY_NONE,
                            .deadline_to = sc.to, .open_at = b->as_of};
    int rc = store_task_scan(ctx->s, &f, due_task, &sc, e);
    if (!rc && sc.n) {
        qsort(sc.v, sc.n, sizeof *sc.v, cmp_due);
        if (sc.n > BRIEFING_MAX_DUE)
            sc.n = BRIEFING_MAX_DUE;
        struct task_label *v = xcalloc(sc.n, sizeof *v);
        for (size_t i = 0; i < sc.n; i++)
            v[i].id = sc.v[i].id;
        struct unit_rec *units;
        size_t n_units;
        if (!(rc = store_unit_list(ctx->s, ctx->a, &units, &n_units, e)))
            rc = app_task_labels(ctx, units, n_units, v, sc.n, e);
        for (size_t i = 0; !rc && i < sc.n; i++) {
            sc.v[i].content = v[i].content;
            sc.v[i].lead_name = v[i].lead_name;
        }
        free(v);
    }
    if (!rc) {
        b->due_next = arena_alloc(ctx->a, (sc.n + 1) * sizeof *b->due_next);
        if (sc.n)
            memcpy(b->due_next, sc.v, sc.n * sizeof *sc.v);
        b->n_due_next = sc.n;
    }
    free(sc.v);
    free(sc.tl);
    return rc;
}

static void add_count(struct buf *b, int64_t n)
{
    buf_add_vnum(b, n);
}

/* An indicator's name; inside a sentence its first letter in lower case ("Giá trị" -> "giá
 * trị"), unless it is an abbreviation ("NSNN", "GRDP"). Only ASCII capitals are lowered:
 * the names start with one ("Tổng", "Giá", "Doanh") or stay as they are. */
static void append_name(struct buf *t, const char *name, bool inside)
{
    if (inside && name[0] >= 'A' && name[0] <= 'Z' && !(name[1] >= 'A' && name[1] <= 'Z')) {
        buf_addc(t, (char)(name[0] - 'A' + 'a'));
        buf_adds(t, name + 1);
    } else {
        buf_adds(t, name);
    }
}

/* Join clauses with "; " or ", ", skipping empty ones. */
struct clauses {
    struct buf *b;
    int n;
    const char *sep;
};
static void clause_start(struct clauses *c)
{
    if (c->n++)
        buf_adds(c->b, c->sep);
}

static void write_opening(struct app *ctx, struct briefing *b)
{
    struct buf t = BUF_INIT(1 << 16);
    const char *who = b->unit_short;
    struct clauses c = {&t, 0, ", "};
    if (b->docs_notices || b->docs_incoming || b->docs_outgoing) {
        buf_addf(&t, "Trong tháng %d/%d, %s đã ", b->month, b->year, who);
        if (b->docs_notices) {
            clause_start(&c);
            buf_adds(&t, "ban hành ");
            add_count(&t, b->docs_notices);
            buf_adds(&t, " thông báo kết luận");
        }
        if (b->docs_incoming) {
            clause_start(&c);
            buf_adds(&t, "tiếp nhận, xử lý ");
            add_count(&t, b->docs_incoming);
            buf_adds(&t, " văn bản đến");
        }
        if (b->docs_outgoing) {
            clause_start(&c);
            buf_adds(&t, "ban hành ");
            add_count(&t, b->docs_outgoing);
            buf_adds(&t, " văn bản các loại để chỉ đạo triển khai");
        }
        buf_adds(&t, ".");
    }
    const int64_t *a = b->from_above.c;
    if (b->parent_short && a[CNT_ASSIGNED]) {
        int64_t done = a[CNT_DONE_BEFORE] + a[CNT_DONE_ON_DAY] + a[CNT_DONE_LATE] + a[CNT_NODL_DONE];
        int64_t open = a[CNT_OPEN_IN_TIME] + a[CNT_OPEN_OVERDUE] + a[CNT_NODL_OPEN];
        buf_addf(&t, "%sTừ đầu năm %d, %s được %s giao ", t.len ? " " : "", b->year, who,
                 b->parent_short);
        add_count(&t, a[CNT_ASSIGNED]);
        buf_adds(&t, " nhiệm vụ; đã giải quyết ");
        add_count(&t, done);
        if (done) {
            buf_adds(&t, ", trong đó trước hạn ");
            add_count(&t, a[CNT_DONE_BEFORE]);
            if (a[CNT_DONE_ON_DAY]) {
                buf_adds(&t, ", đúng hạn ");
                add_count(&t, a[CNT_DONE_ON_DAY]);
            }
            buf_adds(&t, ", quá hạn ");
            add_count(&t, a[CNT_DONE_LATE]);
        }
        buf_adds(&t, "; đang giải quyết ");
        add_count(&t, open);
        if (open) {
            buf_adds(&t, " (trong hạn ");
            add_count(&t, a[CNT_OPEN_IN_TIME] + a[CNT_NODL_OPEN]);
            if (a[CNT_OPEN_OVERDUE]) {
                buf_adds(&t, ", quá hạn ");
                add_count(&t, a[CNT_OPEN_OVERDUE]);
            }
            buf_adds(&t, ")");
        }
        buf_adds(&t, ".");
    }
    const int64_t *k = b->tasks.c;
    if (k[CNT_ASSIGNED]) {
        int64_t done = k[CNT_DONE_BEFORE] + k[CNT_DONE_ON_DAY] + k[CNT_DONE_LATE] + k[CNT_NODL_DONE];
        int64_t open = k[CNT_OPEN_IN_TIME] + k[CNT_OPEN_OVERDUE] + k[CNT_NODL_OPEN];
        buf_adds(&t, t.len ? " " : "");
        buf_adds(&t, "Tổng số nhiệm vụ tại các thông báo kết luận và chỉ đạo của ");
        buf_adds(&t, who);
        buf_adds(&t, " đến ngày ");
        char d[16];
        buf_adds(&t, day_format_vn(b->as_of, d));
        buf_adds(&t, " là ");
        add_count(&t, k[CNT_ASSIGNED]);
        buf_adds(&t, " nhiệm vụ: đã hoàn thành ");
        add_count(&t, done);
        if (done) {
            buf_adds(&t, " (trước hạn ");
            add_count(&t, k[CNT_DONE_BEFORE]);
            buf_adds(&t, ", đúng hạn ");
            add_count(&t, k[CNT_DONE_ON_DAY]);
            buf_adds(&t, ", quá hạn ");
            add_count(&t, k[CNT_DONE_LATE]);
            if (k[CNT_NODL_DONE]) {
                buf_adds(&t, ", không có thời hạn ");
                add_count(&t, k[CNT_NODL_DONE]);
            }
            buf_adds(&t, ")");
        }
        buf_adds(&t, "; đang thực hiện ");
        add_count(&t, open);
        if (open) {
            buf_adds(&t, " (trong hạn ");
            add_count(&t, k[CNT_OPEN_IN_TIME]);
            buf_adds(&t, ", quá hạn ");
            add_count(&t, k[CNT_OPEN_OVERDUE]);
            if (k[CNT_NODL_OPEN]) {
                buf_adds(&t, ", thường xuyên ");
                add_count(&t, k[CNT_NODL_OPEN]);
            }
            buf_adds(&t, ")");
        }
        buf_adds(&t, ".");
        if (k[CNT_OPEN_OVERDUE]) {
            buf_adds(&t, " Có ");
            add_count(&t, k[CNT_OPEN_OVERDUE]);
            buf_adds(&t, " nội dung công việc tại các thông báo kết luận chưa hoàn thành đúng "
                         "thời gian yêu cầu.");
        }
    }
    const struct dossier_tally *ds = &b->dossiers;
    if (dossier_tally_in_hand(ds)) {
        buf_adds(&t, t.len ? " " : "");
        buf_adds(&t, "Tiếp nhận ");
        add_count(&t, ds->received);
        buf_adds(&t, " hồ sơ thủ tục hành chính");
        if (ds->carried) {
            buf_adds(&t, " (kỳ trước chuyển sang ");
            add_count(&t, ds->carried);
            buf_adds(&t, ")");
        }
        buf_adds(&t, "; đã giải quyết ");
        add_count(&t, ds->done_on_time + ds->done_late);
        buf_adds(&t, ", trong đó đúng hạn ");
        add_count(&t, ds->done_on_time);
        buf_adds(&t, ", quá hạn ");
        add_count(&t, ds->done_late);
        buf_adds(&t, "; đang giải quyết ");
        add_count(&t, ds->open_in_time + ds->open_overdue);
        if (ds->open_overdue) {
            buf_adds(&t, ", trong đó quá hạn ");
            add_count(&t, ds->open_overdue);
        }
        buf_adds(&t, ".");
    }
    const struct dossier_tally *v = &b->petitions_ytd[PETITION_VOTER];
    if (dossier_tally_in_hand(v)) {
        buf_addf(&t, "%sTừ đầu năm %d, đã giải quyết ", t.len ? " " : "", b->year);
        add_count(&t, v->done_on_time + v->done_late);
        buf_adds(&t, "/");
        add_count(&t, dossier_tally_in_hand(v));
        buf_adds(&t, " kiến nghị của cử tri.");
    }
    int64_t in_hand = 0, solved = 0;
    for (int kind = PETITION_COMPLAINT; kind <= PETITION_PROPOSAL; kind++) {
        in_hand += dossier_tally_in_hand(&b->petitions[kind]);
        solved += b->petitions[kind].done_on_time + b->petitions[kind].done_late;
    }
    if (in_hand) {
        buf_adds(&t, t.len ? " " : "");
        buf_adds(&t, "Đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh phải giải quyết trong tháng: ");
        add_count(&t, in_hand);
        buf_adds(&t, " đơn; đã giải quyết ");
        add_count(&t, solved);
        buf_adds(&t, " đơn.");
    }
    /* Indicators that grew or are on plan open the report; the others are shortcomings. */
    struct clauses ic = {&t, 0, "; "};
    for (size_t i = 0; i < b->n_indicators; i++) {
        const struct briefing_indicator *bi = &b->indicators[i];
        bool weak = bi->has_pct_prev ? bi->pct_prev < 1000 : bi->has_pct_plan && bi->pct_plan < 1000;
        if (!bi->ytd.has || weak)
            continue;
        if (!ic.n)
            buf_addf(&t, "%sVề kinh tế - xã hội, tháng %d/%d: ", t.len ? " " : "", b->month,
                     b->year);
        clause_start(&ic);
        append_name(&t, bi->ind.name, ic.n > 1);
        buf_addf(&t, " %s đạt ", bi->period_text);
        vnum_add(&t, bi->ytd.value, 1);
        buf_addf(&t, " %s", bi->ind.measure);
        if (bi->has_pct_prev) {
            buf_adds(&t, ", ");
            buf_adds(&t, bi->compare_text);
        }
        if (bi->has_pct_plan) {
            buf_adds(&t, ", ");
            buf_adds(&t, bi->plan_text);
        }
    }
    if (ic.n)
        buf_adds(&t, ".");
    b->opening = arena_strdup(ctx->a, t.data);
    buf_release(&t);
}

static void write_shortcomings(struct app *ctx, struct briefing *b)
{
    struct buf t = BUF_INIT(1 << 16);
    struct clauses c = {&t, 0, "; "};
    const int64_t *k = b->tasks.c;
    if (k[CNT_OPEN_OVERDUE]) {
        clause_start(&c);
        buf_adds(&t, "có ");
        add_count(&t, k[CNT_OPEN_OVERDUE]);
        buf_adds(&t, " nội dung công việc tại các thông báo kết luận chưa hoàn thành theo đúng "
                     "thời gian yêu cầu");
        struct clauses u = {&t, 0, ", "};
        for (size_t i = 0; i < b->n_shortcomings && i < 8; i++) {
            if (!b->shortcomings[i].open_overdue)
                continue;
            buf_adds(&t, u.n ? ", " : " (");
            u.n++;
            buf_adds(&t, b->shortcomings[i].unit_name);
            buf_adds(&t, ": ");
            add_count(&t, b->shortcomings[i].open_overdue);
        }
        if (u.n)
            buf_adds(&t, ")");
    }
    if (k[CNT_DONE_LATE]) {
        clause_start(&c);
        add_count(&t, k[CNT_DONE_LATE]);
        buf_adds(&t, " nhiệm vụ hoàn thành nhưng quá hạn");
    }
    const struct dossier_tally *ds = &b->dossiers;
    if (ds->done_late || ds->open_overdue) {
        clause_start(&c);
        buf_adds(&t, "một số hồ sơ thủ tục hành chính giải quyết cho người dân chưa đúng hạn (");
        if (ds->done_late) {
            add_count(&t, ds->done_late);
            buf_adds(&t, " hồ sơ trả kết quả quá hạn");
        }
        if (ds->open_overdue) {
            buf_adds(&t, ds->done_late ? ", " : "");
            add_count(&t, ds->open_overdue);
            buf_adds(&t, " hồ sơ đang quá hạn");
        }
        buf_adds(&t, ")");
    }
    int64_t pet_overdue = 0;
    for (int kind = 1; kind < PETITION_KIND_N; kind++)
        pet_overdue += b->petitions[kind].open_overdue + b->petitions[kind].done_late;
    if (pet_overdue) {
        clause_start(&c);
        add_count(&t, pet_overdue);
        buf_adds(&t, " đơn thư, kiến nghị giải quyết chưa đúng thời hạn");
    }
    for (size_t i = 0; i < b->n_indicators; i++) {
        const struct briefing_indicator *bi = &b->indicators[i];
        bool weak = bi->has_pct_prev ? bi->pct_prev < 1000 : bi->has_pct_plan && bi->pct_plan < 1000;
        if (!bi->ytd.has || !weak)
            continue;
        clause_start(&c);
        append_name(&t, bi->ind.name, true);
        buf_addf(&t, " %s ", bi->period_text);
        buf_adds(&t, bi->has_pct_prev ? bi->compare_text : bi->plan_text);
        if (bi->has_pct_prev && bi->has_pct_plan) {
            buf_adds(&t, ", ");
            buf_adds(&t, bi->plan_text);
        }
    }
    if (c.n) {
        struct buf out = BUF_INIT(1 << 16);
        buf_adds(&out, "Bên cạnh những kết quả đạt được, trong tháng vẫn còn một số tồn tại, hạn "
                       "chế: ");
        buf_add(&out, t.data, t.len);
        buf_adds(&out, ".");
        b->shortcomings_text = arena_strdup(ctx->a, out.data);
        buf_release(&out);
    } else {
        b->shortcomings_text = "";
    }
    buf_release(&t);
}

/* The month's figures of `unit` (record u) as of as_of: own is the unit and the units merged
 * into it, sub everything below it too. */
static int briefing_figures(struct app *ctx, int64_t unit, const struct unit_rec *u,
                            day_num as_of, struct unit_set *own, struct unit_set *sub,
                            struct briefing *out, struct error *e)
{
    int rc;
    day_num end = out->to < as_of ? out->to : as_of;
    struct doc_counts dc;
    if ((rc = store_doc_counts(ctx->s, ctx->a, own, out->from, end, &dc, e)))
        return rc;
    out->docs_incoming = dc.incoming;
    out->docs_processed = dc.incoming_processed;
    out->docs_outgoing = dc.outgoing;
    for (size_t i = 0; i < dc.n_types; i++)
        if (strcmp(dc.outgoing_by_type[i].type, "TB") == 0)
            out->docs_notices = dc.outgoing_by_type[i].count;

    /* Tasks the unit assigned to itself and the units below it. */
    struct summary_cmd sq = {.unit = unit, .subtree = true, .by = unit, .from = DAY_NONE,
                             .to = DAY_NONE, .as_of = as_of};
    if ((rc = app_summary_run(ctx, &sq, &out->tasks, e)))
        return rc;
    if (u->parent_id) {
        struct summary_cmd pq = {.unit = unit, .subtree = true, .by = u->parent_id,
                                 .from = day_from_ymd(out->year, 1, 1), .to = as_of,
                                 .as_of = as_of};
        if ((rc = app_summary_run(ctx, &pq, &out->from_above, e)))
            return rc;
    }
    out->shortcomings = arena_alloc(ctx->a, (out->tasks.n_by_unit + 1) * sizeof *out->shortcomings);
    for (size_t i = 0; i < out->tasks.n_by_unit; i++) {
        const struct unit_line *l = &out->tasks.by_unit[i];
        if (!l->c[CNT_OPEN_OVERDUE] && !l->c[CNT_DONE_LATE])
            continue;
        out->shortcomings[out->n_shortcomings++] = (struct briefing_shortcoming){
            l->unit_id, l->name, l->c[CNT_OPEN_OVERDUE], l->c[CNT_DONE_LATE]};
    }

    /* Dossiers and petitions: the unit and everything below it. */
    day_num jan1 = day_from_ymd(out->year, 1, 1);
    if ((rc = store_dossier_counts(ctx->s, sub, jan1, out->from, out->to, as_of, &out->dossiers,
                                   &out->dossiers_ytd, e)) ||
        (rc = store_petition_counts(ctx->s, sub, jan1, out->from, out->to, as_of, out->petitions,
                                    out->petitions_ytd, e)))
        return rc;

    /* Indicators: the unit's own figures (a province's are its own, not its communes' sum). */
    if ((rc = fill_indicators(ctx, own, out, e)) || (rc = fill_due_next(ctx, out, sub, own, e)))
        return rc;
    write_opening(ctx, out);
    write_shortcomings(ctx, out);
    return ERR_OK;
}

int app_briefing(struct app *ctx, const struct briefing_query *q, struct briefing *out,
                 struct error *e)
{
    memset(out, 0, sizeof *out);
    int64_t unit;
    day_num as_of;
    int rc;
    if ((rc = app_unit_or_own(ctx, q->unit, "unit", &unit, e)) ||
        (rc = app_parse_month(q->month, "month", &out->year, &out->month, e)) ||
        (rc = app_parse_day(ctx, q->as_of, true, "as_of", &as_of, e)))
        return rc;
    if (as_of == DAY_NONE)
        as_of = ctx->today;
    out->from = day_from_ymd(out->year, out->month, 1);
    out->to = day_last_of_month(out->year, out->month);
    if (as_of < out->from)
        return error_set(e, ERR_INVALID, "as_of",
                         "Ngày báo cáo trước tháng báo cáo: chưa có số liệu của tháng %d/%d",
                         out->month, out->year);
    out->as_of = as_of;
    out->unit_id = unit;

    struct unit_rec u;
    if ((rc = store_unit_get(ctx->s, ctx->a, unit, &u, e)))
        return rc;
    out->unit_name = u.name;
    out->unit_short = short_or_name(&u);
    out->head_name = u.head_name;
    out->head_title = u.head_title;
    out->place = place_of(ctx->a, u.name);
    if (u.parent_id) {
        struct unit_rec p;
        if ((rc = store_unit_get(ctx->s, ctx->a, u.parent_id, &p, e)))
            return rc;
        out->parent_name = p.name;
        out->parent_short = short_or_name(&p);
    }

    /* The register: the unit's own (and merged units'), in the month. */
    struct unit_set own = UNIT_SET_INIT, sub = UNIT_SET_INIT;
    if ((rc = app_unit_cover(ctx, unit, false, &own, e)) ||
        (rc = app_unit_cover(ctx, unit, true, &sub, e)))
        goto out;
    rc = briefing_figures(ctx, unit, &u, as_of, &own, &sub, out, e);
out:
    unit_set_release(&own);
    unit_set_release(&sub);
    return rc;
}
