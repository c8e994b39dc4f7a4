/*
 * tests/core/test_status.c - task_standing_at() against DOMAIN.md, "Task
 * status, as of a date", one named row per rule and per edge (SQLite's
 * {tn expr res} style), then a day-by-day sweep against the rule written
 * out independently, then the labels of every bucket.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "core/status.h"

#define NO DAY_NONE

static const struct status_case {
    const char *name;
    struct task_dates t; /* assigned, deadline, completed, cancelled */
    day_num day;
    int soon;
    enum task_bucket bucket;
    int overdue;
    bool due_soon;
} cases[] = {
    /* Counted at all? */
    {"not yet assigned", {10, 20, NO, NO}, 9, 3, TASK_UNCOUNTED, 0, false},
    {"not yet assigned, done later", {10, 20, 15, NO}, 9, 3, TASK_UNCOUNTED, 0, false},
    {"no assignment date", {NO, 20, NO, NO}, 15, 3, TASK_UNCOUNTED, 0, false},
    {"assigned on the day", {10, 20, NO, NO}, 10, 3, TASK_OPEN_IN_TIME, 0, false},
    {"cancelled before the day", {10, 20, NO, 12}, 15, 3, TASK_UNCOUNTED, 0, false},
    {"cancelled on the day", {10, 20, NO, 15}, 15, 3, TASK_UNCOUNTED, 0, false},
    {"cancelled after the day, in time", {10, 20, NO, 16}, 15, 3, TASK_OPEN_IN_TIME, 0, false},
    {"cancelled after the day, overdue", {10, 20, NO, 30}, 25, 3, TASK_OPEN_OVERDUE, 5, false},
    {"cancelled on the assignment day", {10, 20, NO, 10}, 10, 3, TASK_UNCOUNTED, 0, false},
    {"done, cancelled after the day", {10, 20, 15, 18}, 17, 3, TASK_DONE_EARLY, 0, false},
    {"done, cancelled on the day", {10, 20, 15, 18}, 18, 3, TASK_UNCOUNTED, 0, false},
    {"done late, cancel still ahead", {10, 20, 25, 40}, 30, 3, TASK_DONE_LATE, 0, false},
    /* Done, seen on or after the completion. */
    {"done well before the deadline", {10, 20, 15, NO}, 25, 3, TASK_DONE_EARLY, 0, false},
    {"done the day before the deadline", {10, 20, 19, NO}, 19, 3, TASK_DONE_EARLY, 0, false},
    {"done on the as-of day, early", {10, 20, 15, NO}, 15, 3, TASK_DONE_EARLY, 0, false},
    {"done on the assignment day", {10, 20, 10, NO}, 10, 3, TASK_DONE_EARLY, 0, false},
    {"done on the deadline day", {10, 20, 20, NO}, 20, 3, TASK_DONE_ON_DAY, 0, false},
    {"done on the deadline day, seen later", {10, 20, 20, NO}, 40, 3, TASK_DONE_ON_DAY, 0, false},
    {"done one day late", {10, 20, 21, NO}, 21, 3, TASK_DONE_LATE, 0, false},
    {"done late, seen much later", {10, 20, 30, NO}, 100, 3, TASK_DONE_LATE, 0, false},
    {"done late, seen on the completion day", {10, 20, 22, NO}, 22, 0, TASK_DONE_LATE, 0, false},
    /* A completion dated after the day has not happened yet. */
    {"completion ahead, in time, due soon", {10, 20, 18, NO}, 17, 3, TASK_OPEN_IN_TIME, 0, true},
    {"completion ahead, in time, not soon", {10, 20, 15, NO}, 14, 3, TASK_OPEN_IN_TIME, 0, false},
    {"completion ahead, overdue", {10, 20, 30, NO}, 25, 3, TASK_OPEN_OVERDUE, 5, false},
    {"completion the next day, deadline today", {10, 20, 21, NO}, 20, 3, TASK_OPEN_IN_TIME, 0,
     true},
    /* Open, with a deadline. */
    {"open, far from the deadline", {10, 40, NO, NO}, 11, 3, TASK_OPEN_IN_TIME, 0, false},
    {"open, exactly soon_days ahead", {10, 20, NO, NO}, 17, 3, TASK_OPEN_IN_TIME, 0, true},
    {"open, soon_days + 1 ahead", {10, 20, NO, NO}, 16, 3, TASK_OPEN_IN_TIME, 0, false},
    {"open, one day ahead", {10, 20, NO, NO}, 19, 3, TASK_OPEN_IN_TIME, 0, true},
    {"open, on the deadline day", {10, 20, NO, NO}, 20, 3, TASK_OPEN_IN_TIME, 0, true},
    {"open, the day after the deadline", {10, 20, NO, NO}, 21, 3, TASK_OPEN_OVERDUE, 1, false},
    {"open, 100 days overdue", {10, 20, NO, NO}, 120, 3, TASK_OPEN_OVERDUE, 100, false},
    {"deadline on the assignment day", {10, 10, NO, NO}, 10, 3, TASK_OPEN_IN_TIME, 0, true},
    {"deadline before the assignment", {10, 5, NO, NO}, 10, 3, TASK_OPEN_OVERDUE, 5, false},
    {"days before 1970", {-100, -50, NO, NO}, -40, 3, TASK_OPEN_OVERDUE, 10, false},
    {"real dates: due 2020-09-15, seen 09-14", {18500, 18520, NO, NO}, 18519, 3,
     TASK_OPEN_IN_TIME, 0, true},
    /* soon_days other than 3. */
    {"soon 0: on the deadline day", {10, 20, NO, NO}, 20, 0, TASK_OPEN_IN_TIME, 0, true},
    {"soon 0: the day before", {10, 20, NO, NO}, 19, 0, TASK_OPEN_IN_TIME, 0, false},
    {"soon 0: the day after", {10, 20, NO, NO}, 21, 0, TASK_OPEN_OVERDUE, 1, false},
    {"soon 7: exactly 7 days ahead", {10, 20, NO, NO}, 13, 7, TASK_OPEN_IN_TIME, 0, true},
    {"soon 7: 8 days ahead", {10, 20, NO, NO}, 12, 7, TASK_OPEN_IN_TIME, 0, false},
    {"soon 7: the day after", {10, 20, NO, NO}, 21, 7, TASK_OPEN_OVERDUE, 1, false},
    {"soon 7: done, not soon", {10, 20, 12, NO}, 15, 7, TASK_DONE_EARLY, 0, false},
    /* No deadline: counted apart, never soon, never overdue. */
    {"no deadline, open", {10, NO, NO, NO}, 50, 3, TASK_NO_DEADLINE_OPEN, 0, false},
    {"no deadline, open years later", {10, NO, NO, NO}, 5000, 7, TASK_NO_DEADLINE_OPEN, 0, false},
    {"no deadline, done", {10, NO, 30, NO}, 50, 3, TASK_NO_DEADLINE_DONE, 0, false},
    {"no deadline, done on the day", {10, NO, 30, NO}, 30, 3, TASK_NO_DEADLINE_DONE, 0, false},
    {"no deadline, done after the day", {10, NO, 30, NO}, 29, 3, TASK_NO_DEADLINE_OPEN, 0, false},
    {"no deadline, cancelled on the day", {10, NO, NO, 20}, 20, 3, TASK_UNCOUNTED, 0, false},
    {"no deadline, cancel ahead", {10, NO, NO, 20}, 19, 3, TASK_NO_DEADLINE_OPEN, 0, false},
    {"no deadline, not yet assigned", {10, NO, NO, NO}, 5, 3, TASK_UNCOUNTED, 0, false},
};

static void check_table(void)
{
    char name[160];
    size_t n = sizeof cases / sizeof cases[0];
    CHECK("at least 30 rows", n >= 30);
    for (size_t i = 0; i < n; i++) {
        const struct status_case *c = &cases[i];
        struct task_standing s = task_standing_at(&c->t, c->day, c->soon);
        snprintf(name, sizeof name, "[%zu] %s: bucket (%s)", i + 1, c->name,
                 task_bucket_name(s.bucket));
        CHECK_INT_EQ(name, s.bucket, c->bucket);
        snprintf(name, sizeof name, "[%zu] %s: days_overdue", i + 1, c->name);
        CHECK_INT_EQ(name, s.days_overdue, c->overdue);
        snprintf(name, sizeof name, "[%zu] %s: due_soon", i + 1, c->name);
        CHECK_INT_EQ(name, s.due_soon, c->due_soon);
    }
}

/* The rule of DOMAIN.md written out again, by cases on the day, for the sweep. */
static struct task_standing expected(const struct task_dates *t, day_num day, int soon)
{
    struct task_standing s = {TASK_UNCOUNTED, 0, false};
    if (day < t->assigned || (t->cancelled != NO && day >= t->cancelled))
        return s;
    if (t->completed != NO && day >= t->completed) {
        if (t->deadline == NO)
            s.bucket = TASK_NO_DEADLINE_DONE;
        else if (t->completed == t->deadline)
            s.bucket = TASK_DONE_ON_DAY;
        else
            s.bucket = t->completed < t->deadline ? TASK_DONE_EARLY : TASK_DONE_LATE;
    } else if (t->deadline == NO) {
        s.bucket = TASK_NO_DEADLINE_OPEN;
    } else if (day > t->deadline) {
        s.bucket = TASK_OPEN_OVERDUE;
        s.days_overdue = day - t->deadline;
    } else {
        s.bucket = TASK_OPEN_IN_TIME;
        s.due_soon = day >= t->deadline - soon;
    }
    return s;
}

/* Every combination of small dates, every day around them: bucket, overdue, soon. */
static void check_sweep(void)
{
    static const day_num dl[] = {NO, 8, 10, 14, 20};
    static const day_num cp[] = {NO, 9, 10, 14, 20, 21, 25};
    static const day_num cn[] = {NO, 10, 13, 22};
    static const int soon[] = {0, 3, 7};
    long bad = 0, n = 0;
    for (size_t a = 0; a < 5; a++)
        for (size_t b = 0; b < 7; b++)
            for (size_t c = 0; c < 4; c++)
                for (size_t k = 0; k < 3; k++)
                    for (day_num day = 0; day <= 30; day++) {
                        struct task_dates t = {10, dl[a], cp[b], cn[c]};
                        struct task_standing got = task_standing_at(&t, day, soon[k]);
                        struct task_standing want = expected(&t, day, soon[k]);
                        n++;
                        if (got.bucket == want.bucket && got.days_overdue == want.days_overdue &&
                            got.due_soon == want.due_soon)
                            continue;
                        if (bad++ < 10)
                            printf("sweep: dates {10,%d,%d,%d} day %d soon %d: got %s/%d/%d "
                                   "want %s/%d/%d\n",
                                   (int)t.deadline, (int)t.completed, (int)t.cancelled, (int)day,
                                   soon[k], task_bucket_name(got.bucket), got.days_overdue,
                                   got.due_soon, task_bucket_name(want.bucket), want.days_overdue,
                                   want.due_soon);
                    }
    CHECK_INT_EQ("sweep: cases evaluated", n, 5 * 7 * 4 * 3 * 31);
    CHECK_INT_EQ("sweep: disagreements with the rule", bad, 0);
}

static void check_labels(void)
{
    static const enum task_bucket all[] = {
        TASK_UNCOUNTED,    TASK_DONE_EARLY,       TASK_DONE_ON_DAY,      TASK_DONE_LATE,
        TASK_OPEN_IN_TIME, TASK_OPEN_OVERDUE, TASK_NO_DEADLINE_DONE, TASK_NO_DEADLINE_OPEN,
    };
    size_t n = sizeof all / sizeof all[0];
    char name[96];
    for (size_t i = 0; i < n; i++) {
        const char *label = task_bucket_label(all[i]), *mname = task_bucket_name(all[i]);
        snprintf(name, sizeof name, "bucket %d has a label", (int)all[i]);
        CHECK(name, label && *label && strcmp(label, "?") != 0);
        snprintf(name, sizeof name, "bucket %d has a name", (int)all[i]);
        CHECK(name, mname && *mname && strcmp(mname, "?") != 0);
        for (size_t j = 0; j < i; j++) {
            snprintf(name, sizeof name, "buckets %d and %d: distinct labels and names",
                     (int)all[j], (int)all[i]);
            CHECK(name, strcmp(label, task_bucket_label(all[j])) != 0 &&
                            strcmp(mname, task_bucket_name(all[j])) != 0);
        }
    }
    CHECK_STR_EQ("name of done early", task_bucket_name(TASK_DONE_EARLY), "done_before");
    CHECK_STR_EQ("name of open overdue", task_bucket_name(TASK_OPEN_OVERDUE), "open_overdue");
    CHECK_STR_EQ("label of done late", task_bucket_label(TASK_DONE_LATE), "Hoàn thành quá hạn");
}

int main(void)
{
    check_table();
    check_sweep();
    check_labels();
    return check_report();
}
