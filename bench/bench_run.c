/*
 * bench/bench_run.c - times what users wait for, on a dataset of bench_gen.
 *
 *   build-bench/bench/bench_run --db URL [--runs N] [--only LABEL]
 *
 * Owns the timed questions of docs/PERFORMANCE.md, asked through the app
 * layer (app_summary, app_task_list) exactly as the CLI and the HTTP API
 * ask them, so a figure here is what a user waits for, minus printing:
 *   - the province summary (the whole tree, --subtree) as of several days, and its
 *     counts alone (the running totals, without the overdue list);
 *   - one district's summary (its subtree) and one commune's;
 *   - a commune's overdue list (task list, category open_overdue).
 * Each question is asked once to warm the caches, then `runs` times; the
 * median, the fastest and the slowest are printed, with the size of the
 * answer so the two backends can be checked to agree. Each run has its own
 * arena, as each command has. Output: one line per question,
 *   backend  question  as_of  median_ms  min_ms  max_ms  cpu_median_ms  answer
 * The CPU time is this process's only (on PostgreSQL the server's is not in
 * it); on a busy machine it is the steadier figure for SQLite.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/xalloc.h"

#define RUNS_MAX 101

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void die_on(int rc, const struct error *e, const char *what)
{
    if (rc) {
        fprintf(stderr, "bench_run: %s: %s (%s)\n", what, e->message, error_code_name(rc));
        exit(1);
    }
}

enum question {
    Q_SUMMARY,   /* app_summary: counts, lines per unit, the overdue list with contents */
    Q_DASHBOARD, /* the same with the 50 most overdue listed, as the dashboard and API ask */
    Q_TOTALS,  /* its first half alone: the counts from the running totals (store_agg_counts) */
    Q_OVERDUE, /* app_task_list, category open_overdue */
};

struct ask {
    enum question q;
    const char *label;
    const char *unit; /* a code */
    bool subtree;
    const char *as_of;
};

/* One run: ask, and describe the answer in `answer`. */
static double run_once(struct store *s, day_num today, const struct ask *k, char *answer,
                       size_t len)
{
    struct arena a = ARENA_INIT;
    struct app ctx;
    struct error e = {0};
    double t0 = now_ms();
    die_on(app_init(&ctx, s, &a, today, "bench", &e), &e, "app_init");
    if (k->q == Q_TOTALS) {
        const struct unit_tree *tree;
        struct unit_set lead = UNIT_SET_INIT;
        int64_t unit;
        day_num day;
        struct unit_counts *uc;
        size_t n;
        die_on(app_unit_resolve(&ctx, k->unit, "unit", &unit, &e), &e, "unit");
        die_on(app_parse_day(&ctx, k->as_of, false, "as_of", &day, &e), &e, "as_of");
        die_on(store_unit_tree(s, &tree, &e), &e, "tree");
        unit_tree_cover(tree, unit, k->subtree, &lead);
        /* As app_summary asks it: a cover of every unit is no filter. */
        die_on(store_agg_counts(s, &a, lead.n == tree->n ? NULL : &lead, NULL, day, &uc, &n, &e),
               &e, "totals");
        double t1 = now_ms();
        int64_t c[CNT_N] = {0};
        for (size_t i = 0; i < n; i++)
            for (int j = 0; j < CNT_N; j++)
                c[j] += uc[i].c[j];
        snprintf(answer, len, "assigned=%lld open_overdue=%lld units=%zu",
                 (long long)c[CNT_ASSIGNED], (long long)c[CNT_OPEN_OVERDUE], n);
        unit_set_release(&lead);
        arena_release(&a);
        return t1 - t0;
    }
    if (k->q == Q_SUMMARY || k->q == Q_DASHBOARD) {
        struct summary_query q = {.unit = k->unit, .subtree = k->subtree, .as_of = k->as_of,
                                  .overdue_limit = k->q == Q_DASHBOARD ? 50 : 0};
        struct summary sm;
        die_on(app_summary(&ctx, &q, &sm, &e), &e, "summary");
        double t1 = now_ms();
        snprintf(answer, len,
                 "assigned=%lld done_on_time=%lld done_late=%lld open_in_time=%lld "
                 "open_overdue=%lld no_deadline=%lld units=%zu overdue_listed=%zu%s",
                 (long long)sm.c[CNT_ASSIGNED],
                 (long long)(sm.c[CNT_DONE_BEFORE] + sm.c[CNT_DONE_ON_DAY]),
                 (long long)sm.c[CNT_DONE_LATE], (long long)sm.c[CNT_OPEN_IN_TIME],
                 (long long)sm.c[CNT_OPEN_OVERDUE],
                 (long long)(sm.c[CNT_NODL_DONE] + sm.c[CNT_NODL_OPEN]), sm.n_by_unit,
                 sm.n_overdue, sm.from_totals ? "" : " (task by task)");
        arena_release(&a);
        return t1 - t0;
    }
    struct task_list_query q = {.unit = k->unit, .subtree = k->subtree,
                                .category = "open_overdue", .as_of = k->as_of, .limit = 1000};
    struct task_item *items;
    size_t n, total;
    day_num as_of;
    die_on(app_task_list(&ctx, &q, &items, &n, &total, &as_of, &e), &e, "task list");
    double t1 = now_ms();
    snprintf(answer, len, "listed=%zu total=%zu", n, total);
    arena_release(&a);
    return t1 - t0;
}

int main(int argc, char **argv)
{
    const char *url = NULL;
    int runs = 9;
    const char *only = NULL; /* ask only the questions whose label contains this */
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            url = argv[++i];
        else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
            only = argv[++i];
        else {
            fprintf(stderr, "usage: bench_run --db URL [--runs N] [--only LABEL]\n");
            return 2;
        }
    }
    if (!url || runs < 1 || runs > RUNS_MAX) {
        fprintf(stderr, "usage: bench_run --db URL [--runs N (1..%d)]\n", RUNS_MAX);
        return 2;
    }
    /* As the server sets it (cmd_serve.c): each question frees its arena, and glibc would
     * otherwise give the pages back and fault them in again on the next one. */
    mallopt(M_TRIM_THRESHOLD, 32 << 20);
    struct error e = {0};
    struct store *s;
    die_on(store_open(url, &s, &e), &e, "open");

    /* The units asked about: the province, its first district, that district's first
     * commune still open (bench_gen makes the same tree from the same seed). */
    struct arena ua = ARENA_INIT;
    struct unit_rec *units;
    size_t n_units;
    die_on(store_unit_list(s, &ua, &units, &n_units, &e), &e, "units");
    const char *prov = NULL, *district = NULL, *commune = NULL;
    int64_t district_id = 0;
    for (size_t i = 0; i < n_units; i++) {
        const struct unit_rec *u = &units[i];
        if (!prov && strcmp(u->kind, "tinh") == 0)
            prov = u->code;
        if (!district && strcmp(u->kind, "huyen") == 0) {
            district = u->code;
            district_id = u->id;
        }
        if (district && !commune && strcmp(u->kind, "xa") == 0 && u->parent_id == district_id &&
            u->valid_to == DAY_NONE)
            commune = u->code;
    }
    if (!prov || !district || !commune) {
        fprintf(stderr, "bench_run: %s holds no dataset of bench_gen\n", url);
        return 1;
    }
    day_num today = day_from_ymd(2024, 12, 31);
    const struct ask asks[] = {
        {Q_SUMMARY, "province summary", prov, true, "2020-06-19"},
        {Q_SUMMARY, "province summary", prov, true, "2021-09-07"},
        {Q_SUMMARY, "province summary", prov, true, "2022-12-31"},
        {Q_SUMMARY, "province summary", prov, true, "2023-06-15"},
        {Q_SUMMARY, "province summary", prov, true, "2024-12-31"},
        {Q_DASHBOARD, "province dashboard (50 most overdue)", prov, true, "2020-06-19"},
        {Q_DASHBOARD, "province dashboard (50 most overdue)", prov, true, "2021-09-07"},
        {Q_DASHBOARD, "province dashboard (50 most overdue)", prov, true, "2022-12-31"},
        {Q_DASHBOARD, "province dashboard (50 most overdue)", prov, true, "2023-06-15"},
        {Q_DASHBOARD, "province dashboard (50 most overdue)", prov, true, "2024-12-31"},
        {Q_TOTALS, "province counts only", prov, true, "2022-12-15"},
        {Q_TOTALS, "province counts only", prov, true, "2022-12-31"},
        {Q_TOTALS, "province counts only", prov, true, "2024-12-31"},
        {Q_SUMMARY, "district summary", district, true, "2022-12-31"},
        {Q_SUMMARY, "district summary", district, true, "2024-12-31"},
        {Q_SUMMARY, "commune summary", commune, false, "2022-12-31"},
        {Q_SUMMARY, "commune summary", commune, false, "2024-12-31"},
        {Q_OVERDUE, "commune overdue list", commune, false, "2022-12-31"},
        {Q_OVERDUE, "commune overdue list", commune, false, "2024-12-31"},
        {Q_OVERDUE, "district overdue list", district, true, "2024-12-31"},
    };
    printf("# backend %s, %d runs each after one warm-up; province %s, district %s, commune %s\n",
           store_backend(s), runs, prov, district, commune);
    double t[RUNS_MAX], cpu[RUNS_MAX];
    char answer[400];
    for (size_t i = 0; i < sizeof asks / sizeof asks[0]; i++) {
        if (only && !strstr(asks[i].label, only))
            continue;
        run_once(s, today, &asks[i], answer, sizeof answer); /* warm-up */
        for (int r = 0; r < runs; r++) {
            double c0 = cpu_ms();
            t[r] = run_once(s, today, &asks[i], answer, sizeof answer);
            cpu[r] = cpu_ms() - c0;
        }
        qsort(t, (size_t)runs, sizeof t[0], cmp_double);
        qsort(cpu, (size_t)runs, sizeof cpu[0], cmp_double);
        printf("%-8s  %-22s  %s  %8.2f  %8.2f  %8.2f  %8.2f  %s\n", store_backend(s),
               asks[i].label, asks[i].as_of, t[runs / 2], t[0], t[runs - 1], cpu[runs / 2],
               answer);
        fflush(stdout);
    }
    arena_release(&ua);
    store_close(s);
    return 0;
}
