/*
 * bench/bench_calendar.c - the cost of working days beside today's classification.
 *
 *   build/bench/bench_calendar [--calls N]
 *
 * Times, per call, in nanoseconds of CPU time (median of 5 rounds of N
 * calls each, default N = 1,000,000, over random days of 2020-2027):
 *   - task_standing_at: the classification every figure is made of (baseline);
 *   - calendar_is_working_day;
 *   - calendar_add_working_days with n = 10, with n uniform in 1..30 (the
 *     one-stop procedures' limits), and with n = 366 (the most);
 *   - a task with a working-day deadline: add_working_days(assigned, 10)
 *     then task_standing_at (what resolving at classification time would cost;
 *     the plan is to resolve once, on assignment, and store the day);
 * and calendar_init once (all of 1900-2199). Figures go to docs/PERFORMANCE.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/calendar.h"
#include "core/status.h"

static double cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static uint64_t rng = 88172645463325252ull;
static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

enum kind { K_STATUS, K_IS_WORKING, K_ADD10, K_ADD_1_30, K_ADD366, K_WORKDAY_TASK, K_COUNT };
static const char *const NAMES[K_COUNT] = {
    "task_standing_at (baseline)",     "calendar_is_working_day",
    "calendar_add_working_days n=10",  "calendar_add_working_days n=1..30",
    "calendar_add_working_days n=366", "add_working_days(10) + task_standing_at",
};

static struct calendar cal;
static volatile long long sink;

static double round_ns(enum kind k, const day_num *days, const int *ns, size_t calls)
{
    long long acc = 0;
    double t0 = cpu_ns();
    for (size_t i = 0; i < calls; i++) {
        day_num d = days[i], out = d;
        switch (k) {
        case K_STATUS: {
            struct task_dates t = {d, d + ns[i], (i & 1) ? d + 2 * ns[i] : DAY_NONE, DAY_NONE};
            acc += task_standing_at(&t, d + 20, 3).bucket;
            break;
        }
        case K_IS_WORKING:
            acc += calendar_is_working_day(&cal, d);
            break;
        case K_ADD10:
            calendar_add_working_days(&cal, d, 10, &out, NULL);
            acc += out;
            break;
        case K_ADD_1_30:
            calendar_add_working_days(&cal, d, ns[i], &out, NULL);
            acc += out;
            break;
        case K_ADD366:
            calendar_add_working_days(&cal, d, 366, &out, NULL);
            acc += out;
            break;
        case K_WORKDAY_TASK: {
            calendar_add_working_days(&cal, d, 10, &out, NULL);
            struct task_dates t = {d, out, (i & 1) ? d + 2 * ns[i] : DAY_NONE, DAY_NONE};
            acc += task_standing_at(&t, d + 20, 3).bucket;
            break;
        }
        case K_COUNT:
            break;
        }
    }
    double t1 = cpu_ns();
    sink += acc;
    return (t1 - t0) / (double)calls;
}

int main(int argc, char **argv)
{
    size_t calls = 1000000;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--calls") == 0 && i + 1 < argc) {
            calls = (size_t)strtoul(argv[++i], NULL, 10);
        } else {
            fprintf(stderr, "usage: bench_calendar [--calls N]\n");
            return 2;
        }
    }
    if (calls == 0)
        calls = 1;
    double t0 = cpu_ns();
    struct error e = ERROR_INIT;
    if (calendar_init(&cal, NULL, 0, &e)) {
        fprintf(stderr, "calendar_init: %s\n", e.message);
        return 1;
    }
    double init_ms = (cpu_ns() - t0) / 1e6;

    day_num *days = malloc(calls * sizeof *days);
    int *ns = malloc(calls * sizeof *ns);
    if (!days || !ns)
        return 1;
    day_num first = day_from_ymd(2020, 1, 1), span = day_from_ymd(2027, 12, 31) - first + 1;
    for (size_t i = 0; i < calls; i++) {
        days[i] = first + (day_num)(next_rand() % (uint32_t)span);
        ns[i] = 1 + (int)(next_rand() % 30);
    }
    printf("calendar_init (1900-2199): %.2f ms CPU\n", init_ms);
    printf("%zu calls per round, median of 5 rounds, CPU ns per call:\n", calls);
    for (int k = 0; k < K_COUNT; k++) {
        size_t n = k == K_ADD366 ? (calls / 20 ? calls / 20 : 1) : calls;
        double r[5];
        round_ns((enum kind)k, days, ns, n / 10 ? n / 10 : 1); /* warm-up */
        for (int j = 0; j < 5; j++)
            r[j] = round_ns((enum kind)k, days, ns, n);
        qsort(r, 5, sizeof r[0], cmp_double);
        printf("  %-42s %8.1f ns%s\n", NAMES[k], r[2], k == K_ADD366 ? " (calls/20)" : "");
    }
    free(days);
    free(ns);
    return 0;
}
