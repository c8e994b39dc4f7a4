/*
 * tests/store/test_store_agreement.c - the counting queries agree with the
 * pure classification, on generated data, on both backends.
 *
 * A few thousand tasks with random but valid histories (progress,
 * extensions asked and approved or refused, completions reported,
 * confirmed, rejected, reopenings, cancellations) are written through the
 * app layer over a small unit tree. Then, for many as-of days and unit sets:
 *   - the running totals (store_agg_counts, the fast path of the summary),
 *   - the task-by-task path of app_summary,
 *   - a reference model written here from DOMAIN.md's words, replaying each
 *     task's events and calling task_standing_at(),
 * must give the same counters, unit by unit. Then the totals are rebuilt
 * from scratch (store_agg_rebuild) and checked again. The task list, by
 * category and page by page, must hold exactly the reference's tasks.
 * Backends: SQLite (a temporary file) and PostgreSQL when GIAOBAN_TEST_PG
 * holds a URL (tests/run.sh starts a cluster).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "store/store.h"
#include "check.h"
#include "core/status.h"

#define N_TASKS 2500

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state % n);
}

static const char *iso(struct arena *a, day_num d)
{
    char b[16];
    return arena_strdup(a, day_format_iso(d, b));
}

/* Reference model: DOMAIN.md's rules read directly off the event list. */
static struct task_dates reference_dates(const struct task_rec *t, const struct event_rec *ev,
                                         size_t n, day_num day, bool *awaiting)
{
    struct task_dates d = {t->assigned, t->deadline, DAY_NONE, DAY_NONE};
    day_num reported = DAY_NONE;
    for (size_t i = 0; i < n; i++) {
        if (ev[i].day > day)
            break;
        switch (ev[i].kind) {
        case EV_EXT_APPROVE: d.deadline = ev[i].new_deadline; break;
        case EV_DONE_REPORT: reported = ev[i].day; break;
        case EV_DONE_CONFIRM: d.completed = reported; reported = DAY_NONE; break;
        case EV_DONE_REJECT: reported = DAY_NONE; break;
        case EV_REOPEN: d.completed = DAY_NONE; reported = DAY_NONE; break;
        case EV_CANCEL: d.cancelled = ev[i].day; break;
        default: break;
        }
    }
    *awaiting = reported != DAY_NONE;
    return d;
}

static void add_standing(int64_t *c, const struct task_dates *d, bool awaiting, day_num day)
{
    struct task_standing s = task_standing_at(d, day, 3);
    if (s.bucket == TASK_UNCOUNTED) {
        if (d->assigned <= day && d->cancelled != DAY_NONE && d->cancelled <= day)
            c[CNT_CANCELLED]++;
        return;
    }
    c[CNT_ASSIGNED]++;
    switch (s.bucket) {
    case TASK_DONE_EARLY: c[CNT_DONE_BEFORE]++; break;
    case TASK_DONE_ON_DAY: c[CNT_DONE_ON_DAY]++; break;
    case TASK_DONE_LATE: c[CNT_DONE_LATE]++; break;
    case TASK_OPEN_IN_TIME: c[CNT_OPEN_IN_TIME]++; break;
    case TASK_OPEN_OVERDUE: c[CNT_OPEN_OVERDUE]++; break;
    case TASK_NO_DEADLINE_DONE: c[CNT_NODL_DONE]++; break;
    case TASK_NO_DEADLINE_OPEN: c[CNT_NODL_OPEN]++; break;
    case TASK_UNCOUNTED: break;
    }
    if (s.due_soon)
        c[CNT_DUE_SOON]++;
    if (awaiting)
        c[CNT_AWAITING]++;
}

/* Units: 1 province, 3 districts, 3 departments each, plus one merged commune. */
static const char *const unit_codes[] = {"P", "P.A", "P.B", "P.C", "P.A.1", "P.A.2", "P.A.3",
                                         "P.B.1", "P.B.2", "P.B.3", "P.C.1", "P.C.2", "P.C.3",
                                         "P.A.OLD"};
#define N_UNITS (sizeof unit_codes / sizeof unit_codes[0])

static int build_units(struct app *ctx, int64_t *ids, struct error *e)
{
    for (size_t i = 0; i < N_UNITS; i++) {
        const char *code = unit_codes[i];
        char parent[16] = "";
        const char *dot = strrchr(code, '.');
        if (dot)
            snprintf(parent, sizeof parent, "%.*s", (int)(dot - code), code);
        struct unit_input in = {.code = code,
                                .name = arena_printf(ctx->a, "Đơn vị thử %s", code),
                                .kind = i == 0 ? "tinh" : dot == code + 1 ? "huyen" : "phong",
                                .parent = *parent ? parent : NULL};
        int rc = app_unit_add(ctx, &in, &ids[i], e);
        if (rc)
            return rc;
    }
    return ERR_OK;
}

/* One task with a random valid history; returns ERR_OK or the first refusal. */
static int random_task(struct app *ctx, const int64_t *unit_ids, struct error *e)
{
    struct arena *a = ctx->a;
    day_num base = day_from_ymd(2020, 1, 1);
    day_num assigned = base + (day_num)rnd(700);
    bool has_deadline = rnd(10) != 0;
    day_num deadline = assigned + (day_num)rnd(90);
    size_t lead = 1 + rnd(N_UNITS - 1);
    size_t by = rnd(4); /* the province or a district assigns */
    /* P.A.OLD closed into P.A.1 on 30/6/2021 takes no new task after: the office gives it to
     * the successor, as the app requires. */
    if (strcmp(unit_codes[lead], "P.A.OLD") == 0 && assigned >= day_from_ymd(2021, 6, 30))
        for (size_t k = 0; k < N_UNITS; k++)
            if (strcmp(unit_codes[k], "P.A.1") == 0)
                lead = k;
    struct task_input in = {.content = arena_printf(a, "Nhiệm vụ thử %u", rnd(1000000)),
                            .lead = unit_codes[lead], .assigner = unit_codes[by],
                            .assigned = iso(a, assigned),
                            .deadline = has_deadline ? iso(a, deadline) : NULL,
                            .key_task = rnd(5) == 0};
    int64_t id, ev;
    int rc = app_task_add(ctx, &in, &id, e);
    if (rc)
        return rc;
    (void)unit_ids;
    day_num day = assigned;
    enum { WORKING, AWAITING, DONE, CANCELLED } st = WORKING;
    bool ext_pending = false;
    day_num cur_deadline = deadline;
    int steps = (int)rnd(7);
    for (int i = 0; i < steps; i++) {
        day += (day_num)rnd(25);
        struct event_input x = {.day = iso(a, day)};
        uint32_t r = rnd(100);
        if (st == WORKING && ext_pending) {
            x.kind = r < 70 ? EV_EXT_APPROVE : EV_EXT_REFUSE;
            x.note = "Ý kiến của lãnh đạo";
            ext_pending = false;
        } else if (st == WORKING && has_deadline && r < 25) {
            x.kind = EV_EXT_REQUEST;
            cur_deadline = (cur_deadline > day ? cur_deadline : day) + 1 + (day_num)rnd(40);
            x.new_deadline = iso(a, cur_deadline);
            x.note = "Đề nghị gia hạn";
            ext_pending = true;
        } else if (st == WORKING && r < 60) {
            x.kind = EV_DONE_REPORT;
            st = AWAITING;
        } else if (st == WORKING && r < 70) {
            x.kind = EV_PROGRESS;
            x.percent = "50";
        } else if (st == WORKING && r < 75) {
            x.kind = EV_CANCEL;
            x.note = "Không còn phù hợp";
            st = CANCELLED;
        } else if (st == AWAITING) {
            x.kind = r < 80 ? EV_DONE_CONFIRM : EV_DONE_REJECT;
            x.note = "Chưa đạt yêu cầu";
            st = r < 80 ? DONE : WORKING;
        } else if (st == DONE && r < 15) {
            x.kind = EV_REOPEN;
            x.note = "Mở lại";
            st = WORKING;
        } else {
            continue;
        }
        /* The unit reports and asks, the office decides (nobody confirms their own report). */
        const char *office = ctx->actor;
        if (x.kind == EV_PROGRESS || x.kind == EV_EXT_REQUEST || x.kind == EV_DONE_REPORT ||
            x.kind == EV_RETURN)
            ctx->actor = "gen:unit";
        rc = app_task_event(ctx, id, &x, &ev, e);
        ctx->actor = office;
        if (rc)
            return rc;
        if (st == CANCELLED)
            break;
    }
    return ERR_OK;
}

struct ref_ctx {
    struct app *ctx;
    day_num *days;
    size_t n_days;
    int64_t (*ref)[N_UNITS + 1][CNT_N]; /* [day][unit index][counter] */
    const int64_t *unit_ids;
};

static size_t unit_index(const int64_t *ids, int64_t id)
{
    for (size_t i = 0; i < N_UNITS; i++)
        if (ids[i] == id)
            return i;
    return N_UNITS;
}

/* For every task: replay its events with the reference model on every day. */
static int build_reference(struct ref_ctx *r, struct error *e)
{
    struct app *ctx = r->ctx;
    struct task_filter f = {.assigned_from = DAY_NONE, .assigned_to = DAY_NONE,
                            .deadline_from = DAY_NONE, .deadline_to = DAY_NONE,
                            .open_at = DAY_NONE};
    struct task_rec *tasks;
    size_t n;
    int rc = store_task_list(ctx->s, ctx->a, &f, &tasks, &n, NULL, e);
    if (rc)
        return rc;
    CHECK_INT_EQ("tasks generated", (long long)n, N_TASKS);
    for (size_t i = 0; i < n; i++) {
        struct arena ta = ARENA_INIT;
        struct event_rec *ev;
        size_t n_ev;
        if ((rc = store_task_events(ctx->s, &ta, tasks[i].id, &ev, &n_ev, e))) {
            arena_release(&ta);
            return rc;
        }
        size_t u = unit_index(r->unit_ids, tasks[i].lead_unit_id);
        for (size_t k = 0; k < r->n_days; k++) {
            bool awaiting;
            struct task_dates d = reference_dates(&tasks[i], ev, n_ev, r->days[k], &awaiting);
            add_standing(r->ref[k][u], &d, awaiting, r->days[k]);
        }
        arena_release(&ta);
    }
    return ERR_OK;
}

static void compare_totals(struct ref_ctx *r, const char *label, struct error *e)
{
    struct app *ctx = r->ctx;
    for (size_t k = 0; k < r->n_days; k++) {
        struct unit_counts *uc;
        size_t n;
        if (store_agg_counts(ctx->s, ctx->a, NULL, NULL, r->days[k], &uc, &n, e)) {
            CHECK(e->message, 0);
            return;
        }
        int64_t got[N_UNITS + 1][CNT_N];
        memset(got, 0, sizeof got);
        for (size_t i = 0; i < n; i++) {
            size_t u = unit_index(r->unit_ids, uc[i].unit_id);
            for (int c = 0; c < CNT_N; c++)
                got[u][c] += uc[i].c[c];
        }
        int mismatches = 0;
        for (size_t u = 0; u < N_UNITS; u++)
            for (int c = 0; c < CNT_N; c++)
                if (got[u][c] != r->ref[k][u][c] && mismatches++ < 3) {
                    char d[16];
                    printf("FAIL %s: day %s unit %s %s: totals %lld, reference %lld\n", label,
                           day_format_iso(r->days[k], d), unit_codes[u],
                           count_slot_name((enum count_slot)c), (long long)got[u][c],
                           (long long)r->ref[k][u][c]);
                }
        CHECK(label, mismatches == 0);
    }
}

/* app_summary both ways (totals; task by task) against the reference, with filters. */
static void compare_summaries(struct ref_ctx *r, struct error *e)
{
    struct app *ctx = r->ctx;
    static const struct {
        const char *unit;
        bool subtree;
        const char *by;
    } qs[] = {{"P", true, NULL},    {"P.A", true, NULL}, {"P.A", false, NULL},
              {"P.B", true, "P.B"}, {"P.A.1", false, "P"}, {"P.C", true, "P"}};
    for (size_t q = 0; q < sizeof qs / sizeof qs[0]; q++) {
        for (size_t k = 0; k < r->n_days; k += 3) {
            const char *day = iso(ctx->a, r->days[k]);
            struct summary_query sq = {.unit = qs[q].unit, .subtree = qs[q].subtree,
                                       .by = qs[q].by, .as_of = day};
            struct summary fast, slow;
            error_clear(e);
            if (app_summary(ctx, &sq, &fast, e)) {
                CHECK(e->message, 0);
                return;
            }
            sq.from = "1990-01-01"; /* forces the task-by-task path */
            if (app_summary(ctx, &sq, &slow, e)) {
                CHECK(e->message, 0);
                return;
            }
            CHECK("fast path used", fast.from_totals);
            CHECK("slow path used", !slow.from_totals);
            int diff = 0;
            for (int c = 0; c < CNT_N; c++)
                diff += fast.c[c] != slow.c[c];
            if (diff)
                printf("FAIL summary %s%s by %s on %s: paths differ (assigned %lld vs %lld, "
                       "overdue %lld vs %lld)\n",
                       qs[q].unit, qs[q].subtree ? " subtree" : "", qs[q].by ? qs[q].by : "-",
                       day, (long long)fast.c[CNT_ASSIGNED], (long long)slow.c[CNT_ASSIGNED],
                       (long long)fast.c[CNT_OPEN_OVERDUE], (long long)slow.c[CNT_OPEN_OVERDUE]);
            CHECK("summary paths agree", diff == 0);
            CHECK_INT_EQ("overdue list length = overdue count", (long long)fast.n_overdue,
                         (long long)fast.c[CNT_OPEN_OVERDUE]);
            CHECK_INT_EQ("overdue lists agree", (long long)fast.n_overdue,
                         (long long)slow.n_overdue);
            if (!qs[q].by) {
                /* Without an assigner filter the reference can check the unit totals. */
                int64_t want[CNT_N] = {0};
                struct unit_set cover = UNIT_SET_INIT;
                int64_t root;
                app_unit_resolve(ctx, qs[q].unit, "unit", &root, e);
                app_unit_cover(ctx, root, qs[q].subtree, &cover, e);
                for (size_t u = 0; u < N_UNITS; u++)
                    if (unit_set_has(&cover, r->unit_ids[u]))
                        for (int c = 0; c < CNT_N; c++)
                            want[c] += r->ref[k][u][c];
                unit_set_release(&cover);
                int bad = 0;
                for (int c = 0; c < CNT_N; c++)
                    bad += want[c] != fast.c[c];
                CHECK("summary equals reference", bad == 0);
            }
        }
    }
}

/* A category of the task list, read from DOMAIN.md's words rather than from app_task.c. */
static bool reference_in_category(const char *cat, const struct task_standing *st)
{
    enum task_bucket b = st->bucket;
    if (strcmp(cat, "open") == 0)
        return b == TASK_OPEN_IN_TIME || b == TASK_OPEN_OVERDUE || b == TASK_NO_DEADLINE_OPEN;
    if (strcmp(cat, "open_overdue") == 0)
        return b == TASK_OPEN_OVERDUE;
    if (strcmp(cat, "done_on_time") == 0)
        return b == TASK_DONE_EARLY || b == TASK_DONE_ON_DAY;
    if (strcmp(cat, "done_late") == 0)
        return b == TASK_DONE_LATE;
    if (strcmp(cat, "due_soon") == 0)
        return b != TASK_UNCOUNTED && st->due_soon;
    if (strcmp(cat, "no_deadline") == 0)
        return b == TASK_NO_DEADLINE_OPEN || b == TASK_NO_DEADLINE_DONE;
    return false;
}

static int id_order(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/*
 * The task list by category, read page by page (an odd page size, so pages end mid-way),
 * must hold exactly the tasks the reference puts in that category, in id order, with the
 * total of them; the plain list (no category) must page through a unit's tasks the same way.
 */
static void compare_lists(struct app *ctx, const int64_t *unit_ids, struct error *e)
{
    static const char *const cats[] = {"open", "open_overdue", "done_on_time", "done_late",
                                       "due_soon", "no_deadline", NULL};
    static const struct {
        const char *unit;
        bool subtree;
    } qs[] = {{"P", true}, {"P.A", true}, {"P.A.1", false}, {"P.B.2", false}};
    static const int days_ymd[][3] = {{2020, 6, 30}, {2021, 3, 15}, {2021, 12, 31}};
    struct task_filter all = {.assigned_from = DAY_NONE, .assigned_to = DAY_NONE,
                              .deadline_from = DAY_NONE, .deadline_to = DAY_NONE,
                              .open_at = DAY_NONE};
    struct task_rec *tasks;
    size_t n;
    if (store_task_list(ctx->s, ctx->a, &all, &tasks, &n, NULL, e)) {
        CHECK(e->message, 0);
        return;
    }
    struct task_standing *ref = calloc(n, sizeof *ref);
    int64_t *want = calloc(n + 1, sizeof *want), *got = calloc(n + 1, sizeof *got);
    int failures = 0;
    for (size_t k = 0; k < sizeof days_ymd / sizeof days_ymd[0]; k++) {
        day_num day = day_from_ymd(days_ymd[k][0], days_ymd[k][1], days_ymd[k][2]);
        for (size_t i = 0; i < n; i++) {
            struct arena ta = ARENA_INIT;
            struct event_rec *ev;
            size_t n_ev;
            bool awaiting;
            if (store_task_events(ctx->s, &ta, tasks[i].id, &ev, &n_ev, e) == ERR_OK) {
                struct task_dates d = reference_dates(&tasks[i], ev, n_ev, day, &awaiting);
                ref[i] = task_standing_at(&d, day, ctx->soon_days);
            }
            arena_release(&ta);
        }
        for (size_t q = 0; q < sizeof qs / sizeof qs[0]; q++) {
            struct unit_set cover = UNIT_SET_INIT;
            int64_t root = 0;
            app_unit_resolve(ctx, qs[q].unit, "unit", &root, e);
            app_unit_cover(ctx, root, qs[q].subtree, &cover, e);
            for (const char *const *c = cats; *c; c++) {
                size_t nw = 0, ng = 0, total = 0;
                for (size_t i = 0; i < n; i++)
                    if (unit_set_has(&cover, tasks[i].lead_unit_id) &&
                        reference_in_category(*c, &ref[i]))
                        want[nw++] = tasks[i].id;
                qsort(want, nw, sizeof *want, id_order);
                bool standing_ok = true;
                for (size_t offset = 0;; offset += 37) {
                    struct task_list_query tq = {.unit = qs[q].unit, .subtree = qs[q].subtree,
                                                 .category = *c, .as_of = iso(ctx->a, day),
                                                 .limit = 37, .offset = offset};
                    struct task_item *items;
                    size_t ni;
                    day_num as_of;
                    if (app_task_list(ctx, &tq, &items, &ni, &total, &as_of, e)) {
                        CHECK(e->message, 0);
                        break;
                    }
                    for (size_t i = 0; i < ni && ng < n; i++) {
                        got[ng++] = items[i].t.id;
                        standing_ok &= reference_in_category(*c, &items[i].standing);
                    }
                    if (ni < 37)
                        break;
                }
                bool same = ng == nw && total == nw &&
                            (nw == 0 || memcmp(got, want, nw * sizeof *want) == 0);
                if ((!same || !standing_ok) && failures++ < 5)
                    printf("FAIL list %s%s %s on %s: %zu listed, total %zu, reference %zu\n",
                           qs[q].unit, qs[q].subtree ? " subtree" : "", *c,
                           iso(ctx->a, day), ng, total, nw);
                CHECK("category list = reference, page by page", same);
                CHECK("listed standings are in the category", standing_ok);
            }
            if (k == 0) {
                /* No category: every task the unit leads, in id order, with its total. */
                size_t nw = 0, ng = 0, total = 0;
                for (size_t i = 0; i < n; i++)
                    if (unit_set_has(&cover, tasks[i].lead_unit_id))
                        want[nw++] = tasks[i].id;
                qsort(want, nw, sizeof *want, id_order);
                for (size_t offset = 0;; offset += 41) {
                    struct task_list_query tq = {.unit = qs[q].unit, .subtree = qs[q].subtree,
                                                 .limit = 41, .offset = offset};
                    struct task_item *items;
                    size_t ni;
                    day_num as_of;
                    if (app_task_list(ctx, &tq, &items, &ni, &total, &as_of, e)) {
                        CHECK(e->message, 0);
                        break;
                    }
                    for (size_t i = 0; i < ni && ng < n; i++)
                        got[ng++] = items[i].t.id;
                    if (ni < 41)
                        break;
                }
                CHECK("plain list = the unit's tasks, page by page",
                      ng == nw && total == nw && memcmp(got, want, nw * sizeof *want) == 0);
            }
            unit_set_release(&cover);
        }
    }
    (void)unit_ids;
    free(ref);
    free(want);
    free(got);
}

static void run_backend(const char *url)
{
    struct error e = ERROR_INIT;
    struct store *s;
    printf("backend: %s\n", url);
    if (store_open(url, &s, &e)) {
        CHECK(e.message, 0);
        return;
    }
    bool empty;
    if (store_is_empty(s, &empty, &e) == ERR_OK && !empty)
        store_wipe(s, &e);
    struct arena a = ARENA_INIT;
    struct app ctx;
    app_init(&ctx, s, &a, day_from_ymd(2023, 12, 31), "test", &e);
    int64_t unit_ids[N_UNITS];
    rng_state = 0x9e3779b97f4a7c15ULL;
    CHECK_INT_EQ("begin", store_begin(s, &e), 0);
    int rc = build_units(&ctx, unit_ids, &e);
    CHECK_INT_EQ("units", rc, 0);
    /* A merged unit: P.A.OLD closed into P.A.1; its tasks add up under P.A.1. */
    rc = app_unit_close(&ctx, "P.A.OLD", "2021-06-30", "P.A.1", &e);
    CHECK_INT_EQ("merge", rc, 0);
    for (int i = 0; i < N_TASKS && !rc; i++) {
        struct arena ta = ARENA_INIT;
        ctx.a = &ta;
        rc = random_task(&ctx, unit_ids, &e);
        ctx.a = &a;
        arena_release(&ta);
    }
    if (rc)
        printf("FAIL generating: %s (%s)\n", e.message, e.field);
    CHECK_INT_EQ("generate tasks", rc, 0);
    CHECK_INT_EQ("commit", store_commit(s, &e), 0);

    struct ref_ctx r = {.ctx = &ctx, .unit_ids = unit_ids};
    day_num days[64];
    size_t nd = 0;
    for (day_num d = day_from_ymd(2019, 12, 25); d < day_from_ymd(2022, 6, 1) && nd < 60;
         d += 15 + (day_num)(nd % 7))
        days[nd++] = d;
    days[nd++] = day_from_ymd(2030, 1, 1);
    r.days = days;
    r.n_days = nd;
    r.ref = calloc(nd, sizeof *r.ref);
    if (build_reference(&r, &e))
        CHECK(e.message, 0);
    compare_totals(&r, "running totals = reference", &e);
    compare_summaries(&r, &e);
    compare_lists(&ctx, unit_ids, &e);

    /* Rebuilt from scratch, the totals must be the same. */
    CHECK_INT_EQ("rebuild", store_agg_rebuild(s, 3, &e), 0);
    compare_totals(&r, "rebuilt totals = reference", &e);

    free(r.ref);
    arena_release(&a);
    store_close(s);
}

int main(void)
{
    const char *tmp = getenv("GIAOBAN_TEST_TMP");
    char path[512];
    snprintf(path, sizeof path, "%s/agreement-%d.db", tmp && *tmp ? tmp : "/tmp", (int)getpid());
    run_backend(path);
    unlink(path);
    const char *pg = getenv("GIAOBAN_TEST_PG");
    if (pg && *pg)
        run_backend(pg);
    else
        printf("PostgreSQL: skipped (GIAOBAN_TEST_PG not set)\n");
    return check_report();
}
